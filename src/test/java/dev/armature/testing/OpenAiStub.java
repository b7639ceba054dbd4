package dev.armature.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible chat-completions server on 127.0.0.1 for tests: it answers {@link #content}
 * (word by word when the request asks to stream), or {@link #status} with an error body, records
 * every request, and can fail on purpose: each request first takes the next fault from {@link
 * #script}.
 */
public final class OpenAiStub implements AutoCloseable {
  /** A way to fail one request. */
  public enum Fault {
    SLOW,
    RATE_LIMITED,
    SERVER_ERROR,
    UNAVAILABLE,
    RESET,
    TRUNCATED_JSON,
    EMPTY_CHOICES,
    STREAM_CUT,
    BAD_REQUEST
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();

  /** The bodies of the requests received, in order. */
  public final List<String> bodies = new CopyOnWriteArrayList<>();

  /** Faults for the next requests, one each; an empty script answers normally. */
  public final Queue<Fault> script = new ConcurrentLinkedQueue<>();

  /** How many requests arrived. */
  public final AtomicInteger requests = new AtomicInteger();

  /** The status of normal answers; anything but 200 answers with an error body. */
  public volatile int status = 200;

  /** A wait before every normal answer. */
  public volatile long delayMillis;

  /** How long a {@link Fault#SLOW} request waits before it answers. */
  public volatile long slowMillis = 1500;

  /**
   * When set, every request is answered 401 with an error body that echoes its {@code
   * Authorization} header and names a Java type, as a careless provider or proxy does.
   */
  public volatile boolean echoAuthorization;

  /** The reply's text. */
  public volatile String content = "Hello from the stub";

  /**
   * Answers that call tools, one per request while any is left: each the JSON array of an OpenAI
   * message's {@code tool_calls} (streamed as one delta when the request streams). After them the
   * stub answers with {@link #content}.
   */
  public final Queue<String> toolCalls = new ConcurrentLinkedQueue<>();

  /**
   * When set, a request whose last message is a tool's result is answered {@code "The tool said:
   * <result>"}, so that a test sees an answer built from the result.
   */
  public volatile boolean echoToolResults;

  public OpenAiStub() {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(threads);
    server.createContext("/v1/chat/completions", this::handle);
    server.start();
  }

  /** The base URL an OpenAI client is given. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** The body of the last request received. */
  public String lastBody() {
    return bodies.get(bodies.size() - 1);
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    bodies.add(body);
    boolean stream = body.replaceAll("\\s", "").contains("\"stream\":true");
    if (echoAuthorization) {
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      send(
          exchange,
          401,
          "{\"error\":{\"message\":\"Incorrect API key provided. You sent Authorization: "
              + auth
              + " (failed in dev.langchain4j.model.openai.internal.chat.ChatCompletionResponse$Builder)\","
              + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
      return;
    }
    Fault fault = script.poll();
    if (fault != null) {
      fail(exchange, fault);
      return;
    }
    sleep(delayMillis);
    if (status != 200) {
      send(exchange, status, error("stub says " + status));
    } else if (stream && !toolCalls.isEmpty()) {
      sseToolCalls(exchange, toolCalls.poll());
    } else if (stream) {
      sse(exchange, true, reply(body));
    } else if (!toolCalls.isEmpty()) {
      send(exchange, 200, toolCompletion(toolCalls.poll()));
    } else {
      send(exchange, 200, completion(reply(body)));
    }
  }

  private void fail(HttpExchange exchange, Fault fault) throws IOException {
    switch (fault) {
      case SLOW:
        sleep(slowMillis);
        send(exchange, 200, completion("too late"));
        break;
      case RATE_LIMITED:
        exchange.getResponseHeaders().add("Retry-After", "2");
        send(exchange, 429, error("slow down"));
        break;
      case SERVER_ERROR:
        send(exchange, 500, error("internal error"));
        break;
      case UNAVAILABLE:
        send(exchange, 503, error("overloaded"));
        break;
      case RESET:
        exchange.close();
        break;
      case TRUNCATED_JSON:
        send(
            exchange,
            200,
            "{\"id\":\"c1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"mess");
        break;
      case EMPTY_CHOICES:
        send(
            exchange,
            200,
            "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"stub\",\"choices\":[]}");
        break;
      case STREAM_CUT:
        sse(exchange, false, content);
        break;
      default:
        send(exchange, 400, error("bad request"));
    }
  }

  /** The reply's text: {@link #content}, or the echo of a tool's result. */
  private String reply(String body) {
    if (!echoToolResults) {
      return content;
    }
    try {
      com.fasterxml.jackson.databind.JsonNode messages = JSON.readTree(body).path("messages");
      com.fasterxml.jackson.databind.JsonNode last = messages.path(messages.size() - 1);
      return "tool".equals(last.path("role").asText())
          ? "The tool said: " + last.path("content").asText()
          : content;
    } catch (IOException e) {
      return content;
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** The text as the inside of a JSON string. */
  private static String escaped(String text) {
    try {
      String quoted = JSON.writeValueAsString(text);
      return quoted.substring(1, quoted.length() - 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String completion(String text) {
    return "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"stub\",\"choices\":[{\"index\":0,"
        + "\"message\":{\"role\":\"assistant\",\"content\":\""
        + escaped(text)
        + "\"},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,\"total_tokens\":17}}";
  }

  private static String toolCompletion(String calls) {
    return "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"stub\",\"choices\":[{\"index\":0,"
        + "\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":"
        + calls
        + "},\"finish_reason\":\"tool_calls\"}],"
        + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,\"total_tokens\":17}}";
  }

  private static String error(String message) {
    return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"error\"}}";
  }

  /**
   * Sends the content word by word, the way OpenAI streams; a cut stream stops after the first
   * word.
   */
  private void sse(HttpExchange exchange, boolean complete, String text) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    for (String word : text.split("(?<= )")) {
      out.write(
          ("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"stub\","
                  + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
                  + escaped(word)
                  + "\"},\"finish_reason\":null}]}\n\n")
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      if (!complete) {
        exchange.close();
        return;
      }
    }
    out.write(
        ("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"stub\","
                + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,\"total_tokens\":17}}\n\ndata: [DONE]\n\n")
            .getBytes(StandardCharsets.UTF_8));
    out.close();
  }

  /**
   * Streams tool calls as OpenAI does: one delta with the calls (each with its index), then the
   * finish.
   */
  private static void sseToolCalls(HttpExchange exchange, String calls) throws IOException {
    com.fasterxml.jackson.databind.node.ArrayNode indexed =
        (com.fasterxml.jackson.databind.node.ArrayNode) JSON.readTree(calls);
    for (int i = 0; i < indexed.size(); i++) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) indexed.get(i)).put("index", i);
    }
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      String head =
          "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"stub\","
              + "\"choices\":[{\"index\":0,\"delta\":";
      out.write(
          (head
                  + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":"
                  + indexed
                  + "},\"finish_reason\":null}]}\n\n"
                  + head
                  + "{},\"finish_reason\":\"tool_calls\"}],"
                  + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,\"total_tokens\":17}}\n\n"
                  + "data: [DONE]\n\n")
              .getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sleep(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
