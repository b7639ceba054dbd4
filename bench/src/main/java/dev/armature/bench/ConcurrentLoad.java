package dev.armature.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The load of the concurrent turns benchmark: sends N chat completions at once, each on a
 * conversation of its own and a connection of its own, and prints one line: turns, wall time from
 * the first send to the last answer, answers by status (timeouts and refused connections as
 * {@code error}), latency p50/p99/max, and the stub's peak of requests held at once.
 *
 * <p>Usage: {@code ConcurrentLoad SERVE_URL STUB_URL TURNS LABEL}
 */
public final class ConcurrentLoad {
  private ConcurrentLoad() {}

  private static final java.util.concurrent.atomic.AtomicReference<Throwable> firstFailure =
      new java.util.concurrent.atomic.AtomicReference<>();

  public static void main(String[] args) throws Exception {
    String serve = args[0];
    String stub = args[1];
    int turns = Integer.parseInt(args[2]);
    String label = args[3];
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30))
            .executor(SlowStub.executor())
            .build();
    client
        .send(HttpRequest.newBuilder(URI.create(stub + "/peak")).build(), HttpResponse.BodyHandlers.ofString());
    List<CompletableFuture<Integer>> answers = new ArrayList<>(turns);
    long[] latencies = new long[turns];
    long started = System.nanoTime();
    for (int i = 0; i < turns; i++) {
      int n = i;
      String body =
          "{\"model\":\"support\",\"conversation\":\""
              + label
              + "-"
              + n
              + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Where is my order "
              + (1000 + n)
              + "?\"}]}";
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(serve + "/v1/chat/completions"))
              .timeout(Duration.ofSeconds(60))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      long sent = System.nanoTime();
      answers.add(
          client
              .sendAsync(request, HttpResponse.BodyHandlers.ofString())
              .handle(
                  (response, failure) -> {
                    latencies[n] = System.nanoTime() - sent;
                    if (failure != null && firstFailure.compareAndSet(null, failure)) {
                      System.err.println("first failure: " + failure);
                    }
                    return failure == null ? response.statusCode() : -1;
                  }));
    }
    CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
    long wall = (System.nanoTime() - started) / 1_000_000;
    Map<String, Integer> statuses = new TreeMap<>();
    for (CompletableFuture<Integer> answer : answers) {
      int status = answer.join();
      statuses.merge(status < 0 ? "error" : Integer.toString(status), 1, Integer::sum);
    }
    String peak =
        client
            .send(
                HttpRequest.newBuilder(URI.create(stub + "/peak")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Arrays.sort(latencies);
    System.out.printf(
        "%s\t%d\t%d ms\t%s\tp50 %d ms\tp99 %d ms\tmax %d ms\tstub peak %s%n",
        label,
        turns,
        wall,
        statuses,
        latencies[turns / 2] / 1_000_000,
        latencies[turns * 99 / 100] / 1_000_000,
        latencies[turns - 1] / 1_000_000,
        peak);
  }
}
