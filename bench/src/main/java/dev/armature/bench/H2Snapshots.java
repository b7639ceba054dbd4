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
 * <p>Usage: {@code H2Snapshots write FILE THREADS}, {@code H2Snapshots check THREADS FILE...}
 * (FILE without H2's {@code .mv.db}).
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

  public static void main(String[] args) throws Exception {
    if (args[0].equals("write")) {
      JdbcStore store = JdbcStore.h2File(Path.of(args[1]));
      for (int t = 0; t < Integer.parseInt(args[2]); t++) {
        String id = "c" + t;
        Thread writer =
            new Thread(
                () -> {
                  Conversation c = Conversation.start(id);
                  while (true) {
                    c = next(c);
                    store.save(c);
                  }
                });
        writer.setDaemon(false);
        writer.start();
      }
      System.out.println("writing");
      return;
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
