package dev.armature.signals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

  private static final int ASCII = 128;

  /** The same for ASCII first characters, looked up without boxing or hashing. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private final List<Phrase>[] asciiStems = new List[ASCII];

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
      List<Phrase> stems = byStemStart.computeIfAbsent(parts[0].charAt(0), k -> new ArrayList<>());
      stems.add(entry);
      if (parts[0].charAt(0) < ASCII) {
        asciiStems[parts[0].charAt(0)] = stems;
      }
    } else {
      byFirstWord.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(entry);
    }
  }

  private List<Phrase> stemsStartingWith(char c) {
    if (c < ASCII) {
      return asciiStems[c];
    }
    return byStemStart.get(c);
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
      List<Phrase> stems = word.isEmpty() ? null : stemsStartingWith(word.charAt(0));
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
    String span = original.substring(tokens.start(at), tokens.end(end - 1));
    hits.computeIfAbsent(phrase.signal, k -> new Hits()).add(phrase.label, phrase.weight, span);
  }

  /** The phrases one signal matched; each phrase counts once however often it occurs. */
  static final class Hits {
    // A signal matches few phrases in one message: lists searched in order beat hashed sets here.
    private final List<String> phrases = new ArrayList<>(4);
    private final List<Double> weights = new ArrayList<>(4);
    final List<String> evidence = new ArrayList<>(4);

    void add(String phrase, double weight, String span) {
      if (!phrases.contains(phrase)) {
        phrases.add(phrase);
        weights.add(weight);
      }
      if (!evidence.contains(span)) {
        evidence.add(span);
      }
    }

    /**
     * Noisy-or of the distinct phrase weights: more independent evidence, higher score. Multiplied
     * in the phrases' sorted order, so the same phrases always give the same bits.
     */
    double score() {
      Integer[] order = new Integer[phrases.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, java.util.Comparator.comparing(phrases::get));
      double miss = 1.0;
      for (int i : order) {
        miss *= 1.0 - weights.get(i);
      }
      return 1.0 - miss;
    }
  }
}
