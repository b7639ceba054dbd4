package dev.armature.replay;

import dev.armature.ArmatureException;
import dev.armature.Orchestrator;
import dev.armature.Trace;
import dev.armature.TurnResult;
import dev.armature.ruleset.RuleSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a conversation file on one rule set, offline and exactly: recorded answers from a scripted
 * model, each turn at its recorded time, no waiting between retries, a ticker that stands still.
 */
final class ConversationRun {
  /**
   * One turn as it ran now.
   *
   * @param trace {@code null} when the turn failed
   * @param failure why the turn failed, or {@code null}
   * @param given what the model answered, call by call
   */
  record TurnRun(
      int number,
      ConversationFile.Turn script,
      Trace trace,
      String failure,
      Map<String, String> varsBefore,
      Map<String, String> varsAfter,
      int calls,
      List<ConversationFile.Answer> given) {}

  private ConversationRun() {}

  static List<TurnRun> run(ConversationFile file, RuleSet ruleSet) {
    ScriptedModel model = new ScriptedModel();
    RecordedTools tools = new RecordedTools();
    TurnClock clock = new TurnClock(file.time());
    String id = file.file().getFileName().toString().replaceFirst("\\.ya?ml$", "");
    Orchestrator.Builder builder =
        Orchestrator.builder()
            .ruleSet(ruleSet)
            .model(model)
            .clock(clock)
            .sleeper(d -> {})
            .ticker(() -> 0L);
    ruleSet.tools().keySet().forEach(name -> builder.tool(name, tools.tool(name)));
    Orchestrator orchestrator = builder.build();
    List<TurnRun> runs = new ArrayList<>();
    int number = 0;
    for (ConversationFile.Turn turn : file.turns()) {
      number++;
      clock.at = turn.time() == null ? file.time() : turn.time();
      model.next(turn.answers());
      tools.next(turn.tools());
      Map<String, String> before = orchestrator.conversation(id).vars();
      Trace trace = null;
      String failure = null;
      try {
        TurnResult result = orchestrator.turn(id, turn.user(), file.attributes());
        trace = result.trace();
      } catch (ArmatureException e) {
        failure = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      runs.add(
          new TurnRun(
              number,
              turn,
              trace,
              failure,
              before,
              orchestrator.conversation(id).vars(),
              model.calls(),
              model.given()));
    }
    return runs;
  }

  /** A clock that reads the time of the turn being run. */
  private static final class TurnClock extends Clock {
    private volatile Instant at;

    TurnClock(Instant at) {
      this.at = at;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return at;
    }
  }
}
