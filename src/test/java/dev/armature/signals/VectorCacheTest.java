package dev.armature.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.testing.FakeEmbedder;
import org.junit.jupiter.api.Test;

class VectorCacheTest {
  @Test
  void vector_whenTheTextWasEmbeddedBefore_returnsItWithoutEmbeddingAgain() {
    FakeEmbedder embedder = new FakeEmbedder().with("where is my parcel", 0, 0, 1);
    VectorCache cache = new VectorCache(10);

    float[] first = cache.vector(embedder, "where is my parcel");
    float[] again = cache.vector(embedder, "where is my parcel");

    assertThat(again).isSameAs(first).containsExactly(0, 0, 1);
    assertThat(embedder.embedded()).containsExactly("where is my parcel");
  }

  @Test
  void vector_whenFull_forgetsTheLeastRecentlyUsed() {
    FakeEmbedder embedder = new FakeEmbedder();
    VectorCache cache = new VectorCache(2);
    cache.vector(embedder, "a");
    cache.vector(embedder, "b");
    cache.vector(embedder, "a");

    cache.vector(embedder, "c");
    cache.vector(embedder, "a");
    cache.vector(embedder, "b");

    assertThat(cache.size()).isEqualTo(2);
    assertThat(embedder.embedded()).containsExactly("a", "b", "c", "b");
  }

  @Test
  void vector_whenTwoModelsEmbedTheSameText_keepsOneVectorForEach() {
    FakeEmbedder one = new FakeEmbedder().with("hi", 1, 0);
    FakeEmbedder other = new FakeEmbedder().with("hi", 0, 1);
    VectorCache cache = new VectorCache(10);

    assertThat(cache.vector(one, "hi")).containsExactly(1, 0);
    assertThat(cache.vector(other, "hi")).containsExactly(0, 1);
  }
}
