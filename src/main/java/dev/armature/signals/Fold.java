package dev.armature.signals;

import java.text.Normalizer;

/**
 * Case and accent folding that keeps every character at its index, so a match in folded text maps
 * back to the same span of the original.
 */
final class Fold {
  private static final char[] LATIN1 = new char[256];

  static {
    for (int c = 0; c < 256; c++) {
      LATIN1[c] = slowFold((char) c);
    }
  }

  private Fold() {}

  static String fold(String text) {
    char[] out = new char[text.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = fold(text.charAt(i));
    }
    return new String(out);
  }

  static char fold(char c) {
    return c < 256 ? LATIN1[c] : slowFold(c);
  }

  private static char slowFold(char c) {
    if (Character.isSurrogate(c)) {
      return c;
    }
    if (c == '\u2019' || c == '\u2018' || c == '`') {
      return '\'';
    }
    String decomposed = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
    char base = decomposed.isEmpty() ? c : decomposed.charAt(0);
    return Character.toLowerCase(base);
  }
}
