package dev.armature.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.ConflictException;
import dev.armature.Conversation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcStoreTest {
  @TempDir Path tmp;

  private static Conversation.Exchange exchange(int turn) {
    return new Conversation.Exchange(
        turn, "question " + turn, "answer " + turn, List.of("concise"), Map.of("question", 1.0));
  }

  @Test
  void saveThenLoad_givesTheSameConversation_acrossReopening() {
    Path file = tmp.resolve("db");
    Conversation first = Conversation.start("c-1").next(Map.of("order_id", "1182"), exchange(1), 5);
    Conversation second =
        first.next(Map.of("order_id", "1182", "stage", "helping"), exchange(2), 5);
    try (JdbcStore store = JdbcStore.h2File(file)) {
      store.save(first);
      store.save(second);
    }
    try (JdbcStore reopened = JdbcStore.h2File(file)) {
      assertThat(reopened.load("c-1")).contains(second);
      assertThat(reopened.load("unknown")).isEmpty();
      assertThat(reopened.turnNumbers("c-1")).containsExactly(1, 2);
    }
  }

  @Test
  void save_whenAnotherTurnCommittedFirst_isAConflictAndOverwritesNothing() {
    try (JdbcStore store = JdbcStore.h2File(tmp.resolve("db"))) {
      Conversation first = Conversation.start("c").next(Map.of(), exchange(1), 5);
      store.save(first);
      Conversation winner = first.next(Map.of("who", "winner"), exchange(2), 5);
      Conversation loser = first.next(Map.of("who", "loser"), exchange(2), 5);
      store.save(winner);

      assertThatThrownBy(() -> store.save(loser))
          .isInstanceOf(ConflictException.class)
          .hasMessage("conversation 'c' changed while this turn ran: it is no longer at version 1");
      assertThat(store.load("c")).contains(winner);
      assertThat(store.turnNumbers("c")).containsExactly(1, 2);
      assertThatThrownBy(() -> store.save(Conversation.start("c").next(Map.of(), exchange(1), 5)))
          .isInstanceOf(ConflictException.class);
    }
  }

  @Test
  void open_whenDatabaseCannotBeReached_saysSo() {
    assertThatThrownBy(() -> JdbcStore.open("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("cannot open the conversation store");
  }
}
