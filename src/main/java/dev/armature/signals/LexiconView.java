package dev.armature.signals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The phrases of the signals that read words one way: as written, or by their stem in one language,
 * with or without one-edit typo tolerance. Indexed by first word, so that each word of a message
 * looks up only the phrases that can start there.
 */
final class LexiconView {
  /**
   * Words to match: {@code words[i]} is a stem to compare with each message word's key, or, with
   * {@code prefix[i]} set, a beginning the word must have, so matching allocates nothing.
   */
  private record Words(String[] words, String[] written, boolean[] prefix) {}

  /**
   * One phrase, with the context phrases that veto it or that it needs. Phrases of one signal that
   * read the same once stemmed ("charge", "charged", "charges") are one phrase, with the highest of
   * their weights, so that one word is not counted as several pieces of evidence.
   */
  private static final class Phrase {
    final String signal;
    final String label;
    final Words words;
    double weight;
    final List<Words> unless;
    final List<Words> with;

    Phrase(
        String signal,
        String label,
        Words words,
        double weight,
        List<Words> unless,
        List<Words> with) {
      this.signal = signal;
      this.label = label;
      this.words = words;
      this.weight = weight;
      this.unless = unless;
      this.with = with;
    }
  }

  private final Map<String, Phrase> bySameReading = new HashMap<>();

  private static final int ASCII = 128;
  private static final String STAR = "stemmark";

  private final Stemmer stemmer;
  private final Typos typos;
  private final Set<String> keys = new HashSet<>();
  private final Map<String, List<Phrase>> byFirstWord = new HashMap<>();
  private final Map<Character, List<Phrase>> byPrefixStart = new HashMap<>();

  @SuppressWarnings({"unchecked", "rawtypes"})
  private final List<Phrase>[] asciiPrefixes = new List[ASCII];

  LexiconView(Stemmer stemmer, Typos typos) {
    this.stemmer = stemmer;
    this.typos = typos;
  }

  /** The phrase as matched and shown: folded words separated by one space. */
  static String label(String phrase) {
    return String.join(" ", Tokens.of(Fold.fold(phrase.replace("*", STAR))).words)
        .replace(STAR, "*");
  }

  void add(String signal, String phrase, double weight, SignalSpec.Guard guard) {
    if (!(weight > 0.0 && weight <= 1.0)) {
      throw new IllegalArgumentException(
          "phrase '" + phrase + "' weight must be in (0, 1] but was " + weight);
    }
    Words words = words(phrase);
    for (int i = 0; i < words.words.length; i++) {
      if (!words.prefix[i]) {
        keys.add(words.words[i]);
      }
      if (typos != null) {
        typos.add(words.written[i]);
      }
    }
    List<Words> unless = new ArrayList<>();
    List<Words> with = new ArrayList<>();
    if (guard != null) {
      guard.unless().forEach(p -> unless.add(words(p)));
      guard.with().forEach(p -> with.add(words(p)));
    }
    String reading =
        signal + "\u0000" + String.join(" ", words.words) + java.util.Arrays.toString(words.prefix);
    Phrase same = bySameReading.get(reading);
    if (same != null && same.unless.isEmpty() && same.with.isEmpty() && guard == null) {
      same.weight = Math.max(same.weight, weight);
      return;
    }
    Phrase entry =
        new Phrase(signal, label(phrase), words, weight, List.copyOf(unless), List.copyOf(with));
    bySameReading.putIfAbsent(reading, entry);
    if (words.prefix[0]) {
      char first = words.words[0].charAt(0);
      List<Phrase> list = byPrefixStart.computeIfAbsent(first, k -> new ArrayList<>());
      list.add(entry);
      if (first < ASCII) {
        asciiPrefixes[first] = list;
      }
    } else {
      byFirstWord.computeIfAbsent(words.words[0], k -> new ArrayList<>()).add(entry);
    }
  }

  private Words words(String phrase) {
    List<String> folded = Tokens.of(Fold.fold(phrase.replace("*", STAR))).words;
    if (folded.isEmpty()) {
      throw new IllegalArgumentException("phrase '" + phrase + "' has no words");
    }
    String[] parts = new String[folded.size()];
    String[] written = new String[folded.size()];
    boolean[] prefix = new boolean[folded.size()];
    for (int i = 0; i < parts.length; i++) {
      String w = folded.get(i);
      prefix[i] = w.endsWith(STAR);
      written[i] = prefix[i] ? w.substring(0, w.length() - STAR.length()) : w;
      if (written[i].isEmpty()) {
        throw new IllegalArgumentException(
            "phrase '" + phrase + "' has a '*' with no letters before it");
      }
      parts[i] = prefix[i] || stemmer == null ? written[i] : stemmer.stem(written[i]);
    }
    return new Words(parts, written, prefix);
  }

