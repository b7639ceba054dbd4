package dev.armature.bench;

import com.sun.net.httpserver.HttpServer;
import dev.armature.model.Models;
import dev.armature.server.ArmatureServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Server load: an OpenAI-compatible stub on 127.0.0.1 is the upstream model; the same open-loop
 * load (a fixed request rate, latency measured from when each request was due, so a stall is not
 * hidden) is sent first to the stub directly and then to {@code armature serve}'s
 * {@code /v1/chat/completions} in front of it, in one run. Prints, tab-separated: rate asked,
 * then for direct and for Armature: rate achieved, p50 and p99 in microseconds, errors; then the
 * latency Armature adds at p50 and p99.
 *
 * <p>With RATE {@code 0}, it measures closed loop instead: one request at a time, after a warm-up
 * of the same length, and prints: 0, then for direct and for Armature p50 and p99 in
 * microseconds, then the latency added at p50 and p99.
 *
 * <p>Usage: {@code ServerLoad RULES_DIR RATE SECONDS}.
 */
public final class ServerLoad {
  private ServerLoad() {}

  private static final String REPLY = "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"stub\","
      + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Your order is on its way.\"},"
      + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":7,\"total_tokens\":57}}";
  private static final String[] MESSAGES = {
      "Where is my order 1182?", "I was charged twice, this is ridiculous", "How do I return a jacket?",
      "Thanks, that helps", "Can I get a refund for order 55120?", "hello", "my parcel is late again"};

  public static void main(String[] args) throws Exception {
    Path rules = Path.of(args[0]);
    int rate = Integer.parseInt(args[1]);
    int seconds = Integer.parseInt(args[2]);
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
    ExecutorService stubThreads = Executors.newFixedThreadPool(8);
    stub.setExecutor(stubThreads);
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
    String stubUrl = "http://127.0.0.1:" + stub.getAddress().getPort() + "/v1";
    ArmatureServer server = ArmatureServer.builder().rules(rules).port(0)
        .model(Models.fromSpec("openai:stub", Map.of("OPENAI_API_KEY", "bench", "OPENAI_BASE_URL", stubUrl))).start();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .executor(Executors.newFixedThreadPool(4)).build();
    try {
      String direct = stubUrl + "/chat/completions";
      String armature = server.url() + "/v1/chat/completions";
      if (rate == 0) {
        sequential(client, direct, armature, seconds);
      } else {
        openLoop(client, direct, armature, rate, seconds);
      }
    } finally {
      server.close();
      stub.stop(0);
      stubThreads.shutdownNow();
    }
    System.exit(0);
  }

  private static void openLoop(HttpClient client, String direct, String armature, int rate, int seconds) throws Exception {
      run(client, direct, rate, Math.max(2, seconds / 2), false);
      Result d = run(client, direct, rate, seconds, false);
      run(client, armature, rate, Math.max(2, seconds / 2), true);
      Result a = run(client, armature, rate, seconds, true);
      System.out.printf("%d\t%.0f\t%d\t%d\t%d\t%.0f\t%d\t%d\t%d\t%d\t%d%n", rate, d.rate, d.p50, d.p99, d.errors,
          a.rate, a.p50, a.p99, a.errors, a.p50 - d.p50, a.p99 - d.p99);
  }

  private record Result(double rate, long p50, long p99, int errors) {}

  /** One request at a time, alternating direct and through Armature, after a warm-up. */
  private static void sequential(HttpClient client, String direct, String armature, int seconds) throws Exception {
    List<Long> d = new ArrayList<>();
    List<Long> a = new ArrayList<>();
    for (int phase = 0; phase < 2; phase++) {
      d.clear();
      a.clear();
      long until = System.nanoTime() + seconds * 1_000_000_000L;
      for (int i = 0; System.nanoTime() < until; i++) {
        d.add(once(client, direct, body(i, false)));
        a.add(once(client, armature, body(i, true)));
      }
    }
    Collections.sort(d);
    Collections.sort(a);
    long d50 = d.get(d.size() / 2);
    long d99 = d.get(d.size() * 99 / 100);
    long a50 = a.get(a.size() / 2);
    long a99 = a.get(a.size() * 99 / 100);
    System.out.printf("0\t%d\t%d\t%d\t%d\t%d\t%d\t%d%n", d.size(), d50, d99, a50, a99, a50 - d50, a99 - d99);
  }

  private static long once(HttpClient client, String url, String body) throws Exception {
    long start = System.nanoTime();
    HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").header("Authorization", "Bearer bench")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + response.statusCode());
    }
    return (System.nanoTime() - start) / 1_000;
  }

  private static String body(int i, boolean armature) {
    String text = MESSAGES[i % MESSAGES.length];
    return armature
        ? "{\"model\":\"support\",\"user\":\"seq-" + (i % 500) + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}"
        : "{\"model\":\"stub\",\"messages\":[{\"role\":\"system\",\"content\":\"You answer customers.\"},"
            + "{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
  }

  private static Result run(HttpClient client, String url, int rate, int seconds, boolean armature) throws Exception {
    int total = rate * seconds;
    long[] latency = new long[total];
    AtomicInteger errors = new AtomicInteger();
    CompletableFuture<?>[] pending = new CompletableFuture<?>[total];
    long interval = 1_000_000_000L / rate;
    long start = System.nanoTime();
    for (int i = 0; i < total; i++) {
      long due = start + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      String text = MESSAGES[i % MESSAGES.length];
      String body = armature
          ? "{\"model\":\"support\",\"user\":\"load-" + (i % 500) + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}"
          : "{\"model\":\"stub\",\"messages\":[{\"role\":\"system\",\"content\":\"You answer customers.\"},"
              + "{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
      HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json").header("Authorization", "Bearer bench")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
      int n = i;
      pending[i] = client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
        latency[n] = (System.nanoTime() - due) / 1_000;
        if (failure != null || response.statusCode() != 200) {
          errors.incrementAndGet();
        }
        return null;
      });
    }
    CompletableFuture.allOf(pending).get(120, TimeUnit.SECONDS);
    double elapsed = (System.nanoTime() - start) / 1e9;
    long[] sorted = latency.clone();
    Arrays.sort(sorted);
    return new Result(total / elapsed, sorted[total / 2], sorted[(int) (total * 0.99)], errors.get());
  }
}
