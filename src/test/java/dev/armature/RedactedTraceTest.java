package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.ruleset.RuleSet;
import dev.armature.ruleset.RuleSetLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What a redacting signal removes from a reply is nowhere in the trace, facts included. */
class RedactedTraceTest {
  static final RuleSet SUPPORT = RuleSetLoader.load(Path.of("rules/support"));

  @Test
  void trace_whenTheReplyHoldsACardNumber_showsItInNoFactARuleMatched() {
    Orchestrator orchestrator =
        Orchestrator.builder()
            .ruleSet(SUPPORT)
            .model(
                new ScriptedModel(
                    "Card 4000 0566 5566 5556 was charged twice.",
                    "The duplicate charge is reversed within 5 days."))
            .build();

    TurnResult result = orchestrator.turn("c-1", "I was charged twice");

    String json = result.trace().toJson();
    assertThat(result.reply()).doesNotContain("5566");
    // The review's rules matched the Reply fact: the trace lists it, with the number removed.
    assertThat(json).contains("Reply[text=Card [card-number removed]");
    assertThat(json).doesNotContain("5566");
    assertThat(result.trace().toString()).doesNotContain("5566");
  }

  @Test
  void trace_whenTheModelFailsAfterARejectedReply_keepsTheRejectedAttemptAndItsRule() {
    Orchestrator orchestrator =
        Orchestrator.builder()
            .ruleSet(SUPPORT)
            .model(new ScriptedModel("Card 4000 0566 5566 5556 was charged twice."))
            .sleeper(d -> {})
            .build();

    TurnResult result = orchestrator.turn("c-1", "I was charged twice");

    Trace trace = result.trace();
    assertThat(trace.outcome()).isEqualTo("fallback");
    assertThat(trace.attempts()).hasSize(1);
    assertThat(trace.attempts().get(0).review()).isEqualTo("rejected");
    assertThat(trace.rules())
        .extracting(Trace.FiredRule::phase)
        .contains("decide", "review", "fallback");
    assertThat(trace.toJson()).doesNotContain("5566");
  }
}
