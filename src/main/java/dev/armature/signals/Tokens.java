package dev.armature.signals;

import java.util.ArrayList;
import java.util.List;

/** Words of a folded text with their spans: runs of letters and digits, with inner apostrophes. */
final class Tokens {
  final List<String> words = new ArrayList<>();
  final List<int[]> spans = new ArrayList<>();

  private Tokens() {}

  static Tokens of(String folded) {
    Tokens tokens = new Tokens();
    int n = folded.length();
    int i = 0;
    while (i < n) {
      while (i < n && !isWordChar(folded.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && (isWordChar(folded.charAt(i)) || isInnerApostrophe(folded, i))) {
        i++;
      }
      if (i > start) {
        tokens.words.add(folded.substring(start, i));
        tokens.spans.add(new int[] {start, i});
      }
    }
    return tokens;
  }

  int size() {
    return words.size();
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c);
  }

  private static boolean isInnerApostrophe(String s, int i) {
    return s.charAt(i) == '\'' && i + 1 < s.length() && i > 0
        && isWordChar(s.charAt(i - 1)) && isWordChar(s.charAt(i + 1));
  }
}
