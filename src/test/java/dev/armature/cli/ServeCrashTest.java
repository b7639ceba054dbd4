package dev.armature.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.Conversation;
import dev.armature.state.JdbcStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code serve} process killed with SIGKILL in the middle of turns restarts on its database file
 * with every conversation either before or after each turn, never between.
 */
class ServeCrashTest {
  private static final Pattern URL = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+)");
  private static final int CONVERSATIONS = 12;

  @TempDir Path tmp;

  private Process serve(Path db) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    try {
      return new ProcessBuilder(
              java,
              "-cp",
              System.getProperty("java.class.path"),
              Main.class.getName(),
              "serve",
              "--rules",
              "src/test/resources/rulesets/basic",
              "--port",
              "0",
              "--store",
              "h2:" + db)
          .redirectErrorStream(true)
          .start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String url(Process process) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String line;
    while (System.nanoTime() < until && (line = out.readLine()) != null) {
      Matcher m = URL.matcher(line);
      if (m.find()) {
        Thread drain = new Thread(() -> out.lines().forEach(l -> {}));
        drain.setDaemon(true);
        drain.start();
        return m.group(1);
      }
    }
    throw new AssertionError("serve did not start");
  }

  private static int turn(HttpClient http, String url, String id, String text) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + "/v1/conversations/" + id + "/turns"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"text\":\"" + text + "\",\"ruleset\":\"basic\"}"))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void serveKilledMidTurn_restartsWithEveryConversationBeforeOrAfterEachTurn() throws Exception {
    Path db = tmp.resolve("db");
    Process first = serve(db);
    String url = url(first);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    AtomicIntegerArray acknowledged = new AtomicIntegerArray(CONVERSATIONS);
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < CONVERSATIONS; c++) {
      int conversation = c;
      Thread t =
          new Thread(
              () -> {
                try {
                  while (running.get()) {
                    if (turn(
                            http,
                            url,
                            "crash-" + conversation,
                            "order " + (1000 + conversation) + " where is it")
                        != 200) {
                      return;
                    }
                    acknowledged.incrementAndGet(conversation);
                  }
                } catch (Exception expected) {
                  // The server died under this request.
                }
              });
      t.start();
      clients.add(t);
    }
    long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (acknowledged.get(0) < 5 && System.nanoTime() < giveUp) {
      Thread.sleep(20);
    }
    first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertThat(acknowledged.get(0)).as("turns answered before the kill").isGreaterThanOrEqualTo(5);
    running.set(false);
    for (Thread t : clients) {
      t.join(30_000);
    }

    try (JdbcStore store = JdbcStore.h2File(db)) {
      for (int c = 0; c < CONVERSATIONS; c++) {
        String id = "crash-" + c;
        Conversation conversation = store.load(id).orElse(Conversation.start(id));
        int acked = acknowledged.get(c);
        assertThat(conversation.turns())
            .as("%s: acknowledged turns are kept; at most the one in flight more", id)
            .isBetween(acked, acked + 1);
        assertThat(conversation.version()).isEqualTo(conversation.turns());
        List<Integer> log = store.turnNumbers(id);
        assertThat(log).hasSize(conversation.turns());
        for (int n = 0; n < log.size(); n++) {
          assertThat(log.get(n)).isEqualTo(n + 1);
        }
        if (conversation.turns() > 0) {
          assertThat(conversation.recent().get(conversation.recent().size() - 1).turn())
              .isEqualTo(conversation.turns());
        }
      }
    }

    Process second = serve(db);
    try {
      String again = url(second);
      assertThat(turn(http, again, "crash-0", "and now?")).isEqualTo(200);
    } finally {
      second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(Files.exists(db.resolveSibling("db.mv.db"))).isTrue();
  }
}
