package dev.armature.signals;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Example vectors by model and text, shared by every rule set of the process and bounded (least
 * recently used go first): a reload embeds only the examples it has not seen, and two rule sets
 * with the same example embed it once.
 */
final class VectorCache {
  /** About 1.5 KB each at 384 dimensions: 15 MB at most. */
  static final int DEFAULT_CAPACITY = 10_000;

  /** The process's cache of example vectors. */
  static final VectorCache PROCESS = new VectorCache(DEFAULT_CAPACITY);

  /**
   * The process's cache of message vectors, apart from the examples' so that messages never push an
   * example out: a client that sends the whole history with each request (a stateless turn) has
   * every earlier message embedded already, and a message sent again costs a lookup. 6 MB at most;
   * the system property {@code armature.semantic.messageCache} sets how many (0: none, which the
   * benchmarks use to time a message never seen before).
   */
  static final VectorCache MESSAGES =
      new VectorCache(Integer.getInteger("armature.semantic.messageCache", 4_096));

  private final Map<Key, float[]> vectors;

  private record Key(String model, String text) {}

  VectorCache(int capacity) {
    this.vectors =
        new LinkedHashMap<>(64, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, float[]> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The text's vector from the cache, or embedded now and kept. */
  float[] vector(Embedder embedder, String text) {
    Key key = new Key(embedder.model(), text);
    synchronized (this) {
      float[] known = vectors.get(key);
      if (known != null) {
        return known;
      }
    }
    // Embedded outside the lock: a load must not hold up another rule set's load.
    float[] vector = embedder.embed(text).clone();
    synchronized (this) {
      float[] raced = vectors.putIfAbsent(key, vector);
      return raced == null ? vector : raced;
    }
  }

  synchronized int size() {
    return vectors.size();
  }
}
