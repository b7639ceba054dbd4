package dev.armature.signals;

import java.util.ArrayList;
import java.util.List;

/** Words of a folded text with their spans: runs of letters and digits, with inner apostrophes. */
final class Tokens {
  final List<String> words = new ArrayList<>();

  /** Start and end of word i at [2i] and [2i + 1]. */
  private int[] spans = new int[32];

  private Tokens() {}

  /** Where word i starts in the text. */
  int start(int i) {
    return spans[2 * i];
  }

  /** Where word i ends in the text (exclusive). */
  int end(int i) {
    return spans[2 * i + 1];
  }

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
        int k = 2 * tokens.words.size();
        if (k + 1 >= tokens.spans.length) {
          tokens.spans = java.util.Arrays.copyOf(tokens.spans, tokens.spans.length * 2);
        }
        tokens.spans[k] = start;
        tokens.spans[k + 1] = i;
        tokens.words.add(folded.substring(start, i));
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
    return sortedDistinct(hashes, hashes.length);
  }

  /**
   * The hashes of the distinct words of a text, sorted: what {@code
   * Tokens.of(Fold.fold(text)).distinctHashes()} gives, computed as the text is read, without
   * building the words.
   */
  static int[] distinctHashes(String text) {
    int n = text.length();
    int[] hashes = new int[n / 2 + 1];
    int count = 0;
    int i = 0;
    while (i < n) {
      while (i < n && !isWordChar(Fold.fold(text.charAt(i)))) {
        i++;
      }
      int start = i;
      int hash = 0;
      while (i < n) {
        char c = Fold.fold(text.charAt(i));
        if (!isWordChar(c) && !isFoldedInnerApostrophe(text, i)) {
          break;
        }
        hash = 31 * hash + c;
        i++;
      }
      if (i > start) {
        hashes[count++] = hash;
      }
    }
    return sortedDistinct(hashes, count);
  }

  private static int[] sortedDistinct(int[] hashes, int count) {
    java.util.Arrays.sort(hashes, 0, count);
    int n = 0;
    for (int i = 0; i < count; i++) {
      if (i == 0 || hashes[i] != hashes[i - 1]) {
        hashes[n++] = hashes[i];
      }
    }
    return java.util.Arrays.copyOf(hashes, n);
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c);
  }

  /** {@link #isInnerApostrophe} on the text as {@link Fold} folds it. */
  private static boolean isFoldedInnerApostrophe(String s, int i) {
    return Fold.fold(s.charAt(i)) == '\''
        && i + 1 < s.length()
        && i > 0
        && isWordChar(Fold.fold(s.charAt(i - 1)))
        && isWordChar(Fold.fold(s.charAt(i + 1)));
  }

  private static boolean isInnerApostrophe(String s, int i) {
    return s.charAt(i) == '\''
        && i + 1 < s.length()
        && i > 0
        && isWordChar(s.charAt(i - 1))
        && isWordChar(s.charAt(i + 1));
  }
}
