package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.ruleset.RuleSet;
import dev.armature.ruleset.RuleSetLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example {@code ruleset.yaml} of docs/ruleset.md loads as written and does what the page says.
 */
class RulesetDocTest {
  @TempDir Path tmp;

  @Test
  void rulesetDocExample_loadsAndDetectsItsSignals() throws IOException {
    Matcher yaml =
        Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL)
            .matcher(Files.readString(Path.of("docs/ruleset.md")));
    assertThat(yaml.find()).isTrue();
    TestRules.write(tmp.resolve("ruleset.yaml"), yaml.group(1));
    TestRules.write(
        tmp.resolve("constructs/de-escalate.md"),
        "---\nsection: stance\n---\nAcknowledge it once.\n");
    TestRules.write(
        tmp.resolve("patterns/main.drl"),
        "rule \"Heard\"\nwhen\n    Signal(name == \"frustration\")\nthen\n"
            + "    insert(new Apply(\"de-escalate\"));\nend\n");

    RuleSet rules = RuleSetLoader.load(tmp);

    assertThat(rules.name()).isEqualTo("shop");
    assertThat(rules.sections()).containsExactly("safety", "stance", "task", "format");
    TurnResult r =
        Orchestrator.builder()
            .ruleSet(rules)
            .build()
            .turn("doc", "I'm fed up, order #1182 and card 4111 1111 1111 4242. Where is it?");
    assertThat(r.trace().signals())
        .extracting(dev.armature.facts.Signal::name)
        .containsExactly("card-number", "frustration", "order-number", "question");
    assertThat(r.trace().constructs()).containsExactly("de-escalate");
    assertThat(r.trace().input().text()).doesNotContain("4111").contains("[card-number removed]");
    assertThat(r.trace().variables())
        .extracting(Trace.VarChange::name, Trace.VarChange::after)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("order_id", "1182"));
  }
}
