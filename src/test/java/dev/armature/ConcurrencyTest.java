package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
  @Test
  void turns_fromManyThreads_serialisePerConversationAndLoseNothing() throws Exception {
    Orchestrator o = Orchestrator.builder().rules(TestRules.BASIC).build();
    int conversations = 8;
    int turnsEach = 25;
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<TurnResult>> futures = new ArrayList<>();
      for (int t = 0; t < turnsEach; t++) {
        for (int c = 0; c < conversations; c++) {
          String id = "conv-" + c;
          String text = "message " + t + " about order " + (1000 + c);
          futures.add(pool.submit(() -> o.turn(id, text)));
        }
      }
      for (Future<TurnResult> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdown();
    }
    for (int c = 0; c < conversations; c++) {
      Conversation conv = o.conversation("conv-" + c);
      assertThat(conv.turns()).isEqualTo(turnsEach);
      assertThat(conv.version()).isEqualTo(turnsEach);
      assertThat(conv.vars()).containsEntry("order_id", String.valueOf(1000 + c));
      List<Integer> numbers = conv.recent().stream().map(Conversation.Exchange::turn).toList();
      for (int i = 1; i < numbers.size(); i++) {
        assertThat(numbers.get(i)).isEqualTo(numbers.get(i - 1) + 1);
      }
      assertThat(numbers.get(numbers.size() - 1)).isEqualTo(turnsEach);
    }
  }
}
