package dev.armature.signals;

import dev.armature.facts.Signal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A signal defined by example phrasings: its score is the cosine similarity of the message to the
 * nearest example, rounded to 3 decimals, and its evidence is that example. It is vetoed when a
 * counter-example is at least as near as the nearest example, and it fires from {@code min_score}
 * (default {@link #DEFAULT_MIN_SCORE}). Every comparison uses the rounded similarities, so the
 * decision depends only on the numbers a trace shows.
 */
final class SemanticSignal {
  static final double DEFAULT_MIN_SCORE = 0.5;

  private final String name;
  private final List<String> examples;
  private final float[][] exampleVectors;
  private final float[][] counterVectors;
  private final double minScore;

  private SemanticSignal(
      String name,
      List<String> examples,
      float[][] exampleVectors,
      float[][] counterVectors,
      double minScore) {
    this.name = name;
    this.examples = examples;
    this.exampleVectors = exampleVectors;
    this.counterVectors = counterVectors;
    this.minScore = minScore;
  }

  /**
   * Checks the definition and embeds its examples, each through the cache.
   *
   * @throws IllegalArgumentException naming the field and value that is wrong
   */
  static SemanticSignal compile(
      String name, SignalSpec spec, Embedder embedder, VectorCache cache) {
    List<String> examples = texts("examples", spec.examples());
    List<String> counters = texts("counter_examples", spec.counterExamples());
    Set<String> both = new HashSet<>(examples);
    for (String counter : counters) {
      if (both.contains(counter)) {
        throw new IllegalArgumentException(
            "'" + counter + "' is both an example and a counter-example");
      }
    }
    double minScore = spec.minScore() == null ? DEFAULT_MIN_SCORE : spec.minScore();
    if (!(minScore > 0.0 && minScore <= 1.0)) {
      throw new IllegalArgumentException(
          "min_score must be in (0, 1] for a signal with examples but was " + minScore);
    }
    return new SemanticSignal(
        name,
        examples,
        vectors(examples, embedder, cache),
        vectors(counters, embedder, cache),
        minScore);
  }

  private static List<String> texts(String field, List<String> given) {
    List<String> texts = new ArrayList<>(given.size());
    for (int i = 0; i < given.size(); i++) {
      String text = given.get(i) == null ? "" : given.get(i).strip();
      if (text.isEmpty()) {
        throw new IllegalArgumentException(field + "[" + i + "] is empty");
      }
      if (texts.contains(text)) {
        throw new IllegalArgumentException(field + " lists '" + text + "' twice");
      }
      texts.add(text);
    }
    return List.copyOf(texts);
  }

  private static float[][] vectors(List<String> texts, Embedder embedder, VectorCache cache) {
    float[][] vectors = new float[texts.size()][];
    for (int i = 0; i < vectors.length; i++) {
      try {
        vectors[i] = cache.vector(embedder, texts.get(i));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "the embedding model failed on '" + texts.get(i) + "'", e);
      }
    }
    return vectors;
  }

  /** The signal for a message's vector, or {@code null} when it is below its score or vetoed. */
  Signal score(float[] message) {
    int nearest = -1;
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < exampleVectors.length; i++) {
      double similarity = cosine(message, exampleVectors[i]);
      if (similarity > best) {
        best = similarity;
        nearest = i;
      }
    }
    double score = round(best);
    if (score < minScore) {
      return null;
    }
    for (float[] counter : counterVectors) {
      if (round(cosine(message, counter)) >= score) {
        return null;
      }
    }
    return new Signal(name, score, List.of(examples.get(nearest)));
  }

  /** Cosine similarity summed in double, in index order: the same vectors give the same bits. */
  static double cosine(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalStateException(
          "vectors of " + a.length + " and " + b.length + " dimensions cannot be compared");
    }
    double dot = 0;
    double normA = 0;
    double normB = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      normA += (double) a[i] * a[i];
      normB += (double) b[i] * b[i];
    }
    return normA == 0 || normB == 0 ? 0 : dot / Math.sqrt(normA * normB);
  }

  /** Three decimals, within [0, 1]: what the {@code Signal} fact, the trace and replay see. */
  static double round(double similarity) {
    return Math.round(Math.max(0.0, Math.min(1.0, similarity)) * 1000) / 1000.0;
  }
}
