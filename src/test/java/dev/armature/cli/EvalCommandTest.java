package dev.armature.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {
  @TempDir Path dir;

  private static final String MAPPING =
      "labels:\n"
          + "  refund: [refund-policy]\n"
          + "  billing: [billing-policy]\n"
          + "  angry: [signal:frustration]\n"
          + "  other: []\n"
          + "topics: [refund-policy, billing-policy]\n";

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private Path messages() throws IOException {
    return write(
        "messages.csv",
        "id,text,label\n"
            + "1,I want a refund for the kettle,refund\n"
            + "2,\"hello, anyone there\",refund\n"
            + "3,I was charged twice for the same thing,billing\n"
            + "4,\"this is ridiculous, I want my refund\",refund;angry\n"
            + "5,tell me a joke about cats,other\n"
            + "6,can I get a refund on the charge,billing\n");
  }

  @Test
  void eval_onLabelledCsv_reportsPrecisionRecallAndTheRightShare() throws IOException {
    Path mapping = write("eval.yaml", MAPPING);
    CliRun run =
        CliRun.command(
            "eval",
            "--rules",
            "rules/support",
            "--mapping",
            mapping.toString(),
            "--format",
            "json",
            messages().toString());

    assertThat(run.err()).isEmpty();
    assertThat(run.code()).isZero();
    JsonNode report = new ObjectMapper().readTree(run.out());
    assertThat(report.get("messages").asInt()).isEqualTo(6);
    JsonNode refund = report.get("labels").get("refund");
    // Seen on messages 1, 4 and 6; message 6 is labelled billing: 2 of 3 right, 2 of 3 found.
    assertThat(refund.get("support").asInt()).isEqualTo(3);
    assertThat(refund.get("seen").asInt()).isEqualTo(3);
    assertThat(refund.get("precision").asDouble()).isEqualTo(2.0 / 3);
    assertThat(refund.get("recall").asDouble()).isEqualTo(2.0 / 3);
    assertThat(report.get("labels").get("angry").get("recall").asDouble()).isEqualTo(1.0);
    // Right: 1, 3, 4 and 5 (no topic at all); wrong: 2 (nothing) and 6 (refund-policy too).
    assertThat(report.get("accuracy").asDouble()).isEqualTo(4.0 / 6);
    assertThat(report.get("noTopic").asDouble()).isEqualTo(1.0 / 5);
    assertThat(report.get("confusion").get("refund").get("other").asInt()).isEqualTo(1);
    assertThat(report.get("misses").get(0).get("line").asInt()).isEqualTo(3);
    // Message 2 got nothing: it misses 'refund' and counts as 'other' (no topic), the worst.
    assertThat(report.get("falseAlarms").get(0).get("falseAlarms").toString())
        .isEqualTo("[\"other\"]");
    assertThat(report.get("falseAlarms").get(1).get("text").asText())
        .isEqualTo("can I get a refund on the charge");
  }

  @Test
  void eval_whenAThresholdIsMissed_exitsOneAndNamesIt() throws IOException {
    Path mapping =
        write(
            "eval.yaml",
            MAPPING
                + "thresholds:\n  accuracy: 0.9\n  labels:\n    refund: { precision: 0.5, recall: 0.9 }\n");
    CliRun run =
        CliRun.command(
            "eval",
            "--rules",
            "rules/support",
            "--mapping",
            mapping.toString(),
            messages().toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .contains("refund         3      3      0.667   0.667")
        .contains(
            "right constructs for 0.667 of the messages; " + mapping + " asks for at least 0.900")
        .contains("label 'refund': recall 0.667 is below 0.900")
        .doesNotContain("precision 0.667 is below");
  }

  @Test
  void eval_onJsonLinesWithOtherColumns_readsThem() throws IOException {
    Path mapping = write("eval.yaml", MAPPING + "thresholds:\n  accuracy: 1.0\n");
    Path lines =
        write(
            "m.jsonl",
            "{\"message\": \"I need a refund please\", \"intent\": [\"refund\"]}\n\n"
                + "{\"message\": \"why is there a second charge on my card\", \"intent\": \"billing\"}\n");
    CliRun run =
        CliRun.command(
            "eval",
            "--rules",
            "rules/support",
            "--mapping",
            mapping.toString(),
            "--text-column",
            "message",
            "--label-column",
            "intent",
            lines.toString());

    assertThat(run.out()).contains("right constructs: 100.0% of the messages");
    assertThat(run.code()).isZero();
  }

  @Test
  void eval_whenALabelIsNotMapped_exitsTwoNamingTheLine() throws IOException {
    Path mapping = write("eval.yaml", MAPPING);
    Path csv = write("m.csv", "text,label\nok,refund\nwhere is it,shipping\n");
    CliRun run =
        CliRun.command(
            "eval", "--rules", "rules/support", "--mapping", mapping.toString(), csv.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .startsWith(
            csv + ":3: label 'shipping' is not in " + mapping + "; expected one of [refund,");
  }

  @Test
  void eval_whenTheMappingHasAnUnknownField_exitsTwoNamingTheLine() throws IOException {
    Path mapping = write("eval.yaml", MAPPING + "threshold:\n  accuracy: 0.9\n");
    CliRun run =
        CliRun.command(
            "eval",
            "--rules",
            "rules/support",
            "--mapping",
            mapping.toString(),
            messages().toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).startsWith(mapping + ":7: unknown field 'threshold'");
  }

  @Test
  void eval_whenTheTextColumnIsMissing_exitsTwoNamingTheHeader() throws IOException {
    Path mapping = write("eval.yaml", MAPPING);
    CliRun run =
        CliRun.command(
            "eval",
            "--rules",
            "rules/support",
            "--mapping",
            mapping.toString(),
            "--text-column",
            "body",
            messages().toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .contains(":1: no column 'body' (--text-column); the header has [id, text, label]");
  }
}
