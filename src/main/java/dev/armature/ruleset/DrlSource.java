package dev.armature.ruleset;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code .drl} file of a rule set: its text made ready for the compiler (the facts package
 * imported on the first line, so line numbers stay those the author sees) and what can be read from
 * it without compiling: where each rule starts and which constructs it names.
 */
final class DrlSource {
  static final String FACTS_IMPORT = "import dev.armature.facts.*; ";
  private static final Pattern PACKAGE =
      Pattern.compile("^\\s*package\\s+[\\w.]+\\s*;?", Pattern.MULTILINE);
  private static final Pattern RULE =
      Pattern.compile("^[ \\t]*rule\\s+(?:\"([^\"]+)\"|'([^']+)'|(\\S+))", Pattern.MULTILINE);
  private static final Pattern NAMED_CONSTRUCT =
      Pattern.compile(
          "new\\s+(Apply|Suppress)\\s*\\(\\s*\"([^\"]*)\"\\s*\\)"
              + "|new\\s+Reject\\s*\\(\\s*\"(?:[^\"\\\\]|\\\\.)*\"\\s*,\\s*\"([^\"]*)\"\\s*\\)");

  final String file;
  final String original;
  final String compiled;

  /** Characters added before the author's first line; columns on line 1 are shifted by this. */
  final int shift;

  /** The package the file's rules are compiled into: its own, or the rule set's. */
  final String packageName;

  private final String code;

  DrlSource(String file, String text, String defaultPackage) {
    this.file = file;
    this.original = text;
    this.code = withoutComments(text);
    Matcher pkg = PACKAGE.matcher(code);
    if (pkg.find() && code.substring(0, pkg.start()).isBlank()) {
      this.compiled = text.substring(0, pkg.end()) + " " + FACTS_IMPORT + text.substring(pkg.end());
      this.shift = 0;
      this.packageName = pkg.group().strip().substring("package".length()).replace(";", "").strip();
    } else {
      String prefix = "package " + defaultPackage + "; " + FACTS_IMPORT;
      this.compiled = prefix + text;
      this.shift = prefix.length();
      this.packageName = defaultPackage;
    }
  }

  /**
   * Where the compiler sees this file: under its package's folder, as Drools expects, with the
   * author's path kept in the file name so compile errors map back to it.
   */
  String compilerPath() {
    return packageName.replace('.', '/') + "/" + file.replace("/", "__");
  }

  /** A rule declared in this file and the line it starts on. */
  record RuleAt(String name, int line) {}

  List<RuleAt> rules() {
    List<RuleAt> rules = new ArrayList<>();
    Matcher m = RULE.matcher(code);
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      rules.add(new RuleAt(name, lineOf(m.start())));
    }
    return rules;
  }

  private static final Pattern CULPRIT =
      Pattern.compile(
          "constructor (\\w+)\\(|method (\\w+)\\(|Expression (.+?):|'([^']+)'|field (\\w+)");

  /**
   * Where in the rule starting at {@code line} the thing a compiler message names is written: the
   * compiler often gives only the rule's first line. Returns {line, column}, column 1 when the
   * message names nothing that can be found.
   */
  int[] locate(int line, String message) {
    Matcher m = CULPRIT.matcher(message);
    if (!m.find()) {
      return new int[] {line, 1};
    }
    String culprit =
        m.group(1) != null
            ? "new " + m.group(1) + "("
            : m.group(2) != null
                ? m.group(2) + "("
                : m.group(3) != null
                    ? m.group(3).strip()
                    : m.group(4) != null ? m.group(4) : m.group(5);
    String[] lines = code.split("\n", -1);
    for (int i = line - 1; i < lines.length && i < line + 60; i++) {
      int col = lines[i].indexOf(culprit);
      if (col >= 0) {
        return new int[] {i + 1, col + 1};
      }
      if (i > line - 1 && lines[i].strip().equals("end")) {
        break;
      }
    }
    return new int[] {line, 1};
  }

  /** The constructs this file applies or names in a Reject, by literal name. */
  java.util.Set<String> appliedConstructs() {
    java.util.Set<String> names = new java.util.TreeSet<>();
    Matcher m = NAMED_CONSTRUCT.matcher(code);
    while (m.find()) {
      if (m.group(3) != null) {
        names.add(m.group(3));
      } else if (m.group(1).equals("Apply")) {
        names.add(m.group(2));
      }
    }
    return names;
  }

  /** The text with comments blanked, at the same offsets as the file. */
  String code() {
    return code;
  }

  /** Whether the code (comments aside) holds this string literal. */
  boolean mentions(String literal) {
    return code.contains("\"" + literal + "\"");
  }

  private String ruleAround(int offset) {
    String name = "?";
    Matcher m = RULE.matcher(code);
    while (m.find() && m.start() < offset) {
      name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
    }
    return name;
  }

  int lineOf(int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (code.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  int columnOf(int offset) {
    int start = code.lastIndexOf('\n', offset - 1) + 1;
    return offset - start + 1;
  }

  /** The text with comments blanked out and every newline kept, so offsets still match. */
  private static String withoutComments(String text) {
    char[] out = text.toCharArray();
    int i = 0;
    while (i < out.length) {
      char c = out[i];
      if (c == '"') {
        i++;
        while (i < out.length && out[i] != '"' && out[i] != '\n') {
          i += out[i] == '\\' ? 2 : 1;
        }
        i++;
      } else if (c == '/' && i + 1 < out.length && out[i + 1] == '/') {
        while (i < out.length && out[i] != '\n') {
          out[i++] = ' ';
        }
      } else if (c == '/' && i + 1 < out.length && out[i + 1] == '*') {
        while (i < out.length && !(out[i] == '*' && i + 1 < out.length && out[i + 1] == '/')) {
          if (out[i] != '\n') {
            out[i] = ' ';
          }
          i++;
        }
        if (i < out.length) {
          out[i] = ' ';
          if (i + 1 < out.length) {
            out[i + 1] = ' ';
          }
        }
        i += 2;
      } else {
        i++;
      }
    }
    return new String(out);
  }
}
