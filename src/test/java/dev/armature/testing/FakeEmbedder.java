package dev.armature.testing;

import dev.armature.signals.Embedder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embedder for tests: texts given a vector get it, any other text a vector of its letter
 * trigrams hashed into 32 dimensions (similar spellings are near). It counts what it embeds, and
 * each instance is its own model, so tests never share cached vectors by accident.
 */
public final class FakeEmbedder implements Embedder {
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final int DIMENSIONS = 32;

  private final String model = "fake-" + INSTANCES.incrementAndGet();
  private final Map<String, float[]> known = new HashMap<>();
  private final List<String> embedded = new ArrayList<>();

  /** Gives {@code text} the vector {@code vector}. */
  public FakeEmbedder with(String text, float... vector) {
    known.put(text, vector.clone());
    return this;
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  public synchronized float[] embed(String text) {
    embedded.add(text);
    float[] given = known.get(text);
    return given != null ? given.clone() : trigrams(text);
  }

  /** Every text embedded so far, in order, repeats included. */
  public synchronized List<String> embedded() {
    return List.copyOf(embedded);
  }

  private static float[] trigrams(String text) {
    String padded = "  " + text.toLowerCase(java.util.Locale.ROOT) + "  ";
    float[] v = new float[DIMENSIONS];
    for (int i = 0; i + 3 <= padded.length(); i++) {
      v[Math.floorMod(padded.substring(i, i + 3).hashCode(), DIMENSIONS)] += 1;
    }
    return v;
  }
}
