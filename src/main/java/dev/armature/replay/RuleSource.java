package dev.armature.replay;

import dev.armature.ruleset.RuleSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DRL text of a rule set's rules, read from its folder: each rule's conditions (the {@code
 * when} part, split into patterns) and what its {@code then} part applies. Used to explain, in the
 * rule author's own terms, why a rule did not fire.
 */
final class RuleSource {
  /** One pattern of a {@code when} part, such as {@code not Signal(name == "how-to")}. */
  record Condition(String quantifier, String type, String constraints) {
    boolean negated() {
      return quantifier.equals("not");
    }

    String text() {
      return (quantifier.isEmpty() ? "" : quantifier + " ") + type + "(" + constraints + ")";
    }
  }

  /**
   * A rule: where it is written, its activation group, its conditions and the constructs it
   * applies.
   */
  record Rule(
      String name,
      String file,
      int line,
      String phase,
      String group,
      List<Condition> when,
      String then) {
    String where() {
      return file + ":" + line;
    }
  }

  private static final Pattern PATTERN =
      Pattern.compile("(?:\\b(not|exists)\\s*)?(?:\\$\\w+\\s*:\\s*)?\\b([A-Z]\\w*)\\s*\\(");
  private static final Pattern GROUP =
      Pattern.compile("(?:activation-group|agenda-group)\\s+\"([^\"]+)\"");

  private final Map<String, Rule> rules = new HashMap<>();

  RuleSource(RuleSet ruleSet) {
    Map<String, String> files = new HashMap<>();
    for (RuleSet.RuleInfo info : ruleSet.rules()) {
      String text = files.computeIfAbsent(info.file(), f -> read(ruleSet, f));
      rules.put(info.name(), parse(info, text));
    }
  }

  /** The rule of this name, or {@code null} when the rule set has none. */
  Rule rule(String name) {
    return rules.get(name);
  }

  /** The rules whose {@code then} part applies this construct, by file order. */
  List<Rule> applying(String construct) {
    Pattern apply =
        Pattern.compile("new\\s+Apply\\s*\\(\\s*\"" + Pattern.quote(construct) + "\"\\s*\\)");
    return rules.values().stream()
        .filter(r -> apply.matcher(r.then()).find())
        .sorted(java.util.Comparator.comparing(Rule::file).thenComparingInt(Rule::line))
        .toList();
  }

  private static String read(RuleSet ruleSet, String file) {
    try {
      return Files.readString(ruleSet.directory().resolve(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static Rule parse(RuleSet.RuleInfo info, String text) {
    String[] lines = text.split("\n", -1);
    StringBuilder head = new StringBuilder();
    StringBuilder when = new StringBuilder();
    StringBuilder then = new StringBuilder();
    StringBuilder into = head;
    for (int i = Math.max(0, info.line() - 1); i < lines.length; i++) {
      String line = lines[i].replaceAll("//.*$", "");
      String word = line.strip();
      if (word.equals("when")) {
        into = when;
      } else if (word.equals("then")) {
        into = then;
      } else if (word.equals("end")) {
        break;
      } else {
        into.append(line).append('\n');
      }
    }
    Matcher g = GROUP.matcher(head);
    return new Rule(
        info.name(),
        info.file(),
        info.line(),
        info.phase().name().toLowerCase(java.util.Locale.ROOT),
        g.find() ? g.group(1) : null,
        conditions(when.toString()),
        then.toString());
  }

  static List<Condition> conditions(String when) {
    List<Condition> conditions = new ArrayList<>();
    Matcher m = PATTERN.matcher(when);
    int from = 0;
    while (m.find(from)) {
      int open = m.end();
      int depth = 1;
      int i = open;
      while (i < when.length() && depth > 0) {
        char c = when.charAt(i);
        if (c == '"') {
          i = when.indexOf('"', i + 1);
          if (i < 0) {
            i = when.length();
          }
        } else if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
        }
        i++;
      }
      String constraints =
          when.substring(open, Math.max(open, i - 1)).replaceAll("\\s+", " ").strip();
      conditions.add(new Condition(m.group(1) == null ? "" : m.group(1), m.group(2), constraints));
      from = i;
    }
    return conditions;
  }
}
