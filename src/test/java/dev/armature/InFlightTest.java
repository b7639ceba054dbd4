package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Turns of unrelated conversations never wait for each other; a cancelled turn changes nothing. */
class InFlightTest {
  private static Orchestrator orchestrator(Model model) {
    return Orchestrator.builder()
        .ruleSet(dev.armature.ruleset.RuleSetLoader.load(TestRules.BASIC))
        .model(model)
        .modelPolicy(
            new ModelPolicy(
                Duration.ofMinutes(2), 0, Duration.ofMillis(1), 5, Duration.ofSeconds(1)))
        .build();
  }

  @Test
  void turns_ofMoreConversationsThanTheOldStripes_allWaitOnTheModelAtOnce() throws Exception {
    // 1,030 conversations: more than the 1,024 striped locks that used to serialise unrelated
    // conversations sharing a stripe, so with them the gate's count could never be reached.
    int conversations = 1030;
    GatedModel model = new GatedModel(conversations);
    Orchestrator o = orchestrator(model);
    ExecutorService pool = Executors.newFixedThreadPool(conversations);
    try {
      List<Future<TurnResult>> turns = new ArrayList<>();
      for (int c = 0; c < conversations; c++) {
        String id = "many-" + c;
        turns.add(pool.submit(() -> o.turn(id, "where is order 1182?")));
      }
      boolean allWaiting = model.arrived().await(60, TimeUnit.SECONDS);
      int peak = model.peak.get();
      model.gate.countDown();
      for (Future<TurnResult> turn : turns) {
        turn.get(60, TimeUnit.SECONDS);
      }
      assertThat(allWaiting).as("all turns waiting on the model at once (peak %d)", peak).isTrue();
      assertThat(peak).isEqualTo(conversations);
    } finally {
      model.gate.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void turn_cancelledWhileTheModelRuns_abortsTheCallAndCommitsNothing() throws Exception {
    GatedModel model = new GatedModel(1);
    Orchestrator o = orchestrator(model);
    Cancellation cancellation = new Cancellation();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<TurnResult> turn =
          pool.submit(
              () ->
                  o.turn(
                      "cancelled-1",
                      "where is order 1182?",
                      Map.of(),
                      TurnOptions.NONE.withCancellation(cancellation)));
      assertThat(model.arrived().await(30, TimeUnit.SECONDS)).isTrue();

      cancellation.cancel();

      assertThatThrownBy(() -> turn.get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(TurnCancelledException.class)
          .hasMessageContaining("conversation is unchanged");
      assertThat(model.abortedOnce.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(model.aborted.get()).isEqualTo(1);
      assertThat(o.conversation("cancelled-1").turns()).isZero();
      // The thread that ran it is not left interrupted for its next task.
      assertThat(pool.submit(() -> Thread.currentThread().isInterrupted()).get()).isFalse();
    } finally {
      model.gate.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void turn_cancelledBeforeItStarts_neverCallsTheModel() {
    GatedModel model = new GatedModel(1);
    Orchestrator o = orchestrator(model);
    Cancellation cancellation = new Cancellation();
    cancellation.cancel();

    assertThatThrownBy(
            () ->
                o.turn(
                    "cancelled-2",
                    "hello",
                    Map.of(),
                    TurnOptions.NONE.withCancellation(cancellation)))
        .isInstanceOf(TurnCancelledException.class);
    assertThat(model.calls.get()).isZero();
    assertThat(o.conversation("cancelled-2").turns()).isZero();
  }

  @Test
  void statelessTurn_cancelledWhileTheModelRuns_abortsTheCall() throws Exception {
    GatedModel model = new GatedModel(1);
    Orchestrator o = orchestrator(model);
    Cancellation cancellation = new Cancellation();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<TurnResult> turn =
          pool.submit(
              () ->
                  o.statelessTurn(
                      "stateless-1",
                      List.of(),
                      "where is order 1182?",
                      Map.of(),
                      TurnOptions.NONE.withCancellation(cancellation)));
      assertThat(model.arrived().await(30, TimeUnit.SECONDS)).isTrue();

      cancellation.cancel();

      assertThatThrownBy(() -> turn.get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(TurnCancelledException.class);
      assertThat(model.abortedOnce.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(pool.submit(() -> Thread.currentThread().isInterrupted()).get()).isFalse();
    } finally {
      model.gate.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void statelessTurn_withAnIdempotencyKey_isRefused_forNothingIsStored() {
    Orchestrator o = orchestrator(new GatedModel(1));

    assertThatThrownBy(
            () ->
                o.statelessTurn(
                    "stateless-2",
                    List.of(),
                    "hello",
                    Map.of(),
                    TurnOptions.NONE.withIdempotencyKey("k-1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stores nothing");
  }
}
