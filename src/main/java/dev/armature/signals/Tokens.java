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

  /** The hashes of the distinct words, sorted: a cheap set for comparing messages. */
  int[] distinctHashes() {
    int[] hashes = new int[words.size()];
    for (int i = 0; i < hashes.length; i++) {
      hashes[i] = words.get(i).hashCode();
    }
    java.util.Arrays.sort(hashes);
    int n = 0;
    for (int i = 0; i < hashes.length; i++) {
      if (i == 0 || hashes[i] != hashes[i - 1]) {
        hashes[n++] = hashes[i];
      }
    }
    return java.util.Arrays.copyOf(hashes, n);
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c);
  }

  private static boolean isInnerApostrophe(String s, int i) {
    return s.charAt(i) == '\''
        && i + 1 < s.length()
        && i > 0
        && isWordChar(s.charAt(i - 1))
        && isWordChar(s.charAt(i + 1));
  }
}
