package dev.armature.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class CheckCommandTest {
  private static final Path BROKEN = Path.of("src/test/resources/broken");

  private static CliRun check(String... args) {
    return CliRun.command("check", args);
  }

  @TestFactory
  Stream<DynamicTest> check_onEachBrokenRuleSet_exitsOneAndPointsAtTheProblem() throws IOException {
    List<Path> cases;
    try (Stream<Path> list = Files.list(BROKEN)) {
      cases = list.sorted().toList();
    }
    assertThat(cases).hasSizeGreaterThanOrEqualTo(15);
    return cases.stream()
        .map(
            dir ->
                DynamicTest.dynamicTest(
                    dir.getFileName().toString(),
                    () -> {
                      List<String> expected = Files.readAllLines(dir.resolve("EXPECTED"));
                      CliRun run = check(dir.toString());
                      assertThat(run.code()).isEqualTo(1);
                      String first = run.out().lines().findFirst().orElse("");
                      assertThat(first)
                          .startsWith(
                              dir.resolve(expected.get(0).split(":")[0])
                                  + expected.get(0).substring(expected.get(0).indexOf(':'))
                                  + ": ");
                      assertThat(first).contains(expected.get(1));
                    }));
  }

  @Test
  void check_strict_onEveryRuleSetInRules_exitsZero() {
    CliRun run = check("--strict", "rules");

    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out()).doesNotContain("warning");
  }

  @Test
  void check_onARuleSetWithTools_listsEachToolWithWhatItMayChange() {
    CliRun run = check("rules/support");

    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out())
        .contains("  tool lookup_order (reads only, timeout 3000 ms): Looks up an order")
        .contains("  tool refund_order (changes, timeout 5000 ms): Refunds an amount");
  }

  @Test
  void check_onEveryRuleSetInRules_exitsZero() {
    CliRun run = check("rules");

    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out()).contains("rules/support: ");
  }

  @Test
  void check_reportsWarnings_andFailsOnThemOnlyWhenStrict() {
    CliRun lenient = check("src/test/resources/rulesets/basic");
    assertThat(lenient.code()).isZero();
    assertThat(lenient.out())
        .contains(
            "src/test/resources/rulesets/basic/ruleset.yaml:34:1: warning: signal 'repeated' is read by no rule");

    assertThat(check("--strict", "src/test/resources/rulesets/basic").code()).isEqualTo(1);
  }

  @Test
  void check_whenFolderHoldsNoRuleSet_exitsOne() {
    CliRun run = check("src/test/java");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("src/test/java:0:0: no ruleset.yaml here or in a folder below");
  }
}
