package dev.armature.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The load of the concurrent turns benchmark: sends N chat completions at once, each on a
 * conversation of its own and a connection of its own, and prints one line per round: turns, wall
 * time from the first send to the last answer, answers by status (timeouts and refused connections
 * as {@code error}), latency p50/p99/max, the stub's peak of requests held at once, when the last
 * request was sent, when serve's requests reached the stub (the first, the median and the last,
 * from the round's start) and when the first answers came back.
 *
 * <p>The warm-up rounds come first, then the measured rounds, all in this one JVM so that the
 * load's own start and compilation fall in the warm-up, and so that serve's compiler has seen
 * bursts: a burst runs paths a steady load never does (a connection per request, thousands of
 * upstream requests pending), and C2 was still compiling them three rounds in. Each request is one
 * HTTP/1.1 exchange on a plain socket, written from prepared bytes and read to the end of the
 * connection, on a thread of its own (virtual where the JVM has them): the load costs the two cores
 * it shares with serve and the stub as little as a client can, so that the wall time is serve's.
 *
 * <p>Usage: {@code ConcurrentLoad SERVE_URL STUB_URL TURNS WARMUP_TURNS [ROUNDS [WARMUP_ROUNDS]]}
 */
public final class ConcurrentLoad {
  private ConcurrentLoad() {}

  private static final AtomicReference<Throwable> firstFailure = new AtomicReference<>();

  public static void main(String[] args) throws Exception {
    URI serve = URI.create(args[0]);
    URI stub = URI.create(args[1]);
    int turns = Integer.parseInt(args[2]);
    int warmup = Integer.parseInt(args[3]);
    int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 1;
    int warmupRounds = args.length > 5 ? Integer.parseInt(args[5]) : 1;
    String run = Long.toString(System.currentTimeMillis(), 36);
    ExecutorService threads = SlowStub.executor();
    for (int w = 1; warmup > 0 && w <= warmupRounds; w++) {
      round(threads, serve, stub, warmup, warmupRounds == 1 ? "warmup" : "warmup-" + w, run);
    }
    for (int r = 1; r <= rounds; r++) {
      round(threads, serve, stub, turns, rounds == 1 ? "measured" : "measured-" + r, run);
    }
    threads.shutdownNow();
  }

  private static void round(
      ExecutorService threads, URI serve, URI stub, int turns, String label, String run)
      throws Exception {
    get(stub, "/peak");
    get(stub, "/arrivals");
    byte[][] requests = new byte[turns][];
    for (int n = 0; n < turns; n++) {
      String body =
          "{\"model\":\"support\",\"conversation\":\""
              + run
              + "-"
              + label
              + "-"
              + n
              + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Where is my order "
              + (1000 + n)
              + "?\"}]}";
      requests[n] = post(serve, "/v1/chat/completions", body);
    }
    long[] latencies = new long[turns];
    long[] sentAt = new long[turns];
    long[] doneAt = new long[turns];
    List<Future<Integer>> answers = new ArrayList<>(turns);
    long startedMicros = SlowStub.micros(Instant.now());
    long started = System.nanoTime();
    for (int i = 0; i < turns; i++) {
      int n = i;
      answers.add(
          threads.submit(
              () -> {
                long sent = System.nanoTime();
                sentAt[n] = sent - started;
                try {
                  return exchange(serve, requests[n]);
                } catch (IOException e) {
                  if (firstFailure.compareAndSet(null, e)) {
                    System.err.println("first failure: " + e);
                  }
                  return -1;
                } finally {
                  long done = System.nanoTime();
                  latencies[n] = done - sent;
                  doneAt[n] = done - started;
                }
              }));
    }
    Map<String, Integer> statuses = new TreeMap<>();
    for (Future<Integer> answer : answers) {
      int status = answer.get();
      statuses.merge(status < 0 ? "error" : Integer.toString(status), 1, Integer::sum);
    }
    long wall = (System.nanoTime() - started) / 1_000_000;
    String peak = get(stub, "/peak");
    String arrivals = get(stub, "/arrivals");
    String atStub =
        arrivals.equals("none")
            ? "none"
            : Arrays.stream(arrivals.split(" "))
                    .map(t -> Long.toString((Long.parseLong(t) - startedMicros) / 1_000))
                    .collect(Collectors.joining("/"))
                + " ms";
    Arrays.sort(latencies);
    Arrays.sort(sentAt);
    Arrays.sort(doneAt);
    System.out.printf(
        "%s\t%d\t%d ms\t%s\tp50 %d ms\tp99 %d ms\tmax %d ms\tstub peak %s\tsent by %d ms\tat stub"
            + " first/p50/last %s\tdone p1/p10/p50 %d/%d/%d ms%n",
        label,
        turns,
        wall,
        statuses,
        latencies[turns / 2] / 1_000_000,
        latencies[turns * 99 / 100] / 1_000_000,
        latencies[turns - 1] / 1_000_000,
        peak,
        sentAt[turns - 1] / 1_000_000,
        atStub,
        doneAt[turns / 100] / 1_000_000,
        doneAt[turns / 10] / 1_000_000,
        doneAt[turns / 2] / 1_000_000);
    System.out.flush();
  }

  private static byte[] post(URI base, String path, String body) {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: "
            + base.getHost()
            + ":"
            + base.getPort()
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + content.length
            + "\r\nConnection: close\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    byte[] request = Arrays.copyOf(headBytes, headBytes.length + content.length);
    System.arraycopy(content, 0, request, headBytes.length, content.length);
    return request;
  }

  /** Sends one request on a connection of its own; answers the status of the response. */
  private static int exchange(URI base, byte[] request) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 30_000);
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      byte[] response = socket.getInputStream().readAllBytes();
      // "HTTP/1.1 200 ..."
      return response.length < 12
          ? -1
          : Integer.parseInt(new String(response, 9, 3, StandardCharsets.US_ASCII));
    }
  }

  private static String get(URI base, String path) throws IOException {
    String head =
        "GET "
            + path
            + " HTTP/1.1\r\nHost: "
            + base.getHost()
            + ":"
            + base.getPort()
            + "\r\nConnection: close\r\n\r\n";
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      return response.substring(response.indexOf("\r\n\r\n") + 4).strip();
    }
  }
}
