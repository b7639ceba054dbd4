package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.ruleset.RuleSetLoader;
import dev.armature.signals.SignalDetector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldBackStreamTest {
  private static final SignalDetector SIGNALS = RuleSetLoader.load(TestRules.BASIC).signals();

  private final List<String> client = new ArrayList<>();

  private HeldBackStream stream(int window, java.util.function.Predicate<String> objects) {
    return new HeldBackStream(client::add, window, SIGNALS, objects);
  }

  private static void write(HeldBackStream stream, String text) {
    for (String word : text.split("(?<= )")) {
      stream.accept(word);
    }
  }

  @Test
  void eachPiece_leavesOnlyOnceTheWindowFollowedIt_andAKeptReplyLeavesWholeAtTheEnd() {
    HeldBackStream stream = stream(10, text -> false);
    write(stream, "one two three four five");

    assertThat(String.join("", client)).isEqualTo("one two three");
    assertThat("one two three four five".length() - String.join("", client).length())
        .isLessThanOrEqualTo(10);
    stream.end("one two three four five");
    assertThat(String.join("", client)).isEqualTo("one two three four five");
  }

  @Test
  void aRedactingSignal_stopsTheStream_beforeItsTextLeaves_andAReplacedReplyLeavesNothingMore() {
    HeldBackStream stream = stream(20, text -> false);
    write(stream, "Sure thing, your card is 4111 1111 1111 1111 and more text follows here");
    stream.end("Something else entirely");

    assertThat(String.join("", client)).doesNotContain("4111").startsWith("Sure");
  }

  @Test
  void aPartialObjection_stopsTheStream_butAReplyTheWholeReviewKeeps_stillLeavesWhole() {
    HeldBackStream stream = stream(5, text -> text.contains("maybe"));
    write(stream, "this is maybe fine after all");

    assertThat(String.join("", client)).doesNotContain("maybe");
    stream.end("this is maybe fine after all");
    assertThat(String.join("", client)).isEqualTo("this is maybe fine after all");
  }
}
