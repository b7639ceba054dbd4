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
  private record Phrase(String signal, String[] words, double weight) {}

  private final Map<String, List<Phrase>> byFirstWord = new HashMap<>();
  private final List<Phrase> byStem = new ArrayList<>();

  void add(String signal, String phrase, double weight) {
    if (!(weight > 0.0 && weight <= 1.0)) {
      throw new IllegalArgumentException(
          "phrase '" + phrase + "' weight must be in (0, 1] but was " + weight);
    }
    List<String> words = Tokens.of(Fold.fold(phrase.replace("*", "STEMMARK"))).words;
    if (words.isEmpty()) {
      throw new IllegalArgumentException("phrase '" + phrase + "' has no words");
    }
    String[] parts = words.stream().map(w -> w.replace("stemmark", "*")).toArray(String[]::new);
    Phrase entry = new Phrase(signal, parts, weight);
    if (parts[0].endsWith("*")) {
      byStem.add(entry);
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
      for (Phrase phrase : byStem) {
        record(phrase, tokens, i, original, hits);
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
      if (!wordMatches(phrase.words[k], tokens.words.get(at + k))) {
        return;
      }
    }
    String span = original.substring(tokens.spans.get(at)[0], tokens.spans.get(end - 1)[1]);
    hits.computeIfAbsent(phrase.signal, k -> new Hits()).add(String.join(" ", phrase.words), phrase.weight, span);
  }

  private static boolean wordMatches(String pattern, String word) {
    if (pattern.endsWith("*")) {
      return word.startsWith(pattern.substring(0, pattern.length() - 1));
    }
    return pattern.equals(word);
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
