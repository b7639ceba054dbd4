package dev.armature.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A shop backend on the JDK's HTTP server, on a free port, whose paths answer as endpoints do and
 * misbehave as they may: {@code /orders} looks an order up, {@code /fail} is a 500 whose body
 * echoes the Authorization header, {@code /echo} a 200 object echoing it, {@code /text} not JSON,
 * {@code /array} JSON but no object, {@code /big} an object over 1 MiB, {@code /redirect} a 302,
 * and {@code /slow} answers only when the stub closes.
 */
final class EndpointStub implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final CountDownLatch closing = new CountDownLatch(1);

  /** The bodies received, in order. */
  final List<String> bodies = Collections.synchronizedList(new ArrayList<>());

  /** The Authorization headers received, in order. */
  final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

  final List<String> contentTypes = Collections.synchronizedList(new ArrayList<>());

  EndpointStub() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(threads);
    server.createContext(
        "/orders",
        x -> {
          String body = received(x);
          String id = body.replaceAll(".*\"order_id\":\"(\\d+)\".*", "$1");
          answer(x, 200, "{\"found\":true,\"order_id\":\"" + id + "\",\"status\":\"shipped\"}");
        });
    server.createContext(
        "/fail", x -> answer(x, 500, "internal error; Authorization: " + auth(received(x), x)));
    server.createContext(
        "/echo", x -> answer(x, 200, "{\"seen\":\"" + auth(received(x), x) + "\",\"ok\":true}"));
    server.createContext("/text", x -> answer(x, 200, "<html>not json</html>" + received(x)));
    server.createContext("/array", x -> answer(x, 200, "[1, 2]" + received(x).substring(0, 0)));
    server.createContext(
        "/big",
        x -> {
          received(x);
          answer(x, 200, "{\"blob\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}");
        });
    server.createContext(
        "/redirect",
        x -> {
          received(x);
          x.getResponseHeaders().add("Location", "/orders");
          answer(x, 302, "");
        });
    server.createContext(
        "/slow",
        x -> {
          received(x);
          try {
            closing.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          answer(x, 200, "{}");
        });
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private String received(HttpExchange x) throws IOException {
    String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    bodies.add(body);
    authorizations.add(String.valueOf(x.getRequestHeaders().getFirst("Authorization")));
    contentTypes.add(String.valueOf(x.getRequestHeaders().getFirst("Content-Type")));
    return body;
  }

  private static String auth(String body, HttpExchange x) {
    return String.valueOf(x.getRequestHeaders().getFirst("Authorization"));
  }

  private static void answer(HttpExchange x, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json");
    try {
      x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        x.getResponseBody().write(bytes);
      }
    } catch (IOException e) {
      // The client went away (a call given up on): nothing to answer.
    } finally {
      x.close();
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
