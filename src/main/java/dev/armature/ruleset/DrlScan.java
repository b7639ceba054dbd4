package dev.armature.ruleset;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A careful scan of a {@code .drl} file's rules, without compiling: each rule's conditions as
 * patterns ({@code Signal(name == "x", score >= 0.5)}) split into their constraints, and its action
 * as the {@code new Apply(...)}-style calls it makes, each piece with its offset in the file. The
 * scan reads the text with comments blanked, so offsets are those of the author's file. What it
 * cannot read (an {@code eval}, a computed name) it leaves to the compiler.
 */
final class DrlScan {
  private static final Pattern RULE =
      Pattern.compile("^[ \\t]*rule\\s+(?:\"([^\"]+)\"|'([^']+)'|(\\S+))", Pattern.MULTILINE);
  private static final Pattern TYPE_CALL = Pattern.compile("([A-Z]\\w*)\\s*\\(");
  private static final Pattern NEW_CALL = Pattern.compile("\\bnew\\s+([A-Z]\\w*)\\s*\\(");

  /** A piece of text and where it starts in the file. */
  record Piece(String text, int offset) {}

  /** One pattern of a rule's conditions: its type, where the type is written, its constraints. */
  record PatternUse(String type, int offset, List<Piece> constraints) {}

  /** One {@code new Type(args)} of a rule's action. */
  record NewCall(String type, int offset, List<Piece> args) {}

  /**
   * One rule: its name, where it starts and ends, what it matches and what it inserts.
   *
   * @param when where {@code when} is written, or -1
   * @param then where {@code then} is written, or -1
   */
  record Rule(
      String name,
      int start,
      int end,
      int when,
      int then,
      List<PatternUse> patterns,
      List<NewCall> calls) {}

  private DrlScan() {}

  /** The rules of {@code code}, a DRL text with comments blanked. */
  static List<Rule> rules(String code) {
    List<Rule> rules = new ArrayList<>();
    Matcher m = RULE.matcher(code);
    List<int[]> starts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    while (m.find()) {
      if (inString(code, m.start())) {
        continue;
      }
      starts.add(new int[] {m.start(), m.end()});
      names.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
    }
    for (int i = 0; i < starts.size(); i++) {
      int from = starts.get(i)[1];
      int limit = i + 1 < starts.size() ? starts.get(i + 1)[0] : code.length();
      int when = word(code, "when", from, limit);
      int then = word(code, "then", when < 0 ? from : when + 4, limit);
      int end = lastWord(code, "end", then < 0 ? from : then + 4, limit);
      end = end < 0 ? limit : end;
      List<PatternUse> patterns =
          when < 0 ? List.of() : patterns(code, when + 4, then < 0 ? end : then);
      List<NewCall> calls = then < 0 ? List.of() : calls(code, then + 4, end);
      rules.add(new Rule(names.get(i), starts.get(i)[0], end, when, then, patterns, calls));
    }
    return rules;
  }

  private static List<PatternUse> patterns(String code, int from, int to) {
    List<PatternUse> found = new ArrayList<>();
    Matcher m = TYPE_CALL.matcher(code).region(from, to);
    int at = from;
    while (at < to && m.find(at) && m.start() < to) {
      int open = m.end() - 1;
      int close = close(code, open);
      boolean member = m.start() > 0 && code.charAt(m.start() - 1) == '.';
      boolean word = m.start() > 0 && Character.isJavaIdentifierPart(code.charAt(m.start() - 1));
      if (inString(code, m.start()) || member || word || close < 0) {
        at = m.end();
        continue;
      }
      found.add(new PatternUse(m.group(1), m.start(), split(code, open + 1, close)));
      at = close + 1;
    }
    return found;
  }

  private static List<NewCall> calls(String code, int from, int to) {
    List<NewCall> found = new ArrayList<>();
    Matcher m = NEW_CALL.matcher(code).region(from, to);
    while (m.find()) {
      if (inString(code, m.start())) {
        continue;
      }
      int open = m.end() - 1;
      int close = close(code, open);
      if (close > 0) {
        found.add(new NewCall(m.group(1), m.start(1), split(code, open + 1, close)));
      }
    }
    return found;
  }

  /** The pieces between {@code from} and {@code to} separated by top-level commas, trimmed. */
  static List<Piece> split(String code, int from, int to) {
    List<Piece> pieces = new ArrayList<>();
    int depth = 0;
    int start = from;
    for (int i = from; i <= to; i++) {
      char c = i < to ? code.charAt(i) : ',';
      if (c == '"' || c == '\'') {
        i = stringEnd(code, i) - 1;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (c == ',' && depth == 0) {
        String raw = code.substring(start, Math.min(i, to));
        int lead = raw.length() - raw.stripLeading().length();
        if (!raw.isBlank()) {
          pieces.add(new Piece(raw.strip(), start + lead));
        }
        start = i + 1;
      }
    }
    return pieces;
  }

  /** The offset of the parenthesis closing the one at {@code open}, or -1. */
  static int close(String code, int open) {
    int depth = 0;
    for (int i = open; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '"' || c == '\'') {
        i = stringEnd(code, i) - 1;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** The offset just past the string literal that opens at {@code start}. */
  static int stringEnd(String code, int start) {
    char quote = code.charAt(start);
    int i = start + 1;
    while (i < code.length() && code.charAt(i) != quote && code.charAt(i) != '\n') {
      i += code.charAt(i) == '\\' ? 2 : 1;
    }
    return Math.min(code.length(), i + 1);
  }

  private static boolean inString(String code, int offset) {
    int lineStart = code.lastIndexOf('\n', offset - 1) + 1;
    for (int i = lineStart; i < offset; i++) {
      char c = code.charAt(i);
      if (c == '"' || c == '\'') {
        int end = stringEnd(code, i);
        if (end > offset) {
          return true;
        }
        i = end - 1;
      }
    }
    return false;
  }

  private static int word(String code, String word, int from, int to) {
    Matcher m = Pattern.compile("\\b" + word + "\\b").matcher(code).region(from, to);
    while (m.find()) {
      if (!inString(code, m.start())) {
        return m.start();
      }
    }
    return -1;
  }

  private static int lastWord(String code, String word, int from, int to) {
    Matcher m = Pattern.compile("(?m)^\\s*" + word + "\\b").matcher(code).region(from, to);
    int last = -1;
    while (m.find()) {
      last = m.end() - word.length();
    }
    return last;
  }
}
