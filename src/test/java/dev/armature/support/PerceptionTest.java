package dev.armature.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.eval.Eval;
import dev.armature.eval.EvalReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The support rule set perceives the project's own labelled messages (rules/support/eval) within
 * the thresholds of rules/support/eval.yaml: messages written the way customers write, with typos,
 * abbreviations, emoji, sarcasm and several requests at once, in English, French, German and
 * Spanish. messages.csv is the set the rules were tuned on; holdout.csv was written with it and
 * never tuned on.
 */
class PerceptionTest {
  private static final Path MAPPING = Path.of("rules/support/eval.yaml");

  private static EvalReport eval(String file) {
    return Eval.run(
        Chat.SUPPORT,
        MAPPING,
        List.of(Path.of("rules/support/eval", file)),
        Eval.Options.DEFAULT,
        (done, total) -> {});
  }

  @Test
  void eval_onTheTuningSet_meetsEveryThreshold() {
    EvalReport report = eval("messages.csv");

    assertThat(report.messages()).isGreaterThanOrEqualTo(380);
    assertThat(report.failures()).isEmpty();
    assertThat(report.labels().get("frustration").precision()).isGreaterThanOrEqualTo(0.90);
    assertThat(report.labels().get("frustration").recall()).isGreaterThanOrEqualTo(0.80);
    assertThat(report.labels().keySet())
        .contains("order", "delivery", "address", "cancel", "account", "newsletter", "complaint");
    assertThat(report.warnings()).isEmpty();
  }

  /**
   * The Bitext customer-support sample is not part of the project (CDLA-Sharing-1.0): this runs
   * when ARMATURE_BITEXT_DEV names its dev.csv, and holds rules/support to the goal bitext.yaml
   * declares (the right construct for 95% of the messages, precision and recall of 0.95 per
   * category).
   */
  @Test
  @EnabledIfEnvironmentVariable(named = "ARMATURE_BITEXT_DEV", matches = ".+")
  void eval_onTheBitextSample_meetsTheGoalOfIssue14() {
    EvalReport report =
        Eval.run(
            Chat.SUPPORT,
            Path.of("rules/support/eval/bitext.yaml"),
            List.of(Path.of(System.getenv("ARMATURE_BITEXT_DEV"))),
            new Eval.Options("text", "category", 10),
            (done, total) -> {});

    assertThat(report.messages()).isGreaterThanOrEqualTo(2000);
    assertThat(report.failures()).isEmpty();
    assertThat(report.accuracy()).isGreaterThanOrEqualTo(0.95);
  }

  /**
   * The held-out set is held to lower bars than eval.yaml's: the rules were not tuned on it, and
   * the gap between the two sets is what overfitting to the tuning set costs (BENCHMARKS.md).
   */
  @Test
  void eval_onTheHeldOutSet_staysNearTheTuningSet() {
    EvalReport report = eval("holdout.csv");

    assertThat(report.messages()).isGreaterThanOrEqualTo(90);
    assertThat(report.accuracy()).isGreaterThanOrEqualTo(0.82);
    assertThat(report.noTopic()).isLessThanOrEqualTo(0.10);
    assertThat(report.labels().get("frustration").precision()).isGreaterThanOrEqualTo(0.90);
    assertThat(report.labels().get("frustration").recall()).isGreaterThanOrEqualTo(0.80);
  }
}
