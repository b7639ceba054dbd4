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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The upstream model of the concurrent turns benchmark: an OpenAI-compatible {@code
 * /v1/chat/completions} on 127.0.0.1 that answers each request after a fixed delay, as a model
 * that takes its time would, each on a thread of its own (a virtual thread where the JVM has them)
 * so that it never limits how many wait at once. {@code GET /peak} answers the most requests it
 * held at once since the last {@code /peak}, and resets it; {@code GET /arrivals} answers when the
 * requests since the last {@code /arrivals} came, as three wall-clock times in microseconds (the
 * first, the median and the last; {@code none} when none came), and resets them; {@code GET
 * /delay?ms=N} sets the delay (a warm-up of serve runs at 0). Prints its port.
 *
 * <p>Idle connections are kept open between requests, up to IDLE (default 10,000), as a provider's
 * server keeps a client's connections alive; the JDK server's own default closes all but 200, so
 * that after each burst serve and the stub reconnected 1,800 connections on the cores the
 * measurement shares (BENCHMARKS.md, "Bursts, fourth session").
 *
 * <p>Usage: {@code SlowStub DELAY_MS [IDLE]}
 */
public final class SlowStub {
  private SlowStub() {}

  private static final AtomicInteger inFlight = new AtomicInteger();
  private static final AtomicInteger peak = new AtomicInteger();
  private static final List<Long> arrivals = new ArrayList<>();
  private static volatile long delay;

  public static void main(String[] args) throws Exception {
    delay = Long.parseLong(args[0]);
    int idle = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    System.setProperty("sun.net.httpserver.nodelay", "true");
    System.setProperty("sun.net.httpserver.maxIdleConnections", Integer.toString(idle));
    HttpServer stub =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8192);
    stub.setExecutor(executor());
    byte[] reply = Stub.REPLY.getBytes(StandardCharsets.UTF_8);
    stub.createContext(
        "/v1/chat/completions",
        exchange -> {
          peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          long arrived = micros(Instant.now());
          synchronized (arrivals) {
            arrivals.add(arrived);
          }
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
    stub.createContext(
        "/arrivals",
        exchange -> {
          long[] times;
          synchronized (arrivals) {
            times = arrivals.stream().mapToLong(Long::longValue).sorted().toArray();
            arrivals.clear();
          }
          String answer =
              times.length == 0
                  ? "none"
                  : times[0] + " " + times[times.length / 2] + " " + times[times.length - 1];
          answer(exchange, "text/plain", answer.getBytes(StandardCharsets.US_ASCII));
        });
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

  /** Microseconds since the epoch: the clock the stub and the load, two processes, share. */
  static long micros(Instant time) {
    return time.getEpochSecond() * 1_000_000 + time.getNano() / 1_000;
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
