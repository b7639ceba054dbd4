package dev.armature.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.Conversation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The turn log keeps what its retention says, and the H2 file stops growing by kilobytes a turn.
 */
class JdbcRetentionTest {
  @TempDir Path tmp;
  private final MutableClock clock = new MutableClock();

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

  @Test
  void turnLog_keepsTheLastTurnsOfEachConversation() {
    try (JdbcStore store =
        JdbcStore.h2File(tmp.resolve("db"), new JdbcStore.Retention(3, null), clock)) {
      Conversation a = Conversation.start("a");
      Conversation b = Conversation.start("b");
      for (int i = 0; i < 5; i++) {
        a = next(a);
        store.save(a);
      }
      b = next(b);
      store.save(b);

      assertThat(store.turnNumbers("a")).containsExactly(3, 4, 5);
      assertThat(store.turnNumbers("b")).containsExactly(1);
      assertThat(store.load("a").orElseThrow().turns()).isEqualTo(5);
    }
  }

  @Test
  void turnLog_dropsTurnsOlderThanTheRetentionAge() {
    try (JdbcStore store =
        JdbcStore.h2File(
            tmp.resolve("db"), new JdbcStore.Retention(0, Duration.ofDays(7)), clock)) {
      Conversation a = next(Conversation.start("a"));
      store.save(a);
      clock.advance(Duration.ofDays(6));
      a = next(a);
      store.save(a);
      clock.advance(Duration.ofDays(2));
      a = next(a);
      store.save(a);

      assertThat(store.turnNumbers("a")).containsExactly(2, 3);
      assertThat(store.load("a").orElseThrow().turns()).isEqualTo(3);
    }
  }

  @Test
  void h2File_overManyTurns_growsByATenthOfWhatItDid() throws Exception {
    // Before: every commit left its chunk in the file, some 40 KB a turn (80 MB here; 403 MB for
    // 20,000 turns). Now the file holds the live data, the turn log and the chunks not yet
    // compacted, which come and go: some 2 to 3 KB a turn at this count, falling as turns go on.
    int turns = 2000;
    Path file = tmp.resolve("growth");
    Conversation[] conversations = new Conversation[30];
    try (JdbcStore store = JdbcStore.h2File(file)) {
      for (int t = 0; t < turns; t++) {
        int i = t % conversations.length;
        Conversation c = conversations[i] == null ? Conversation.start("c" + i) : conversations[i];
        conversations[i] = next(c);
        store.save(conversations[i]);
      }
      long size = Files.size(tmp.resolve("growth.mv.db"));
      assertThat(size / turns).as("bytes per turn, file of %d bytes", size).isLessThan(4096);
    }
  }
}
