package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.ruleset.LiveRuleSet;
import dev.armature.ruleset.RuleSetEvent;
import dev.armature.testing.BrokenEdits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every broken edit of the corpus, saved into the folder of a running orchestrator: none goes into
 * service, the rejection names the expected position, and the previous version keeps answering.
 */
class BrokenEditsLiveTest {
  private static final String SELF_HARM = "Honestly I've been thinking about ending my life";

  @TempDir Path tmp;

  @Test
  void reload_ofEachBrokenEdit_isRejectedAndThePreviousVersionKeepsAnswering() throws Exception {
    Path dir = BrokenEdits.copy(tmp);
    List<BrokenEdits.Edit> edits = BrokenEdits.all();
    try (LiveRuleSet live = LiveRuleSet.load(dir, Clock.systemUTC());
        Orchestrator orchestrator = Orchestrator.builder().liveRules(live).build()) {
      String serving = live.current().version();
      String fixedAnswer = orchestrator.turn("before", SELF_HARM).reply();
      assertThat(fixedAnswer).startsWith("I'm really sorry you're feeling this way");

      for (BrokenEdits.Edit edit : edits) {
        Path file = dir.resolve(edit.file());
        String good = Files.readString(file);
        edit.apply(dir);
        RuleSetEvent event = live.reload();

        assertThat(event).as(edit.name()).isInstanceOf(RuleSetEvent.Rejected.class);
        assertThat(((RuleSetEvent.Rejected) event).problems())
            .as(edit.name())
            .anySatisfy(p -> assertThat(p + "").isEqualTo(edit.at() + ": " + edit.message()));
        assertThat(live.current().version()).as(edit.name()).isEqualTo(serving);
        TurnResult answer = orchestrator.turn("during-" + edits.indexOf(edit), SELF_HARM);
        assertThat(answer.reply()).as(edit.name()).isEqualTo(fixedAnswer);
        assertThat(answer.trace().ruleSetVersion()).isEqualTo(serving);

        Files.writeString(file, good);
        assertThat(live.reload()).as("undoing " + edit.name() + " is no reload").isNull();
        assertThat(live.status().lastError()).isEmpty();
      }

      assertThat(live.status().reloads()).isZero();
      assertThat(live.status().rejected()).isEqualTo(edits.size());
    }
  }
}
