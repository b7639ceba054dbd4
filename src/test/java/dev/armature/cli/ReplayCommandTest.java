package dev.armature.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {
  @TempDir Path dir;

  private static CliRun armature(String input, String... args) {
    return CliRun.of(input, args);
  }

  @Test
  void replay_whenAllMatch_printsTheTableAndCoverageAndExitsWith0() {
    CliRun run =
        armature(
            "",
            "replay",
            "--strict",
            "--coverage",
            "conversations/support/self-harm.yaml",
            "conversations/support/sms-short.yaml");

    assertThat(run.code()).isZero();
    assertThat(run.out())
        .contains(
            "ok         6     0  conversations/support/self-harm.yaml",
            "2 conversation(s), 11 turn(s), 0 failed",
            "coverage of rule set support: ",
            "rule never fired: A model that is down gets an honest apology and a way to a person (patterns/fallback.drl:4)");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void replay_whenAFileIsBroken_reportsItAndExitsWith1() {
    CliRun run = armature("", "replay", "--progress", "src/test/resources/conversations-broken");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .contains(
            "turn-without-user.yaml:7: field 'turns[1].user': a turn needs the user's text",
            "ERROR      0     0  src/test/resources/conversations-broken/bad-yaml.yaml");
    assertThat(run.err()).contains("5/5 conversations");
  }

  @Test
  void chatRecord_thenReplayAndUpdate_roundTrips() throws IOException {
    Path file = dir.resolve("chat.yaml");
    CliRun chat =
        armature(
            "Hi, where is my order 58213?\nthanks, bye\n/quit\n",
            "chat",
            "--record",
            file.toString(),
            "--attr",
            "tier=gold");
    assertThat(chat.code()).isZero();
    assertThat(Files.readString(file))
        .contains("name: \"chat\"", "attributes: {tier: gold}", "constructs: [priority-care, ");

    CliRun replay = armature("", "replay", "--strict", file.toString());
    assertThat(replay.code()).as(replay.out()).isZero();

    Files.writeString(
        file,
        Files.readString(file)
            .replace("constructs: [close-conversation]", "constructs: [concise]"));
    CliRun failing = armature("", "replay", file.toString());
    assertThat(failing.code()).isEqualTo(1);
    assertThat(failing.out())
        .contains(
            "turn 2 (line ",
            "construct `concise` expected, not applied; rule `Yes/no "
                + "questions get a concise answer` (patterns/format.drl:4) did not fire because no `Signal(yes-no)` was detected");

    CliRun update = armature("", "replay", "--update", file.toString());
    assertThat(update.out()).contains("updated " + file, "1 of 1 conversation(s) updated");
    assertThat(armature("", "replay", "--strict", file.toString()).code()).isZero();
  }

  @Test
  void replayUpdate_countsExactlyTheFilesItRewrote_andFailsOnAFileItCannotUpdate()
      throws IOException {
    Path rules =
        dev.armature.testing.Folders.copy(
            Path.of("src/test/resources/rulesets/basic"), dir.resolve("rules/basic"));
    Files.writeString(
        rules.resolve("patterns/boom.drl"),
        "rule \"Boom\"\nwhen\n    Turn(text == \"boom\")\nthen\n"
            + "    insert(new SetVar(\"x\", null));\nend\n");
    Path conversations = Files.createDirectories(dir.resolve("conversations"));
    Path fresh = conversations.resolve("fresh.yaml");
    Files.writeString(fresh, "ruleset: basic\nturns:\n  - user: \"hello\"\n");
    Path same = conversations.resolve("same.yaml");
    Files.writeString(same, "ruleset: basic\nturns:\n  - user: \"hi\"\n");
    assertThat(
            armature(
                    "",
                    "replay",
                    "--rules",
                    dir.resolve("rules").toString(),
                    "--update",
                    same.toString())
                .code())
        .isZero();
    String sameBefore = Files.readString(same);
    Path failing = conversations.resolve("failing.yaml");
    String failingBefore = "ruleset: basic\nturns:\n  - user: \"hello\"\n  - user: \"boom\"\n";
    Files.writeString(failing, failingBefore);

    CliRun update =
        armature(
            "",
            "replay",
            "--rules",
            dir.resolve("rules").toString(),
            "--update",
            conversations.toString());

    assertThat(update.code()).as(update.out()).isEqualTo(1);
    assertThat(update.out())
        .contains(
            "updated " + fresh,
            failing
                + ":4: not updated: turn 2 failed: RuleException: rule 'Boom' failed in its action",
            "1 of 3 conversation(s) updated");
    assertThat(Files.readString(failing)).isEqualTo(failingBefore);
    assertThat(Files.readString(same)).isEqualTo(sameBefore);
  }

  @Test
  void chatRecord_whenAnAttributeIsASecret_refusesToStart() {
    CliRun run =
        armature(
            "", "chat", "--record", dir.resolve("x.yaml").toString(), "--attr", "auth_token=abc");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("attribute 'auth_token' is named like a secret");
    assertThat(dir.resolve("x.yaml")).doesNotExist();
  }

  @Test
  void replayImpact_whenTheOtherRulesAreACopy_listsNoTurn() throws IOException {
    Path copy = dev.armature.testing.Folders.copy(Path.of("rules/support"), dir.resolve("support"));
    CliRun run =
        armature("", "replay", "--impact", copy.toString(), "conversations/support/self-harm.yaml");

    assertThat(run.code()).isZero();
    assertThat(run.out()).isEqualTo("0 of 6 turn(s) in 0 of 1 conversation(s) would change\n");
  }
}
