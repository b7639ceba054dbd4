package dev.armature.model;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local OpenAI-compatible chat-completions endpoint on 127.0.0.1 that answers what it is told.
 */
final class OpenAiStub implements AutoCloseable {
  private final HttpServer server;
  final List<String> bodies = new CopyOnWriteArrayList<>();
  volatile int status = 200;
  volatile String content = "Hello from the stub";

  OpenAiStub() {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          String request =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          bodies.add(request);
          if (status == 200 && request.replaceAll("\\s", "").contains("\"stream\":true")) {
            streamWords(exchange);
            return;
          }
          String body =
              status == 200
                  ? "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"stub\",\"choices\":[{\"index\":0,"
                      + "\"message\":{\"role\":\"assistant\",\"content\":\""
                      + content
                      + "\"},\"finish_reason\":\"stop\"}],"
                      + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5,\"total_tokens\":17}}"
                  : "{\"error\":{\"message\":\"stub says " + status + "\",\"type\":\"error\"}}";
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  /** Sends the content word by word as server-sent events, the way OpenAI streams. */
  private void streamWords(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      String[] words = content.split("(?<= )");
      for (String word : words) {
        out.write(
            ("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"stub\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
                    + word
                    + "\"},\"finish_reason\":null}]}\n\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
      out.write(
          ("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"stub\","
                  + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n")
              .getBytes(StandardCharsets.UTF_8));
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
