package dev.armature.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The upstream model of the server load benchmark: an OpenAI-compatible {@code
 * /v1/chat/completions} on 127.0.0.1 that reads the request and answers the same short completion
 * at once, in its own JVM. It answers on the server's dispatcher thread: no hand-off, so a request
 * costs it as little as the JDK's HTTP server allows. Prints the port it listens on, then serves
 * until the process is stopped.
 *
 * <p>Usage: {@code Stub [PORT]} (default 0: any free port).
 */
public final class Stub {
  private Stub() {}

  static final String REPLY =
      "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"stub\","
          + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Your order is on its way.\"},"
          + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":7,\"total_tokens\":57}}";

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
    byte[] reply = REPLY.getBytes(StandardCharsets.UTF_8);
    stub.createContext("/v1/chat/completions", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, reply.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply);
      }
    });
    stub.start();
    System.out.println(stub.getAddress().getPort());
    System.out.flush();
  }
}
