package dev.armature.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.Conversation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryStoreTest {
  private final MutableClock clock = new MutableClock();

  private static Conversation firstTurn(String id) {
    return Conversation.start(id)
        .next(Map.of(), new Conversation.Exchange(1, "hello", "hi", List.of(), Map.of()), 5);
  }

  @Test
  void store_overItsSize_forgetsTheLeastRecentlyUsedAndCountsIt() {
    InMemoryStore store = new InMemoryStore(2, Duration.ofHours(1), clock);
    store.save(firstTurn("a"));
    store.save(firstTurn("b"));
    store.load("a");

    store.save(firstTurn("c"));

    assertThat(store.size()).isEqualTo(2);
    assertThat(store.load("b")).isEmpty();
    assertThat(store.load("a")).isPresent();
    assertThat(store.load("c")).isPresent();
    assertThat(store.evictions()).isEqualTo(1);
  }

  @Test
  void conversation_idleLongerThanTheLimit_isForgottenAndStartsAgain() {
    InMemoryStore store = new InMemoryStore(100, Duration.ofMinutes(30), clock);
    store.save(firstTurn("idle"));
    clock.advance(Duration.ofMinutes(20));
    store.save(firstTurn("busy"));
    clock.advance(Duration.ofMinutes(11));

    assertThat(store.load("idle")).isEmpty();
    assertThat(store.load("busy")).isPresent();
    assertThat(store.evictions()).isEqualTo(1);
    // Forgotten, it starts from nothing: its first turn commits again.
    store.save(firstTurn("idle"));
    assertThat(store.load("idle").orElseThrow().turns()).isEqualTo(1);
  }

  @Test
  void conversation_usedWithinTheLimit_isKept() {
    InMemoryStore store = new InMemoryStore(100, Duration.ofMinutes(30), clock);
    store.save(firstTurn("kept"));
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofMinutes(20));
      assertThat(store.load("kept")).isPresent();
    }
    assertThat(store.evictions()).isZero();
  }
}
