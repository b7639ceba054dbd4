package dev.armature;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible chat-completions server on 127.0.0.1 that fails on purpose: each request
 * takes the next fault from a script, and answers normally once the script is empty.
 */
final class FaultStub implements AutoCloseable {
  enum Fault {
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
  final Queue<Fault> script = new ConcurrentLinkedQueue<>();
  final AtomicInteger requests = new AtomicInteger();
  volatile String content = "All good";
  volatile long slowMillis = 1500;

  FaultStub() {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/v1/chat/completions", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    boolean stream = body.replaceAll("\\s", "").contains("\"stream\":true");
    Fault fault = script.poll();
    if (fault == null) {
      if (stream) {
        sse(exchange, true);
      } else {
        send(exchange, 200, completion(content));
      }
      return;
    }
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
        sse(exchange, false);
        break;
      default:
        send(exchange, 400, error("bad request"));
    }
  }

  private static String completion(String text) {
    return "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"stub\",\"choices\":[{\"index\":0,"
        + "\"message\":{\"role\":\"assistant\",\"content\":\""
        + text
        + "\"},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}";
  }

  private static String error(String message) {
    return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"error\"}}";
  }

  private void sse(HttpExchange exchange, boolean complete) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    for (String word : content.split("(?<= )")) {
      out.write(
          ("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"stub\",\"choices\":[{\"index\":0,"
                  + "\"delta\":{\"content\":\""
                  + word
                  + "\"},\"finish_reason\":null}]}\n\n")
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      if (!complete) {
        exchange.close();
        return;
      }
    }
    out.write(
        ("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"stub\",\"choices\":[{\"index\":0,"
                + "\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n")
            .getBytes(StandardCharsets.UTF_8));
    out.close();
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
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
