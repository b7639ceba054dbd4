package dev.armature.signals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the word of a vocabulary that a misspelt word was meant to be: one edit away (a letter
 * added, dropped, changed, or two neighbours swapped), for vocabulary words of at least {@code
 * minLength} letters. Indexed by every word with one letter deleted, so a lookup costs a few hash
 * probes, not a scan of the vocabulary.
 */
final class Typos {
  private final int minLength;
  private final Map<String, List<String>> byDeletion = new HashMap<>();

  /** Corrections already looked up ("" for none): customers reuse the same words. */
  private final Map<String, String> cache = new java.util.concurrent.ConcurrentHashMap<>();

  private static final int CACHE_LIMIT = 50_000;

  Typos(int minLength) {
    if (minLength < 4) {
      throw new IllegalArgumentException("typos must be at least 4 letters but was " + minLength);
    }
    this.minLength = minLength;
  }

  void add(String word) {
    if (word.length() < minLength) {
      return;
    }
    index(word, word);
    for (int i = 0; i < word.length(); i++) {
      index(deleted(word, i), word);
    }
  }

  private void index(String key, String word) {
    List<String> words = byDeletion.computeIfAbsent(key, k -> new ArrayList<>(1));
    if (!words.contains(word)) {
      words.add(word);
    }
  }

  /** The vocabulary word one edit from {@code word} (the first in sorted order), or null. */
  String correct(String word) {
    if (word.length() < minLength || !isLetters(word)) {
      return null;
    }
    String cached = cache.get(word);
    if (cached == null) {
      String found = lookUp(word);
      cached = found == null ? "" : found;
      if (cache.size() < CACHE_LIMIT) {
        cache.put(word, cached);
      }
    }
    return cached.isEmpty() ? null : cached;
  }

  private String lookUp(String word) {
    String best = null;
    best = better(best, word, byDeletion.get(word));
    for (int i = 0; i < word.length(); i++) {
      best = better(best, word, byDeletion.get(deleted(word, i)));
    }
    return best;
  }

  private static String better(String best, String word, List<String> candidates) {
    if (candidates == null) {
      return best;
    }
    for (String c : candidates) {
      if (!c.equals(word) && oneEdit(word, c) && (best == null || c.compareTo(best) < 0)) {
        best = c;
      }
    }
    return best;
  }

  /** Whether a and b differ by exactly one insertion, deletion, substitution or transposition. */
  static boolean oneEdit(String a, String b) {
    int la = a.length();
    int lb = b.length();
    if (Math.abs(la - lb) > 1) {
      return false;
    }
    int i = 0;
    while (i < Math.min(la, lb) && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    if (la == lb) {
      if (i == la) {
        return false;
      }
      if (a.regionMatches(i + 1, b, i + 1, la - i - 1)) {
        return true;
      }
      return i + 1 < la
          && a.charAt(i) == b.charAt(i + 1)
          && a.charAt(i + 1) == b.charAt(i)
          && a.regionMatches(i + 2, b, i + 2, la - i - 2);
    }
    return la > lb ? a.regionMatches(i + 1, b, i, lb - i) : b.regionMatches(i + 1, a, i, la - i);
  }

  private static String deleted(String word, int i) {
    return word.substring(0, i) + word.substring(i + 1);
  }

  private static boolean isLetters(String word) {
    for (int i = 0; i < word.length(); i++) {
      if (!Character.isLetter(word.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
