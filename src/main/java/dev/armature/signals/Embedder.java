package dev.armature.signals;

/**
 * A sentence-embedding model: what semantic signals compare a message with their examples by. One
 * adapter wraps the model Armature ships with ({@link Embedders#process()}); tests use fakes.
 *
 * <p>Implementations are thread-safe and deterministic: the same text always gives the same vector,
 * so that a turn scores the same on replay.
 */
public interface Embedder {
  /**
   * The model's identity, such as {@code all-minilm-l6-v2-q}: cached example vectors are kept per
   * model, so two embedders with the same identity must give the same vectors.
   */
  String model();

  /**
   * The text's vector, normalised to length 1.
   *
   * @throws RuntimeException when the model fails; the caller names the signal
   */
  float[] embed(String text);
}
