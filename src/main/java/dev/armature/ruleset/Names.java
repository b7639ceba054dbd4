package dev.armature.ruleset;

import java.util.Collection;
import java.util.Locale;

/** The closest valid name to a misspelled one, for "did you mean" hints. */
final class Names {
  private Names() {}

  /** The known name closest to {@code wrong}, or {@code null} when none is close enough. */
  static String closest(String wrong, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String w = wrong.toLowerCase(Locale.ROOT);
    for (String k : known) {
      int d = distance(w, k.toLowerCase(Locale.ROOT));
      if (d < bestDistance || d == bestDistance && best != null && k.compareTo(best) < 0) {
        best = k;
        bestDistance = d;
      }
    }
    int allowed = Math.max(2, wrong.length() / 3);
    return best != null && bestDistance <= allowed && bestDistance < wrong.length() ? best : null;
  }

  /** {@code "; did you mean 'x'?"}, or the known names when none is close, or nothing. */
  static String hint(String wrong, Collection<String> known, String what) {
    String close = closest(wrong, known);
    if (close != null) {
      return "; did you mean '" + close + "'?";
    }
    if (known.isEmpty()) {
      return "; this rule set has no " + what;
    }
    if (known.size() <= 12) {
      return "; " + what + ": " + String.join(", ", new java.util.TreeSet<>(known));
    }
    return "";
  }

  /** The Levenshtein distance: insertions, deletions and substitutions. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
