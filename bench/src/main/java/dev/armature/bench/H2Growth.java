package dev.armature.bench;

import dev.armature.Conversation;
import dev.armature.state.JdbcStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the H2 file of {@code serve --store h2:...} grows: commits turns round-robin over a few
 * conversations, each keeping its last 10 exchanges (a state of about 1.7 KB, as the support rule
 * set's are), and prints the file's size every so many turns and after the store is closed.
 *
 * <p>Usage: {@code H2Growth TURNS CONVERSATIONS DIR [SETTINGS]}: with SETTINGS (such as {@code
 * ;WRITE_DELAY=0;RETENTION_TIME=0}) the store opens {@code jdbc:h2:file:DIR/growth} with them
 * instead of the URL {@code serve --store h2:} uses.
 */
public final class H2Growth {
  private H2Growth() {}

  public static void main(String[] args) throws Exception {
    int turns = Integer.parseInt(args[0]);
    int conversations = Integer.parseInt(args[1]);
    Path dir = Path.of(args[2]);
    Files.createDirectories(dir);
    Path file = dir.resolve("growth");
    Files.deleteIfExists(dir.resolve("growth.mv.db"));
    Map<String, Conversation> states = new HashMap<>();
    JdbcStore store =
        args.length > 3
            ? JdbcStore.open("jdbc:h2:file:" + file.toAbsolutePath() + args[3])
            : JdbcStore.h2File(file);
    long started = System.nanoTime();
    System.out.println("turns\tfile bytes\tbytes per turn");
    for (int t = 1; t <= turns; t++) {
      String id = "c" + (t % conversations);
      Conversation c = states.getOrDefault(id, Conversation.start(id));
      Conversation.Exchange exchange =
          new Conversation.Exchange(
              c.turns() + 1,
              "Where is my order " + (1000 + t) + "? It was due on Monday.",
              "Your order " + (1000 + t) + " left the warehouse yesterday; it should arrive soon.",
              List.of("order-status", "concise"),
              Map.of("question", 1.0, "order", 0.9));
      Conversation next = c.next(Map.of("order_id", Integer.toString(1000 + t)), exchange, 10);
      store.save(next);
      states.put(id, next);
      if (t % (turns / 10) == 0) {
        long size = Files.size(dir.resolve("growth.mv.db"));
        System.out.println(t + "\t" + size + "\t" + size / t);
      }
    }
    long ms = (System.nanoTime() - started) / 1_000_000;
    store.close();
    long size = Files.size(dir.resolve("growth.mv.db"));
    System.out.println("closed\t" + size + "\t" + size / turns);
    System.out.println("time\t" + ms + " ms\t" + (ms * 1000 / turns) + " us per turn");
  }
}
