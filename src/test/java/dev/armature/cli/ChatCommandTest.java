package dev.armature.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChatCommandTest {
  private static CliRun chat(String input, String... args) {
    return CliRun.of(input, args);
  }

  @Test
  void chat_showsSignalsRulesDirectivesAndReplyForEachTurn() {
    CliRun run =
        chat(
            "this is ridiculous, where is order 1182?\n/trace\n/quit\n",
            "chat",
            "--rules",
            "src/test/resources/rulesets/basic",
            "--attr",
            "tier=gold");

    assertThat(run.code()).isZero();
    assertThat(run.out())
        .contains(
            "signals    frustration 0.7 [ridiculous] · order-number 1.0 [order 1182]",
            "1. Frustrated users are heard first",
            "directives de-escalate, order-status, concise; dropped: upbeat (excluded by construct 'de-escalate')",
            "variable   order_id: - -> 1182 by signal 'order-number'",
            "armature> [dry-run] applying de-escalate, order-status, concise to: \"this is ridiculous, where is order 1182?\"",
            "\"ruleSet\":\"basic\"");
  }

  @Test
  void chat_whenRuleSetIsBroken_printsProblemsAndExitsWith1() {
    CliRun run = chat("", "chat", "--rules", "src/test/resources/no-such-rules");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("ruleset.yaml:0:0: no ruleset.yaml in rule set folder");
  }

  @Test
  void chat_whenInputIsRefused_keepsGoing() {
    CliRun run =
        chat(
            "x".repeat(40_000) + "\nhello\n",
            "chat",
            "--rules",
            "src/test/resources/rulesets/basic");

    assertThat(run.err())
        .contains(
            "refused: conversation 'terminal': the user's text is 40000 bytes; the limit is 32768");
    assertThat(run.out()).contains("armature> [dry-run] applying upbeat to: \"hello\"");
  }
}
