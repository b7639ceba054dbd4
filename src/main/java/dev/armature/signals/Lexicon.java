package dev.armature.signals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every phrase of every lexicon signal, indexed by its first word so that a message is tokenised
 * once and each word looks up only the phrases that can start there.
 */
final class Lexicon {
  /**
   * One phrase: its words, where a word ending in {@code *} is kept as its prefix with {@code
   * stem[i]} set, so matching allocates nothing.
   */
  private record Phrase(
      String signal, String label, String[] words, boolean[] stem, double weight) {}

  private final Map<String, List<Phrase>> byFirstWord = new HashMap<>();

  /** Phrases whose first word is a stem, by the stem's first character. */
  private final Map<Character, List<Phrase>> byStemStart = new HashMap<>();

  void add(String signal, String phrase, double weight) {
    if (!(weight > 0.0 && weight <= 1.0)) {
      throw new IllegalArgumentException(
          "phrase '" + phrase + "' weight must be in (0, 1] but was " + weight);
    }
    List<String> words = Tokens.of(Fold.fold(phrase.replace("*", "STEMMARK"))).words;
    if (words.isEmpty()) {
      throw new IllegalArgumentException("phrase '" + phrase + "' has no words");
    }
    String[] parts = new String[words.size()];
    boolean[] stem = new boolean[words.size()];
    for (int i = 0; i < parts.length; i++) {
      String w = words.get(i);
      stem[i] = w.endsWith("stemmark");
      parts[i] = stem[i] ? w.substring(0, w.length() - "stemmark".length()) : w;
      if (parts[i].isEmpty()) {
        throw new IllegalArgumentException(
            "phrase '" + phrase + "' has a '*' with no letters before it");
      }
    }
    String label = String.join(" ", words).replace("stemmark", "*");
    Phrase entry = new Phrase(signal, label, parts, stem, weight);
    if (stem[0]) {
      byStemStart.computeIfAbsent(parts[0].charAt(0), k -> new ArrayList<>()).add(entry);
    } else {
      byFirstWord.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(entry);
    }
  }

  /** Adds, per signal, the matched phrase weights and the original spans they cover. */
  void match(Tokens tokens, String original, Map<String, Hits> hits) {
    for (int i = 0; i < tokens.size(); i++) {
      String word = tokens.words.get(i);
      List<Phrase> exact = byFirstWord.get(word);
      if (exact != null) {
        for (Phrase phrase : exact) {
          record(phrase, tokens, i, original, hits);
        }
      }
      List<Phrase> stems = word.isEmpty() ? null : byStemStart.get(word.charAt(0));
      if (stems != null) {
        for (Phrase phrase : stems) {
          record(phrase, tokens, i, original, hits);
        }
      }
    }
  }

  private static void record(
      Phrase phrase, Tokens tokens, int at, String original, Map<String, Hits> hits) {
    int end = at + phrase.words.length;
    if (end > tokens.size()) {
      return;
    }
    for (int k = 0; k < phrase.words.length; k++) {
      String word = tokens.words.get(at + k);
      if (phrase.stem[k] ? !word.startsWith(phrase.words[k]) : !phrase.words[k].equals(word)) {
        return;
      }
    }
    String span = original.substring(tokens.spans.get(at)[0], tokens.spans.get(end - 1)[1]);
    hits.computeIfAbsent(phrase.signal, k -> new Hits()).add(phrase.label, phrase.weight, span);
  }

  /** The phrases one signal matched; each phrase counts once however often it occurs. */
  static final class Hits {
    private final Map<String, Double> weights = new java.util.TreeMap<>();
    final Set<String> evidence = new LinkedHashSet<>();

    void add(String phrase, double weight, String span) {
      weights.putIfAbsent(phrase, weight);
      evidence.add(span);
    }

    /** Noisy-or of the distinct phrase weights: more independent evidence, higher score. */
    double score() {
      double miss = 1.0;
      for (double w : weights.values()) {
        miss *= 1.0 - w;
      }
      return 1.0 - miss;
    }
  }
}
