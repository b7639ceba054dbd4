package dev.armature.ruleset;

import dev.armature.ModelParameters;
import dev.armature.Problem;
import dev.armature.assembly.Construct;
import dev.armature.assembly.Template;
import java.util.List;
import java.util.Map;

/** Reads {@code constructs/NAME.md}: YAML front matter between {@code ---} lines, then the text. */
final class ConstructFile {
  record Front(
      String outcome,
      String tension,
      String section,
      Integer priority,
      List<String> excludes,
      Map<String, String> params) {}

  /** A construct read, or the problems found in its file. */
  record Read(Construct construct, List<Problem> problems) {}

  private ConstructFile() {}

  static Read read(String file, String id, String text, List<String> sections) {
    String normalized = text.replace("\r\n", "\n");
    if (!normalized.startsWith("---\n")) {
      return failed(
          new Problem(
              file,
              1,
              1,
              "a construct starts with YAML front matter: a line '---', "
                  + "fields (outcome, tension, section, priority, excludes, params), a line '---', then its text"));
    }
    int close = normalized.indexOf("\n---", 3);
    if (close < 0) {
      return failed(
          new Problem(
              file, 1, 1, "the front matter opened on line 1 is never closed by a line '---'"));
    }
    String yaml = normalized.substring(4, close + 1);
    int bodyStart = normalized.indexOf('\n', close + 1);
    String body = bodyStart < 0 ? "" : normalized.substring(bodyStart + 1).strip();
    int bodyLine =
        2
            + (int)
                normalized
                    .substring(0, Math.max(0, bodyStart))
                    .chars()
                    .filter(c -> c == '\n')
                    .count();
    Yaml.Read<Front> front = Yaml.read(file, yaml, Front.class, 1);
    if (front.problem() != null) {
      return failed(front.problem());
    }
    Front f = front.value();
    // Past the front matter's shape, every problem of the file is reported, not only the first.
    List<Problem> problems = new java.util.ArrayList<>();
    if (f.section() == null || f.section().isBlank()) {
      problems.add(
          new Problem(
              file,
              2,
              1,
              "field 'section' is missing; sections of this rule set: "
                  + String.join(", ", sections)));
    } else if (!sections.isEmpty() && !sections.contains(f.section())) {
      problems.add(
          new Problem(
              file,
              1 + Yaml.lineOfKey(yaml, "section"),
              1,
              "field 'section': unknown section '"
                  + f.section()
                  + "'; sections of this rule set: "
                  + String.join(", ", sections)));
    }
    Map<String, String> params = f.params() == null ? Map.of() : f.params();
    for (Map.Entry<String, String> p : params.entrySet()) {
      try {
        ModelParameters.validate(p.getKey(), p.getValue());
      } catch (IllegalArgumentException e) {
        problems.add(
            new Problem(
                file, 1 + Yaml.lineOfKey(yaml, "params"), 1, "field 'params': " + e.getMessage()));
      }
    }
    Template template = null;
    if (body.isEmpty()) {
      problems.add(
          new Problem(file, bodyLine, 1, "the construct has no text after its front matter"));
    } else {
      try {
        template = Template.parse(body);
      } catch (IllegalArgumentException e) {
        problems.add(templateProblem(file, bodyLine, e));
      }
    }
    if (!problems.isEmpty()) {
      return new Read(null, List.copyOf(problems));
    }
    Construct construct =
        new Construct(
            id,
            f.outcome(),
            f.tension(),
            f.section(),
            f.priority() == null ? 50 : f.priority(),
            f.excludes() == null ? List.of() : f.excludes(),
            params,
            template);
    return new Read(construct, List.of());
  }

  private static Problem templateProblem(String file, int bodyLine, IllegalArgumentException e) {
    java.util.regex.Matcher at =
        java.util.regex.Pattern.compile("^line (\\d+), column (\\d+): ").matcher(e.getMessage());
    if (at.find()) {
      return new Problem(
          file,
          bodyLine + Integer.parseInt(at.group(1)) - 1,
          Integer.parseInt(at.group(2)),
          e.getMessage().substring(at.end()));
    }
    return new Problem(file, bodyLine, 1, e.getMessage());
  }

  private static Read failed(Problem problem) {
    return new Read(null, List.of(problem));
  }
}
