package dev.armature;

/**
 * The one thing Armature needs from a language model. {@code dev.armature.model} adapts any
 * LangChain4j {@code ChatModel} to it and offers the offline {@code DryRunModel}; tests write their
 * own fakes.
 *
 * <p>Implementations must be safe to call from several threads. Failures are reported by throwing
 * {@link ModelException}, saying whether a retry may help.
 */
@FunctionalInterface
public interface Model {
  /** Answers one request. */
  ModelReply generate(ModelRequest request);

  /**
   * Answers one request, handing each piece of text to {@code tokens} as it arrives, and returns
   * the whole reply at the end. Models that cannot stream answer in one piece.
   */
  default ModelReply stream(ModelRequest request, java.util.function.Consumer<String> tokens) {
    ModelReply reply = generate(request);
    tokens.accept(reply.text());
    return reply;
  }
}
