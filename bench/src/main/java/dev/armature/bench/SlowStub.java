package dev.armature.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The upstream model of the concurrent turns benchmark: an OpenAI-compatible {@code
 * /v1/chat/completions} on 127.0.0.1 that answers each request after a fixed delay, as a model
 * that takes its time would, each on a thread of its own (a virtual thread where the JVM has them)
 * so that it never limits how many wait at once. {@code GET /peak} answers the most requests it
 * held at once since the last {@code /peak}, and resets it; {@code GET /delay?ms=N} sets the delay
 * (a warm-up of serve runs at 0). Prints its port.
 *
 * <p>Usage: {@code SlowStub DELAY_MS}
 */
public final class SlowStub {
  private SlowStub() {}

  private static final AtomicInteger inFlight = new AtomicInteger();
  private static final AtomicInteger peak = new AtomicInteger();
  private static volatile long delay;

  public static void main(String[] args) throws Exception {
    delay = Long.parseLong(args[0]);
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer stub =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8192);
    stub.setExecutor(executor());
    byte[] reply = Stub.REPLY.getBytes(StandardCharsets.UTF_8);
    stub.createContext(
        "/v1/chat/completions",
        exchange -> {
          peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          try {
            exchange.getRequestBody().readAllBytes();
            Thread.sleep(delay);
            answer(exchange, "application/json", reply);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            inFlight.decrementAndGet();
          }
        });
    stub.createContext(
        "/delay",
        exchange -> {
          String query = exchange.getRequestURI().getQuery();
          delay = Long.parseLong(query.substring(query.indexOf('=') + 1));
          answer(exchange, "text/plain", Long.toString(delay).getBytes(StandardCharsets.US_ASCII));
        });
    stub.createContext(
        "/peak",
        exchange ->
            answer(
                exchange,
                "text/plain",
                Integer.toString(peak.getAndSet(0)).getBytes(StandardCharsets.US_ASCII)));
    stub.start();
    System.out.println(stub.getAddress().getPort());
    System.out.flush();
  }

  private static void answer(HttpExchange exchange, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** A virtual thread per request where the JVM has them, else a new or idle thread each. */
  static ExecutorService executor() {
    try {
      return (ExecutorService)
          MethodHandles.publicLookup()
              .findStatic(
                  Executors.class,
                  "newVirtualThreadPerTaskExecutor",
                  MethodType.methodType(ExecutorService.class))
              .invoke();
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return Executors.newCachedThreadPool();
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }
}
