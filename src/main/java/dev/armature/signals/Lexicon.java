package dev.armature.signals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every phrase of every lexicon signal. Signals that read words the same way (the same stemmer and
 * typo tolerance) share one {@link LexiconView}; a message is tokenised once and each view reads
 * the tokens its own way.
 */
final class Lexicon {
  private final List<LexiconView> views = new ArrayList<>();
  private final Map<String, LexiconView> byOptions = new HashMap<>();

  /**
   * Adds a signal's phrases.
   *
   * @throws IllegalArgumentException naming the phrase, option or guard that is wrong
   */
  void add(String signal, SignalSpec spec) {
    String key = spec.stem() + "/" + spec.typos();
    LexiconView view = byOptions.get(key);
    if (view == null) {
      view =
          new LexiconView(
              spec.stem() == null ? null : Stemmer.of(spec.stem()),
              spec.typos() == null ? null : new Typos(spec.typos()));
      byOptions.put(key, view);
      views.add(view);
    }
    Map<String, SignalSpec.Guard> guards = new HashMap<>();
    for (Map.Entry<String, SignalSpec.Guard> g : spec.guards().entrySet()) {
      String label = LexiconView.label(g.getKey());
      if (spec.phrases().keySet().stream().noneMatch(p -> LexiconView.label(p).equals(label))) {
        throw new IllegalArgumentException(
            "guards names '" + g.getKey() + "', which is not one of the signal's phrases");
      }
      guards.put(label, Objects.requireNonNull(g.getValue(), "guard of '" + g.getKey() + "'"));
    }
    for (Map.Entry<String, Double> p : spec.phrases().entrySet()) {
      view.add(signal, p.getKey(), p.getValue(), guards.get(LexiconView.label(p.getKey())));
    }
  }

  /** Adds, per signal, the matched phrase weights and the original spans they cover. */
  void match(Tokens tokens, String original, Map<String, Hits> hits) {
    for (LexiconView view : views) {
      view.match(tokens, original, hits);
    }
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
