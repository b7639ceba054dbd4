package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.ruleset.RuleSet;
import dev.armature.ruleset.RuleSetLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code drl} block and every {@code markdown constructs/NAME.md} block of the docs is loaded
 * into one rule set, so an example that stops compiling fails the build.
 */
class DocsExamplesTest {
  private static final List<Path> DOCS =
      List.of(Path.of("docs/rules.md"), Path.of("docs/constructs.md"));
  private static final Pattern BLOCK =
      Pattern.compile("^```(\\w+)[ \\t]*([^\\n]*)\\n(.*?)^```", Pattern.DOTALL | Pattern.MULTILINE);
  private static final Pattern RULE = Pattern.compile("^rule\\s+\"", Pattern.MULTILINE);
  private static final Pattern NAMED =
      Pattern.compile(
          "new\\s+(?:Apply|Suppress)\\(\"([^\"]+)\"\\)|new\\s+Reject\\(\"(?:[^\"\\\\]|\\\\.)*\",\\s*\"([^\"]+)\"\\)");
  private static final String RULESET =
      "name: docs\nsections: [safety, stance, context, task, format]\n";

  @TempDir Path tmp;

  /** The examples of the docs: DRL sources, and construct files by id. */
  private record Examples(List<String> drl, Map<String, String> constructs) {}

  @Test
  void docs_whenTheirExamplesAreLoaded_compileIntoOneRuleSet() throws IOException {
    Examples examples = examples();
    assertThat(examples.drl()).as("drl blocks in the docs").hasSizeGreaterThanOrEqualTo(15);
    assertThat(examples.constructs())
        .as("construct blocks in the docs")
        .containsKeys("de-escalate", "stepwise", "order-status", "concise");

    RuleSet loaded = RuleSetLoader.load(write(examples));

    long rules =
        examples.drl().stream().mapToLong(text -> RULE.matcher(text).results().count()).sum();
    assertThat(loaded.rules()).hasSize((int) rules);
    assertThat(loaded.constructs())
        .containsKeys("de-escalate", "stepwise", "order-status", "concise");
    assertThat(loaded.constructs().get("concise").params()).containsEntry("max_tokens", "150");
  }

  @Test
  void docs_whenARuleExampleIsBroken_failToLoad() throws IOException {
    Examples examples = examples();
    List<String> drl = new ArrayList<>(examples.drl());
    drl.set(0, drl.get(0).replaceFirst("\\)", ""));

    assertThatThrownBy(() -> RuleSetLoader.load(write(new Examples(drl, examples.constructs()))))
        .isInstanceOf(RuleSetException.class)
        .hasMessageContaining("patterns/docs-1.drl:");
  }

  @Test
  void docs_whenAConstructExampleIsBroken_failToLoad() throws IOException {
    Examples examples = examples();
    Map<String, String> constructs = new LinkedHashMap<>(examples.constructs());
    constructs.put(
        "concise", constructs.get("concise").replace("section: format", "section: nowhere"));

    assertThatThrownBy(() -> RuleSetLoader.load(write(new Examples(examples.drl(), constructs))))
        .isInstanceOf(RuleSetException.class)
        .hasMessageContaining("constructs/concise.md:");
  }

  private static Examples examples() throws IOException {
    List<String> drl = new ArrayList<>();
    Map<String, String> constructs = new LinkedHashMap<>();
    for (Path doc : DOCS) {
      Matcher block = BLOCK.matcher(Files.readString(doc));
      while (block.find()) {
        String info = block.group(2).strip();
        if (block.group(1).equals("drl")) {
          drl.add(block.group(3));
        } else if (block.group(1).equals("markdown") && info.startsWith("constructs/")) {
          constructs.put(
              info.substring("constructs/".length(), info.length() - ".md".length()),
              block.group(3));
        }
      }
    }
    return new Examples(drl, constructs);
  }

  /**
   * A rule set folder with the examples, and a stub for every construct the rules name but no block
   * defines.
   */
  private Path write(Examples examples) throws IOException {
    Path dir = Files.createTempDirectory(tmp, "docs");
    Files.writeString(dir.resolve("ruleset.yaml"), RULESET + vocabulary(examples.drl()));
    Files.createDirectories(dir.resolve("patterns"));
    Files.createDirectories(dir.resolve("constructs"));
    Set<String> named = new LinkedHashSet<>();
    for (int i = 0; i < examples.drl().size(); i++) {
      String text = examples.drl().get(i);
      Files.writeString(dir.resolve("patterns/docs-" + (i + 1) + ".drl"), text);
      Matcher m = NAMED.matcher(text);
      while (m.find()) {
        named.add(m.group(1) != null ? m.group(1) : m.group(2));
      }
    }
    examples
        .constructs()
        .forEach((id, text) -> write(dir.resolve("constructs/" + id + ".md"), text));
    for (String id : named) {
      if (!examples.constructs().containsKey(id)) {
        write(
            dir.resolve("constructs/" + id + ".md"),
            "---\nsection: task\n---\nStub for " + id + ".\n");
      }
    }
    return dir;
  }

  private static final Pattern SIGNAL =
      Pattern.compile(
          "(?:Signal\\(name == |Seen\\(signal == |redacted contains )\"([^\"]+)\"|Signal\\(name in \\(([^)]*)\\)");
  private static final Pattern VARIABLE = Pattern.compile("Var\\(name == \"([^\"]+)\"");

  /**
   * What the examples read and {@code rules/support} defines: the signals (stand-in lexicons), the
   * variables and the route, so the examples pass the vocabulary check as they would there.
   */
  private static String vocabulary(List<String> drl) {
    Set<String> signals = new java.util.TreeSet<>();
    Set<String> variables = new java.util.TreeSet<>();
    for (String text : drl) {
      Matcher s = SIGNAL.matcher(text);
      while (s.find()) {
        if (s.group(1) != null) {
          signals.add(s.group(1));
        } else {
          Matcher each = Pattern.compile("\"([^\"]+)\"").matcher(s.group(2));
          while (each.find()) {
            signals.add(each.group(1));
          }
        }
      }
      Matcher v = VARIABLE.matcher(text);
      while (v.find()) {
        variables.add(v.group(1));
      }
    }
    StringBuilder yaml = new StringBuilder("routes: { careful: default }\n");
    yaml.append("variables: [").append(String.join(", ", variables)).append("]\nsignals:\n");
    signals.forEach(
        s ->
            yaml.append("  ")
                .append(s)
                .append(": { phrases: { \"")
                .append(s)
                .append("\": 1.0 } }\n"));
    return yaml.toString();
  }

  private static void write(Path file, String text) {
    TestRules.write(file, text);
  }
}
