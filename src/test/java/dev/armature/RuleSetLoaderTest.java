package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.armature.ruleset.Phase;
import dev.armature.ruleset.RuleSet;
import dev.armature.ruleset.RuleSetLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleSetLoaderTest {
  @TempDir Path tmp;

  private Path copy() {
    return TestRules.copy(TestRules.BASIC, tmp.resolve("basic"));
  }

  private static Problem onlyProblem(Path dir) {
    RuleSetException e =
        catchThrowableOfType(RuleSetException.class, () -> RuleSetLoader.load(dir));
    assertThat(e).as("loading %s must fail", dir).isNotNull();
    assertThat(e.problems()).hasSize(1);
    return e.problems().get(0);
  }

  @Test
  void load_readsEveryPartOfTheFolder() {
    RuleSet rules = RuleSetLoader.load(TestRules.BASIC);

    assertThat(rules.name()).isEqualTo("basic");
    assertThat(rules.sections()).containsExactly("safety", "stance", "task", "format");
    assertThat(rules.constructs())
        .containsOnlyKeys("concise", "de-escalate", "no-card-numbers", "order-status", "upbeat");
    assertThat(rules.constructs().get("de-escalate").excludes()).containsExactly("upbeat");
    assertThat(rules.signals().names())
        .containsExactly(
            "card-number", "frustration", "order-number", "question", "repeated", "shouting");
    assertThat(rules.rules()).hasSize(8);
    assertThat(rules.rules())
        .filteredOn(r -> r.phase() == Phase.REVIEW)
        .extracting(RuleSet.RuleInfo::name)
        .containsExactly(
            "A reply that shows a long number is retried with the safety construct",
            "A retried reply that still shows a long number is replaced");
    assertThat(rules.rules().get(0))
        .isEqualTo(
            new RuleSet.RuleInfo(
                "Frustrated users are heard first", Phase.DECIDE, "patterns/main.drl", 1));
    assertThat(rules.history().maxTokens()).isEqualTo(200);
    assertThat(rules.maxFirings()).isEqualTo(50);
  }

  @Test
  void version_isAHashOfTheContent() throws IOException {
    Path dir = copy();
    String before = RuleSetLoader.load(dir).version();
    assertThat(RuleSetLoader.load(dir).version()).isEqualTo(before);
    assertThat(RuleSetLoader.load(TestRules.BASIC).version()).isEqualTo(before);

    Files.writeString(
        dir.resolve("constructs/upbeat.md"),
        Files.readString(dir.resolve("constructs/upbeat.md")) + "!");

    assertThat(RuleSetLoader.load(dir).version()).isNotEqualTo(before).hasSize(16);
  }

  @Test
  void load_whenAConstructHasSeveralProblems_reportsEachInOneRun() {
    Path dir = copy();
    TestRules.write(
        dir.resolve("constructs/upbeat.md"),
        "---\noutcome: friendly\nsection: mood\nparams: { temperature: 5 }\n---\nHi {{var.name}\n");

    RuleSetException e =
        catchThrowableOfType(RuleSetException.class, () -> RuleSetLoader.load(dir));

    assertThat(e.problems())
        .extracting(Problem::toString)
        .filteredOn(p -> p.startsWith("constructs/upbeat.md:"))
        .hasSize(3)
        .anySatisfy(p -> assertThat(p).startsWith("constructs/upbeat.md:3:1: field 'section'"))
        .anySatisfy(p -> assertThat(p).startsWith("constructs/upbeat.md:4:1: field 'params'"))
        .anySatisfy(p -> assertThat(p).startsWith("constructs/upbeat.md:6:"));
  }

  @Test
  void streamWindow_isReadFromRulesetYaml_andANegativeOneIsRefusedNamingTheField()
      throws IOException {
    Path dir = copy();
    Path yaml = dir.resolve("ruleset.yaml");
    String text = Files.readString(yaml);
    assertThat(RuleSetLoader.load(dir).streamWindow()).isZero();
    TestRules.write(yaml, text + "stream:\n  window: 80\n");
    assertThat(RuleSetLoader.load(dir).streamWindow()).isEqualTo(80);

    TestRules.write(yaml, text + "stream:\n  window_tokens: 10\n");
    assertThat(RuleSetLoader.load(dir).streamWindow()).isEqualTo(40);
    TestRules.write(yaml, text + "stream:\n  window: 8\n  window_tokens: 10\n");
    assertThat(onlyProblem(dir).toString())
        .contains("set one of 'stream.window' (characters) and 'stream.window_tokens', not both");

    TestRules.write(yaml, text + "stream:\n  window: -1\n");

    assertThat(onlyProblem(dir).toString())
        .startsWith("ruleset.yaml:" + (text.split("\n").length + 2) + ":1:")
        .contains("'stream.window' must be from 0 to 100000 characters but was -1");
  }

  @Test
  void load_whenDrlHasSyntaxError_namesFileAndLine() throws IOException {
    Path dir = copy();
    TestRules.write(
        dir.resolve("patterns/broken.drl"),
        "rule \"ok\"\nwhen\n    Turn()\nthen\nend\n\nrule \"broken\"\nwhen\n    Signal(name == )\nthen\nend\n");

    Problem p = onlyProblem(dir);

    assertThat(p.toString()).startsWith("patterns/broken.drl:9:20: ");
  }

  @Test
  void load_whenDrlNamesUnknownType_namesFileAndLine() {
    Path dir = copy();
    TestRules.write(
        dir.resolve("patterns/typo.drl"),
        "rule \"typo\"\nwhen\n    Signall(name == \"x\")\nthen\nend\n");

    Problem p = onlyProblem(dir);

    assertThat(p.file()).isEqualTo("patterns/typo.drl");
    assertThat(p.line()).isEqualTo(3);
    assertThat(p.message()).contains("Signall");
  }

  @Test
  void load_whenRuleAppliesUnknownConstruct_namesRuleAndConstruct() {
    Path dir = copy();
    TestRules.write(
        dir.resolve("patterns/unknown.drl"),
        "rule \"Greets warmly\"\nwhen\n    Turn(number == 1)\nthen\n    insert(new Apply(\"warm-welcome\"));\nend\n");

    Problem p = onlyProblem(dir);

    assertThat(p.toString())
        .startsWith(
            "patterns/unknown.drl:5:22: rule 'Greets warmly': names unknown construct 'warm-welcome'"
                + " (no constructs/warm-welcome.md); constructs: concise, de-escalate,");
  }

  @Test
  void load_whenConstructHasUnknownField_namesFileLineAndField() {
    Path dir = copy();
    TestRules.write(
        dir.resolve("constructs/upbeat.md"), "---\noutcome: x\nsectoin: stance\n---\nBe upbeat.\n");

    Problem p = onlyProblem(dir);

    assertThat(p.file()).isEqualTo("constructs/upbeat.md");
    assertThat(p.line()).isEqualTo(3);
    assertThat(p.message()).contains("unknown field 'sectoin'");
  }

  @Test
  void load_whenConstructHasUnknownSection_namesTheSection() {
    Path dir = copy();
    TestRules.write(
        dir.resolve("constructs/upbeat.md"), "---\noutcome: x\nsection: tone\n---\nBe upbeat.\n");

    assertThat(onlyProblem(dir).toString())
        .isEqualTo(
            "constructs/upbeat.md:3:1: field 'section': unknown section 'tone'; sections of this rule set: safety, stance, task, format");
  }

  @Test
  void load_whenConstructHasNoFrontMatterOrBadValue_saysWhatIsExpected() {
    Path dir = copy();
    TestRules.write(dir.resolve("constructs/upbeat.md"), "Be upbeat.\n");
    assertThat(onlyProblem(dir).message()).contains("starts with YAML front matter");

    TestRules.write(
        dir.resolve("constructs/upbeat.md"),
        "---\nsection: stance\npriority: high\n---\nBe upbeat.\n");
    Problem p = onlyProblem(dir);
    assertThat(p.line()).isEqualTo(3);
    assertThat(p.message()).contains("priority");

    TestRules.write(
        dir.resolve("constructs/upbeat.md"),
        "---\nsection: stance\nparams: { temperature: hot }\n---\nBe upbeat.\n");
    assertThat(onlyProblem(dir).toString())
        .isEqualTo(
            "constructs/upbeat.md:3:1: field 'params': parameter 'temperature' is 'hot'; expected a number");

    TestRules.write(
        dir.resolve("constructs/upbeat.md"),
        "---\nsection: stance\nexcludes: [grumpy]\n---\nBe upbeat.\n");
    assertThat(onlyProblem(dir).toString())
        .isEqualTo("constructs/upbeat.md:3:1: field 'excludes': unknown construct 'grumpy'");

    TestRules.write(
        dir.resolve("constructs/upbeat.md"), "---\nsection: stance\n---\nHello {{user.name}}\n");
    assertThat(onlyProblem(dir).message())
        .contains("placeholder '{{user.name}}' must be {{var.NAME}} or {{attr.NAME}}");
  }

  @Test
  void load_whenRulesetYamlIsBroken_namesLineAndField() throws IOException {
    Path dir = copy();
    Path yaml = dir.resolve("ruleset.yaml");
    String good = Files.readString(yaml);

    Files.writeString(
        yaml,
        good.replace("sections: [safety, stance, task, format]", "sections: [safety, stance"));
    assertThat(onlyProblem(dir).file()).isEqualTo("ruleset.yaml");

    Files.writeString(yaml, good.replace("limits:", "limitz:"));
    Problem unknown = onlyProblem(dir);
    assertThat(unknown.message()).contains("unknown field 'limitz'");
    assertThat(unknown.line()).isEqualTo(Yamls.lineOf(good, "limits:"));

    Files.writeString(
        yaml, good.replace("'\\border\\s*#?\\s*(?<number>\\d{3,8})\\b'", "'(unclosed'"));
    Problem regex = onlyProblem(dir);
    assertThat(regex.line()).isEqualTo(Yamls.lineOf(good, "order-number:"));
    assertThat(regex.message())
        .startsWith(
            "field 'signals.order-number': the regular expression does not compile: Unclosed group");
  }

  @Test
  void load_whenRuleHasUnknownPhase_namesTheRule() {
    Path dir = copy();
    TestRules.write(
        dir.resolve("patterns/phase.drl"),
        "rule \"Late\"\n@phase(revue)\nwhen\n    Reply()\nthen\nend\n");

    assertThat(onlyProblem(dir).toString())
        .startsWith("patterns/phase.drl:1:1: rule 'Late' has unknown @phase(revue)");
  }

  @Test
  void load_whenSeveralFilesAreBroken_reportsEveryProblemAtOnce() {
    Path dir = copy();
    TestRules.write(dir.resolve("constructs/upbeat.md"), "---\nsection: tone\n---\nBe upbeat.\n");
    TestRules.write(
        dir.resolve("patterns/broken.drl"),
        "rule \"broken\"\nwhen\n    Signal(name == )\nthen\nend\n");

    RuleSetException e =
        catchThrowableOfType(RuleSetException.class, () -> RuleSetLoader.load(dir));

    assertThat(e.problems())
        .extracting(Problem::file)
        .containsExactly("constructs/upbeat.md", "patterns/broken.drl");
  }

  @Test
  void load_whenFolderHasNoRulesetYaml_saysSo() {
    assertThatThrownBy(() -> RuleSetLoader.load(tmp))
        .isInstanceOf(RuleSetException.class)
        .hasMessageContaining("no ruleset.yaml in rule set folder");
  }

  /** Line lookups for expected positions. */
  static final class Yamls {
    static int lineOf(String text, String needle) {
      return 1
          + (int) text.substring(0, text.indexOf(needle)).chars().filter(c -> c == '\n').count();
    }
  }
}
