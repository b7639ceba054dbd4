package dev.armature.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.testing.BrokenEdits;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code armature check} on every broken edit of the corpus: exit 1, and the problem at the
 * expected {@code file:line:col} with the expected message, in the author's words.
 */
class BrokenEditsCheckTest {
  @TempDir Path tmp;

  @Test
  void corpus_holdsAtLeastFortyEdits() {
    assertThat(BrokenEdits.all()).hasSizeGreaterThanOrEqualTo(40);
  }

  @TestFactory
  Stream<DynamicTest> check_onEachBrokenEdit_exitsOneAtTheExpectedPosition() {
    List<BrokenEdits.Edit> edits = BrokenEdits.all();
    return edits.stream()
        .map(
            edit ->
                DynamicTest.dynamicTest(
                    edit.name(),
                    () -> {
                      Path dir = BrokenEdits.copy(tmp.resolve(String.valueOf(edits.indexOf(edit))));
                      edit.apply(dir);

                      CliRun run = CliRun.command("check", dir.toString());

                      assertThat(run.code()).as(run.out()).isEqualTo(1);
                      assertThat(run.out().lines().findFirst().orElse(""))
                          .isEqualTo(dir.resolve(edit.at()) + ": " + edit.message());
                      assertThat(run.out())
                          .doesNotContain("java.", "org.drools", "Exception", "[ERR", ":0:0");
                    }));
  }

  @Test
  void check_onEditsInSeveralFiles_reportsEveryProblemInOneRun() {
    Path dir = BrokenEdits.copy(tmp);
    List<BrokenEdits.Edit> edits = BrokenEdits.all();
    BrokenEdits.Edit signal = byName(edits, "misspelled signal in a condition");
    BrokenEdits.Edit construct = byName(edits, "unknown construct in Apply");
    BrokenEdits.Edit placeholder = byName(edits, "an unclosed placeholder");
    BrokenEdits.Edit yaml = byName(edits, "a model temperature out of range");
    for (BrokenEdits.Edit e : List.of(signal, construct, placeholder, yaml)) {
      e.apply(dir);
    }

    CliRun run = CliRun.command("check", dir.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .contains(
            dir.resolve(signal.at()) + ": " + signal.message(),
            dir.resolve(construct.at()) + ": " + construct.message(),
            dir.resolve(placeholder.at()) + ": " + placeholder.message(),
            dir.resolve(yaml.at()) + ": " + yaml.message());
  }

  private static BrokenEdits.Edit byName(List<BrokenEdits.Edit> edits, String name) {
    return edits.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
  }
}
