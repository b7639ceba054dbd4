package dev.armature.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MiniLmEmbedderTest {
  private static final MiniLmEmbedder EMBEDDER = MiniLmEmbedder.load();

  @Test
  void embed_givesAUnitVectorOf384DimensionsAndTheSameOneEveryTime() {
    float[] first = EMBEDDER.embed("where is my parcel");
    float[] again = EMBEDDER.embed("where is my parcel");

    assertThat(first).hasSize(384).containsExactly(again);
    double norm = 0;
    for (float x : first) {
      norm += (double) x * x;
    }
    assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-4));
  }

  @Test
  void embed_placesParaphrasesNearerThanOtherTopics() {
    float[] parcel = EMBEDDER.embed("where is my parcel");

    assertThat(dot(parcel, EMBEDDER.embed("my package has not arrived")))
        .isGreaterThan(dot(parcel, EMBEDDER.embed("i forgot my password")) + 0.2);
  }

  @Test
  void load_keepsTheTokenizerLibraryOffline() {
    assertThat(System.getProperty(MiniLmEmbedder.OFFLINE)).isEqualTo("true");
    assertThat(EMBEDDER.model()).isEqualTo("all-minilm-l6-v2-q");
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }
}
