package dev.armature.bench;

import dev.armature.Conversation;
import dev.armature.state.JdbcStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a killed {@code serve --store h2:} leaves behind, sampled many times: {@code write} commits
 * turns from many threads at once, one conversation each, as serve does; bench/h2-snapshots
 * freezes that process at random moments, copies its file and thaws it, and {@code check} opens
 * each copy as a restarted serve would and counts the conversations whose row and turn log
 * disagree.
 *
 * <p>{@code commits} measures what one lock per file costs: the same writers for SECONDS after a
 * 3-second warm-up, then commits a second and the time a commit took at p50, p99 and the most.
 *
 * <p>Usage: {@code H2Snapshots write FILE THREADS}, {@code H2Snapshots check THREADS FILE...},
 * {@code H2Snapshots commits FILE THREADS SECONDS} (FILE without H2's {@code .mv.db}).
 */
public final class H2Snapshots {
  private H2Snapshots() {}

  private static Conversation next(Conversation c) {
    String order = Integer.toString(1000 + c.turns());
    return c.next(
        Map.of("order_id", order),
        new Conversation.Exchange(
            c.turns() + 1,
            "Where is my order " + order + "? It was due on Monday.",
            "Your order " + order + " left the warehouse yesterday; it should arrive soon.",
            List.of("order-status", "concise"),
            Map.of("question", 1.0)),
        10);
  }

  private static volatile boolean timing;
  private static final List<Long> micros = new java.util.ArrayList<>();

  private static void write(JdbcStore store, int threads) {
    for (int t = 0; t < threads; t++) {
      String id = "c" + t;
      Thread writer =
          new Thread(
              () -> {
                Conversation c = Conversation.start(id);
                while (true) {
                  c = next(c);
                  long started = System.nanoTime();
                  store.save(c);
                  if (timing) {
                    synchronized (micros) {
                      micros.add((System.nanoTime() - started) / 1000);
                    }
                  }
                }
              });
      writer.start();
    }
  }

  public static void main(String[] args) throws Exception {
    if (args[0].equals("write")) {
      write(JdbcStore.h2File(Path.of(args[1])), Integer.parseInt(args[2]));
      System.out.println("writing");
      return;
    }
    if (args[0].equals("commits")) {
      int seconds = Integer.parseInt(args[3]);
      write(JdbcStore.h2File(Path.of(args[1])), Integer.parseInt(args[2]));
      Thread.sleep(3000);
      timing = true;
      Thread.sleep(seconds * 1000L);
      timing = false;
      synchronized (micros) {
        java.util.Collections.sort(micros);
        int n = micros.size();
        System.out.printf(
            "%d commits/s; a commit took p50 %d us, p99 %d us, at most %d us%n",
            n / seconds, micros.get(n / 2), micros.get(n * 99 / 100), micros.get(n - 1));
      }
      System.exit(0);
    }
    int conversations = Integer.parseInt(args[1]);
    int copies = 0;
    int bad = 0;
    for (int f = 2; f < args.length; f++) {
      copies++;
      try (JdbcStore store = JdbcStore.h2File(Path.of(args[f]))) {
        for (int t = 0; t < conversations; t++) {
          String id = "c" + t;
          Conversation c = store.load(id).orElse(Conversation.start(id));
          int logged = store.turnNumbers(id).size();
          if (logged != c.turns() || c.version() != c.turns()) {
            System.out.println(
                args[f] + ": " + id + " has " + c.turns() + " turns, " + logged + " logged");
            bad++;
            break;
          }
        }
      } catch (RuntimeException e) {
        System.out.println(args[f] + ": does not open: " + e.getMessage());
        bad++;
      }
    }
    System.out.println("inconsistent copies: " + bad + " of " + copies);
  }
}
