package dev.armature.signals;

import dev.armature.facts.Signal;
import java.util.List;
import java.util.Locale;

/** A signal read from the shape of the message rather than its words. */
final class StructuralSignal {
  private static final List<String> QUESTION_WORDS =
      List.of(
          "who", "what", "when", "where", "why", "how", "which", "can", "could", "would", "should",
          "is", "are", "do", "does", "did", "will", "may", "am", "have", "has");

  enum Kind {
    QUESTION,
    LONG_MESSAGE,
    SHOUTING,
    REPEATED
  }

  final String name;
  private final Kind kind;
  private final int minChars;
  private final int within;
  private final int minWords;
  private final java.util.Set<String> questionWords;

  StructuralSignal(String name, SignalSpec spec) {
    this.name = name;
    this.kind = kindOf(spec.structural());
    this.minChars = spec.minChars() == null ? 600 : spec.minChars();
    this.within = spec.within() == null ? 3 : spec.within();
    this.minWords = spec.minWords() == null ? 3 : spec.minWords();
    List<String> words = spec.words().isEmpty() ? QUESTION_WORDS : spec.words();
    this.questionWords = new java.util.HashSet<>();
    words.forEach(w -> questionWords.add(Fold.fold(w)));
    if (minChars < 1 || within < 1 || minWords < 1) {
      throw new IllegalArgumentException("min_chars, within and min_words must be >= 1");
    }
  }

  private static Kind kindOf(String structural) {
    try {
      return Kind.valueOf(structural.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown structural signal '"
              + structural
              + "'; expected question, long-message, shouting or repeated",
          e);
    }
  }

  /**
   * How many earlier messages this signal reads: {@code within} for {@code repeated}, else none.
   */
  int reach() {
    return kind == Kind.REPEATED ? within : 0;
  }

  /**
   * @param earlier the distinct word hashes ({@link Tokens#distinctHashes(String)}) of the earlier
   *     messages this signal reaches, oldest first
   */
  Signal find(String text, Tokens tokens, List<int[]> earlier) {
    switch (kind) {
      case QUESTION:
        return question(text, tokens);
      case LONG_MESSAGE:
        return text.length() >= minChars
            ? new Signal(name, 1.0, List.of(text.length() + " characters"))
            : null;
      case SHOUTING:
        return shouting(text);
      default:
        return repeated(tokens, earlier);
    }
  }

  private Signal question(String text, Tokens tokens) {
    int mark = text.indexOf('?');
    if (mark >= 0) {
      int start =
          Math.max(0, Math.max(text.lastIndexOf('.', mark), text.lastIndexOf('!', mark)) + 1);
      return new Signal(name, 1.0, List.of(text.substring(start, mark + 1).strip()));
    }
    if (tokens.size() > 0 && questionWords.contains(tokens.words.get(0))) {
      return new Signal(name, 0.7, List.of(tokens.words.get(0)));
    }
    return null;
  }

  private Signal shouting(String text) {
    int letters = 0;
    int upper = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isLetter(c)) {
        letters++;
        if (Character.isUpperCase(c)) {
          upper++;
        }
      }
    }
    if (letters < 8) {
      return null;
    }
    double ratio = (double) upper / letters;
    return ratio >= 0.7
        ? new Signal(name, round(ratio), List.of(upper + " of " + letters + " letters in capitals"))
        : null;
  }

  private Signal repeated(Tokens tokens, List<int[]> earlier) {
    if (tokens.size() == 0) {
      return null;
    }
    int[] now = tokens.distinctHashes();
    if (now.length < minWords) {
      return null;
    }
    double best = 0;
    int ago = 0;
    int limit = Math.min(within, earlier.size());
    for (int i = 0; i < limit; i++) {
      int[] before = earlier.get(earlier.size() - 1 - i);
      double similarity = jaccard(now, before);
      if (similarity > best) {
        best = similarity;
        ago = i + 1;
      }
    }
    return best >= 0.8
        ? new Signal(name, round(best), List.of("like the message " + ago + " turn(s) ago"))
        : null;
  }

  /** Jaccard similarity of two sorted sets of word hashes, merged without allocating. */
  private static double jaccard(int[] a, int[] b) {
    if (b.length == 0 || Math.min(a.length, b.length) < 0.8 * Math.max(a.length, b.length)) {
      return 0;
    }
    int common = 0;
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        common++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return (double) common / (a.length + b.length - common);
  }

  private static double round(double score) {
    return Math.round(score * 1000) / 1000.0;
  }
}
