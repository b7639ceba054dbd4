package dev.armature.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the simple constraints of a pattern: {@code field == "text"}, {@code field in ("a", "b")},
 * {@code field <= 2}.
 */
final class Constraints {
  private Constraints() {}

  /** The values a field must equal or be one of, or an empty list when the pattern does not say. */
  static List<String> values(String constraints, String field) {
    List<String> values = new ArrayList<>();
    Matcher eq = Pattern.compile("\\b" + field + "\\s*==\\s*\"([^\"]*)\"").matcher(constraints);
    if (eq.find()) {
      values.add(eq.group(1));
      return values;
    }
    Matcher in = Pattern.compile("\\b" + field + "\\s+in\\s*\\(([^)]*)\\)").matcher(constraints);
    if (in.find()) {
      Matcher item = Pattern.compile("\"([^\"]*)\"").matcher(in.group(1));
      while (item.find()) {
        values.add(item.group(1));
      }
    }
    return values;
  }

  /** A numeric comparison on a field, such as {@code turnsAgo <= 2}, or {@code null}. */
  record Compare(String op, double value) {
    boolean test(double actual) {
      switch (op) {
        case "==":
          return actual == value;
        case "!=":
          return actual != value;
        case "<=":
          return actual <= value;
        case ">=":
          return actual >= value;
        case "<":
          return actual < value;
        default:
          return actual > value;
      }
    }

    @Override
    public String toString() {
      return op
          + " "
          + (value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value));
    }
  }

  static Compare compare(String constraints, String field) {
    Matcher m =
        Pattern.compile("\\b" + field + "\\s*(==|!=|<=|>=|<|>)\\s*(-?\\d+(?:\\.\\d+)?)")
            .matcher(constraints);
    return m.find() ? new Compare(m.group(1), Double.parseDouble(m.group(2))) : null;
  }

  /** Backquoted names joined for a message: {@code `a`}, {@code `a` or `b`}. */
  static String either(String type, List<String> names) {
    List<String> quoted = names.stream().map(n -> "`" + type + "(" + n + ")`").toList();
    return String.join(" or ", quoted);
  }
}
