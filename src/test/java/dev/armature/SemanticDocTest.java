package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.facts.Signal;
import dev.armature.ruleset.RuleSet;
import dev.armature.ruleset.RuleSetLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked example of docs/semantic.md, with the real embedding model: its signals load as
 * written, and every row of its table gives the signals the page says, for the reason it gives.
 */
class SemanticDocTest {
  private static final Path PAGE = Path.of("docs/semantic.md");
  private static final Pattern ROW = Pattern.compile("^\\| ([^|]+) \\| ([^|]+) \\| ([^|]+) \\|$");
  private static final Pattern SCORED = Pattern.compile("(topic-[a-z]+) scored (\\d\\.\\d{3})");

  @TempDir Path tmp;

  private record Row(String message, String kept, String why) {}

  @Test
  void workedExample_givesTheSignalsItsTableShows() throws IOException {
    String page = Files.readString(PAGE);
    String signals = firstYamlBlock(page);
    List<Row> rows = table(page);
    assertThat(rows).hasSizeGreaterThanOrEqualTo(6);

    RuleSet rules = load("doc", signals);
    // The same signals without groups, counter-examples or threshold: what each scores alone.
    RuleSet alone =
        load(
            "alone",
            signals
                .replaceAll("(?m)^\\s+group: topic\\n", "")
                .replaceAll("min_score: 0\\.\\d+", "min_score: 0.001")
                .replaceAll("(?ms)^\\s+counter_examples:\\n(\\s+- [^\\n]+\\n)+", ""));

    for (Row row : rows) {
      assertThat(describe(rules.signals().detect(row.message(), List.of()).signals()))
          .as("signals kept for '%s'", row.message())
          .isEqualTo(row.kept());
      List<String> onTheirOwn =
          alone.signals().detect(row.message(), List.of()).signals().stream()
              .map(s -> s.name() + " scored " + s.score())
              .toList();
      Matcher claim = SCORED.matcher(row.why());
      while (claim.find()) {
        assertThat(onTheirOwn)
            .as("'%s' in the row of '%s'", claim.group(), row.message())
            .contains(claim.group());
      }
    }
  }

  private RuleSet load(String name, String signals) {
    Path dir = tmp.resolve(name);
    TestRules.write(
        dir.resolve("ruleset.yaml"), "name: " + name + "\nsections: [task]\n" + signals);
    TestRules.write(
        dir.resolve("patterns/topics.drl"),
        "rule \"Topics are seen\"\nwhen\n    Signal(name str[startsWith] \"topic-\")\nthen\nend\n");
    return RuleSetLoader.load(dir);
  }

  private static String describe(List<Signal> signals) {
    if (signals.isEmpty()) {
      return "none";
    }
    return signals.stream()
        .map(s -> s.name() + " " + s.score() + " (" + String.join("; ", s.evidence()) + ")")
        .collect(Collectors.joining(", "));
  }

  private static String firstYamlBlock(String page) {
    Matcher m = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(page);
    assertThat(m.find()).as("a yaml block in %s", PAGE).isTrue();
    return m.group(1);
  }

  private static List<Row> table(String page) {
    List<Row> rows = new ArrayList<>();
    boolean inTable = false;
    for (String line : page.split("\n")) {
      if (line.startsWith("| message | signals kept |")) {
        inTable = true;
      } else if (inTable && line.startsWith("|---")) {
        continue;
      } else if (inTable) {
        Matcher m = ROW.matcher(line);
        if (!m.matches()) {
          break;
        }
        rows.add(new Row(m.group(1).strip(), m.group(2).strip(), m.group(3).strip()));
      }
    }
    return rows;
  }
}
