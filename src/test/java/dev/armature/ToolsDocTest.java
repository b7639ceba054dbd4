package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.ruleset.Phase;
import dev.armature.ruleset.RuleSet;
import dev.armature.ruleset.RuleSetLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code yaml} declaration and every {@code drl} block of docs/tools.md load as one rule set.
 */
class ToolsDocTest {
  private static final Pattern BLOCK =
      Pattern.compile("^```(\\w+)[ \\t]*\\n(.*?)^```", Pattern.DOTALL | Pattern.MULTILINE);

  @TempDir Path tmp;

  @Test
  void toolsDoc_whenItsExamplesAreLoaded_declaresJudgesAndOffers() throws IOException {
    String doc = Files.readString(Path.of("docs/tools.md"));
    String yaml = null;
    List<String> drl = new ArrayList<>();
    Matcher m = BLOCK.matcher(doc);
    while (m.find()) {
      if (m.group(1).equals("yaml") && m.group(2).startsWith("name: shop")) {
        yaml = m.group(2);
      } else if (m.group(1).equals("drl")) {
        drl.add(m.group(2));
      }
    }
    assertThat(yaml).as("the ruleset.yaml example").isNotNull();
    Files.writeString(tmp.resolve("ruleset.yaml"), yaml);
    for (int i = 0; i < drl.size(); i++) {
      TestRules.write(tmp.resolve("patterns/docs-" + i + ".drl"), drl.get(i));
    }
    for (String construct : List.of("order-status", "refund-policy")) {
      TestRules.write(
          tmp.resolve("constructs/" + construct + ".md"),
          "---\noutcome: o\ntension: t\nsection: task\n---\nText.\n");
    }

    RuleSet loaded = RuleSetLoader.load(tmp);

    assertThat(loaded.tools()).containsOnlyKeys("lookup_order", "refund_order");
    assertThat(loaded.tools().get("refund_order").changes()).isTrue();
    assertThat(loaded.maxToolRounds()).isEqualTo(3);
    assertThat(loaded.rules().stream().filter(r -> r.phase() == Phase.TOOL)).hasSize(6);
  }
}
