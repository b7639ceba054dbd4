package dev.armature;

/**
 * The one thing Armature needs from a language model. {@code dev.armature.model} adapts any
 * LangChain4j {@code ChatModel} to it and offers the offline {@code DryRunModel}; tests write
 * their own fakes.
 *
 * <p>Implementations must be safe to call from several threads. Failures are reported by throwing
 * {@link ModelException}, saying whether a retry may help.
 */
@FunctionalInterface
public interface Model {
  /** Answers one request. */
  ModelReply generate(ModelRequest request);
}