  /** The message's words as this view reads them. */
  private static final class Read {
    final String[] raw;
    final String[] fixed;
    final String[] key;

    Read(int n) {
      raw = new String[n];
      fixed = new String[n];
      key = new String[n];
    }
  }

  private Read read(Tokens tokens) {
    Read r = new Read(tokens.size());
    for (int i = 0; i < r.raw.length; i++) {
      String w = tokens.words.get(i);
      r.raw[i] = w;
      String key = stemmer == null ? w : stemmer.stem(w);
      if (typos != null && !keys.contains(key)) {
        String fixed = typos.correct(w);
        if (fixed != null) {
          r.fixed[i] = fixed;
          key = stemmer == null ? fixed : stemmer.stem(fixed);
        }
      }
      r.key[i] = key;
    }
    return r;
  }

  void match(Tokens tokens, String original, Map<String, Lexicon.Hits> hits) {
    Read r = read(tokens);
    for (int i = 0; i < r.raw.length; i++) {
      List<Phrase> exact = byFirstWord.get(r.key[i]);
      if (exact != null) {
        for (Phrase phrase : exact) {
          record(phrase, r, tokens, i, original, hits);
        }
      }
      if (!r.raw[i].isEmpty()) {
        char first = r.raw[i].charAt(0);
        matchPrefixes(prefixesStartingWith(first), r, tokens, i, original, hits);
        if (r.fixed[i] != null && r.fixed[i].charAt(0) != first) {
          matchPrefixes(prefixesStartingWith(r.fixed[i].charAt(0)), r, tokens, i, original, hits);
        }
      }
    }
  }

  private void matchPrefixes(
      List<Phrase> phrases,
      Read r,
      Tokens tokens,
      int at,
      String original,
      Map<String, Lexicon.Hits> hits) {
    if (phrases != null) {
      for (Phrase phrase : phrases) {
        record(phrase, r, tokens, at, original, hits);
      }
    }
  }

  private List<Phrase> prefixesStartingWith(char c) {
    return c < ASCII ? asciiPrefixes[c] : byPrefixStart.get(c);
  }

  private static boolean matches(Words words, Read r, int at) {
    if (at + words.words.length > r.raw.length) {
      return false;
    }
    for (int k = 0; k < words.words.length; k++) {
      int i = at + k;
      if (words.prefix[k]
          ? !(r.raw[i].startsWith(words.words[k])
              || (r.fixed[i] != null && r.fixed[i].startsWith(words.words[k])))
          : !words.words[k].equals(r.key[i])) {
        return false;
      }
    }
    return true;
  }

  private static Words anywhere(List<Words> phrases, Read r) {
    for (Words w : phrases) {
      for (int i = 0; i < r.raw.length; i++) {
        if (matches(w, r, i)) {
          return w;
        }
      }
    }
    return null;
  }

  private static void record(
      Phrase phrase,
      Read r,
      Tokens tokens,
      int at,
      String original,
      Map<String, Lexicon.Hits> hits) {
    Words words = phrase.words;
    if (!matches(words, r, at)) {
      return;
    }
    if (!phrase.unless.isEmpty() && anywhere(phrase.unless, r) != null) {
      return;
    }
    Words with = phrase.with.isEmpty() ? null : anywhere(phrase.with, r);
    if (!phrase.with.isEmpty() && with == null) {
      return;
    }
    int end = at + words.words.length;
    StringBuilder evidence =
        new StringBuilder(original.substring(tokens.start(at), tokens.end(end - 1)));
    List<String> notes = null;
    for (int k = 0; k < words.words.length; k++) {
      int i = at + k;
      boolean fits =
          words.prefix[k] ? r.raw[i].startsWith(words.words[k]) : r.raw[i].equals(words.written[k]);
      String note = null;
      if (!fits) {
        note =
            (r.fixed[i] != null ? "typo: " : "stem: ")
                + words.written[k]
                + (words.prefix[k] ? "*" : "");
      }
      if (note != null) {
        notes = notes == null ? new ArrayList<>(2) : notes;
        notes.add(note);
      }
    }
    if (with != null) {
      notes = notes == null ? new ArrayList<>(1) : notes;
      notes.add("with: " + String.join(" ", with.written));
    }
    if (notes != null) {
      evidence.append(" (").append(String.join("; ", notes)).append(')');
    }
    hits.computeIfAbsent(phrase.signal, k -> new Lexicon.Hits())
        .add(phrase.label, phrase.weight, evidence.toString());
  }
}
