package dev.armature.ruleset;

import dev.armature.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code tools:} section of {@code ruleset.yaml}, checked field by field. */
final class ToolsYaml {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Pattern TIMEOUT = Pattern.compile("(\\d{1,6})\\s*(ms|s)");
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private ToolsYaml() {}

  static Map<String, ToolDeclaration> read(
      Map<String, RuleSetYaml.ToolYaml> tools, String text, List<Problem> problems) {
    Map<String, ToolDeclaration> declared = new LinkedHashMap<>();
    if (tools == null) {
      return declared;
    }
    tools.forEach(
        (name, tool) -> {
          int line = Math.max(1, Yaml.lineOfKey(text, name));
          String field = "field 'tools." + name;
          List<String> found = new ArrayList<>();
          if (!NAME.matcher(name).matches()) {
            found.add(
                "tool name '"
                    + name
                    + "' must be lower case: letters, digits and '_' ([a-z][a-z0-9_]*)");
          }
          if (tool == null) {
            problems.add(
                new Problem(
                    RuleSetLoader.RULESET_FILE,
                    line,
                    1,
                    field + "' is empty; a tool needs at least a description"));
            return;
          }
          if (tool.description() == null || tool.description().isBlank()) {
            found.add("description: missing; the model reads it to know when to call the tool");
          }
          Duration timeout = timeout(tool.timeout(), found);
          List<String> schemaProblems = new ArrayList<>();
          ToolSchema schema = ToolSchema.read(tool.parameters(), schemaProblems);
          schemaProblems.forEach(p -> found.add("parameters: " + p));
          for (String problem : found) {
            int at = line;
            String key = problem.substring(0, Math.max(0, problem.indexOf(':')));
            int keyLine = lineBelow(text, line, key);
            if (keyLine > 0) {
              at = keyLine;
            }
            problems.add(
                new Problem(
                    RuleSetLoader.RULESET_FILE,
                    at,
                    1,
                    problem.startsWith("tool name")
                        ? "field 'tools': " + problem
                        : field + "." + problem.replaceFirst(": ", "': ")));
          }
          if (found.isEmpty()) {
            declared.put(
                name,
                new ToolDeclaration(
                    name,
                    tool.description().strip(),
                    schema,
                    timeout,
                    Boolean.TRUE.equals(tool.changes())));
          }
        });
    return declared;
  }

  private static Duration timeout(String text, List<String> found) {
    if (text == null) {
      return DEFAULT_TIMEOUT;
    }
    Matcher m = TIMEOUT.matcher(text.strip());
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      found.add("timeout: '" + text + "' is not a duration such as 2s or 500ms");
      return DEFAULT_TIMEOUT;
    }
    long n = Long.parseLong(m.group(1));
    return m.group(2).equals("ms") ? Duration.ofMillis(n) : Duration.ofSeconds(n);
  }

  /** The first line at or below {@code from} that sets {@code key}, or 0. */
  private static int lineBelow(String text, int from, String key) {
    if (key.isEmpty() || key.contains(" ")) {
      return 0;
    }
    String[] lines = text.split("\n", -1);
    Pattern p = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*:");
    for (int i = from - 1; i < lines.length; i++) {
      if (p.matcher(lines[i]).find()) {
        return i + 1;
      }
    }
    return 0;
  }
}
