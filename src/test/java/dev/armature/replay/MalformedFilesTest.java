package dev.armature.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Broken conversation files fail with file, line and field, and the other files still run. */
class MalformedFilesTest {
  static final Path BROKEN = Path.of("src/test/resources/conversations-broken");

  @Test
  void replay_whenFilesAreBroken_namesFileLineAndFieldAndRunsTheGoodOne() {
    ReplayReport report = Replay.builder().build().run(List.of(BROKEN));

    Map<String, ReplayReport.FileResult> byName =
        report.files().stream()
            .collect(Collectors.toMap(f -> f.file().getFileName().toString(), f -> f));
    assertThat(byName.get("bad-yaml.yaml").error())
        .startsWith(BROKEN.resolve("bad-yaml.yaml") + ":6: not valid YAML");
    assertThat(byName.get("unknown-ruleset.yaml").error())
        .isEqualTo(
            BROKEN.resolve("unknown-ruleset.yaml")
                + ":2: field 'ruleset': unknown rule set 'sales': no folder rules/sales with a ruleset.yaml");
    assertThat(byName.get("turn-without-user.yaml").error())
        .isEqualTo(
            BROKEN.resolve("turn-without-user.yaml")
                + ":7: field 'turns[1].user': a turn needs the user's text");
    assertThat(byName.get("unknown-construct.yaml").error())
        .startsWith(
            BROKEN.resolve("unknown-construct.yaml")
                + ":9: field 'turns[1].expect.constructs[1]': unknown construct 'apologise-profusely'; rule set 'support' has "
                + "account-help, address-change, ask-order-number,");
    assertThat(byName.get("good.yaml").passed()).as(byName.get("good.yaml").text()).isTrue();
    assertThat(byName.get("good.yaml").turns()).isEqualTo(2);
    assertThat(report.passed()).isFalse();
  }

  @Test
  void read_whenAFieldIsUnknown_namesItsLine() {
    assertThatThrownBy(
            () ->
                ConversationReader.read(
                    Path.of("x.yaml"),
                    "name: x\nruleset: support\nturns:\n  - user: hi\n    expect:\n      construct: [first-contact]\n"))
        .isInstanceOf(ConversationFileException.class)
        .hasMessage(
            "x.yaml:6: field 'turns[0].expect.construct': unknown field; expected one of outcome, reply, constructs, "
                + "rules, vars, digest");
  }

  @Test
  void read_whenAnOutcomeOrErrorKindIsUnknown_saysWhatIsExpected() {
    assertThatThrownBy(
            () ->
                ConversationReader.read(
                    Path.of("x.yaml"),
                    "ruleset: support\nturns:\n  - user: hi\n    expect: {outcome: answered}\n"))
        .hasMessageStartingWith(
            "x.yaml:4: field 'turns[0].expect.outcome': unknown outcome 'answered'");
    assertThatThrownBy(
            () ->
                ConversationReader.read(
                    Path.of("x.yaml"),
                    "ruleset: support\nturns:\n  - user: hi\n    replies: [{error: exploded}]\n"))
        .hasMessageStartingWith(
            "x.yaml:4: field 'turns[0].replies[0].error': unknown error kind 'exploded'");
  }

  @Test
  void read_whenTheFileIsEmptyOrHasNoTurns_saysSo() {
    assertThatThrownBy(() -> ConversationReader.read(Path.of("x.yaml"), ""))
        .hasMessage("x.yaml:1: the file is empty");
    assertThatThrownBy(
            () -> ConversationReader.read(Path.of("x.yaml"), "ruleset: support\nturns: []\n"))
        .hasMessage("x.yaml:2: field 'turns': a conversation needs at least one turn");
  }
}
