package dev.armature.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file in conversations/ is a test: replayed strictly, offline, with the same result every
 * time.
 */
class ConversationsReplayTest {
  static final Path CONVERSATIONS = Path.of("conversations");

  /** One test per conversation, the way docs/replay.md tells users to write it. */
  @TestFactory
  Stream<DynamicTest> conversations() {
    return ReplayTests.from(CONVERSATIONS)
        .map(c -> DynamicTest.dynamicTest(c.name(), c.file().toUri(), c::run));
  }

  @Test
  void replay_whenAllConversationsRunStrictly_everyTurnMatchesAndEveryRuleAndConstructIsCovered() {
    ReplayReport report = Replay.builder().strict().build().run(List.of(CONVERSATIONS));

    assertThat(report.passed()).as(report.failures()).isTrue();
    assertThat(report.files()).hasSizeGreaterThanOrEqualTo(30);
    assertThat(report.turns()).isGreaterThanOrEqualTo(300);
    assertThat(report.coverage())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.ruleSet()).isEqualTo("support");
              assertThat(c.neverFired()).as("rules no conversation fires").isEmpty();
              assertThat(c.neverApplied()).as("constructs no conversation applies").isEmpty();
            });
  }

  @Test
  void replay_whenRunTwice_givesIdenticalReports() {
    Replay replay = Replay.builder().strict().build();
    ReplayReport first = replay.run(List.of(CONVERSATIONS));
    ReplayReport second = Replay.builder().strict().build().run(List.of(CONVERSATIONS));

    assertThat(second).isEqualTo(first);
    assertThat(second.table()).isEqualTo(first.table());
  }
}
