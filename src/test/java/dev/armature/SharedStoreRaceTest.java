package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.armature.state.JdbcStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two orchestrator instances share conversations in PostgreSQL and race turns on them. CI starts
 * the database (.ci/services) and sets ARMATURE_TEST_POSTGRES_URL; without it the test is skipped.
 */
class SharedStoreRaceTest {
  private static final String URL = System.getenv("ARMATURE_TEST_POSTGRES_URL");

  @Test
  void twoInstances_racingTurnPairsOnSharedConversations_loseNothingAndLeaveNoGaps()
      throws Exception {
    assumeTrue(
        URL != null || System.getenv("CI") != null,
        "set ARMATURE_TEST_POSTGRES_URL (CI does, in .ci/services)");
    try (Connection c = DriverManager.getConnection(URL);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS armature_turn, armature_conversation, armature_schema");
    }
    int conversations = 50;
    int pairs = 1000;
    try (JdbcStore storeA = JdbcStore.open(URL);
        JdbcStore storeB = JdbcStore.open(URL)) {
      Orchestrator a =
          Orchestrator.builder().rules(TestRules.BASIC).store(storeA).conflictRetries(50).build();
      Orchestrator b =
          Orchestrator.builder().rules(TestRules.BASIC).store(storeB).conflictRetries(50).build();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<TurnResult>> futures = new ArrayList<>();
      for (int i = 0; i < pairs; i++) {
        String id = "race-" + (i % conversations);
        String text = "pair " + i + " about order " + (1000 + i);
        futures.add(pool.submit(() -> a.turn(id, text)));
        futures.add(pool.submit(() -> b.turn(id, text)));
      }
      int reRun = 0;
      for (Future<TurnResult> f : futures) {
        if (f.get(120, TimeUnit.SECONDS).trace().warnings().stream()
            .anyMatch(w -> w.contains("another instance committed"))) {
          reRun++;
        }
      }
      assertThat(reRun).as("turns that lost a race and ran again").isPositive();
      pool.shutdown();
      a.close();
      b.close();

      int total = 0;
      for (int c = 0; c < conversations; c++) {
        String id = "race-" + c;
        Conversation conversation = storeA.load(id).orElseThrow();
        List<Integer> numbers = storeB.turnNumbers(id);
        assertThat(numbers).as("turn log of %s", id).hasSize(conversation.turns());
        for (int n = 0; n < numbers.size(); n++) {
          assertThat(numbers.get(n)).as("turn %d of %s", n + 1, id).isEqualTo(n + 1);
        }
        assertThat(conversation.version()).isEqualTo(conversation.turns());
        total += conversation.turns();
      }
      assertThat(total)
          .as("every one of the %d turns committed exactly once", 2 * pairs)
          .isEqualTo(2 * pairs);
    }
  }
}
