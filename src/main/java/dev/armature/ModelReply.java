package dev.armature;

import java.util.Objects;

/** A model's answer. Token counts are 0 when the model does not report them. */
public record ModelReply(String text, String finishReason, int inputTokens, int outputTokens) {
  public ModelReply {
    Objects.requireNonNull(text, "text == null");
    finishReason = finishReason == null ? "stop" : finishReason;
  }

  /** A reply with no token counts, finished normally. */
  public static ModelReply of(String text) {
    return new ModelReply(text, "stop", 0, 0);
  }
}
