package dev.armature;

import java.util.List;
import java.util.Objects;

/**
 * A model's answer: text, or calls of the tools it was offered (with text or without). Token counts
 * are 0 when the model does not report them.
 */
public record ModelReply(
    String text,
    String finishReason,
    int inputTokens,
    int outputTokens,
    List<ToolRequest> toolCalls) {
  public ModelReply {
    text = text == null && toolCalls != null && !toolCalls.isEmpty() ? "" : text;
    Objects.requireNonNull(text, "text == null");
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    finishReason =
        finishReason == null ? (toolCalls.isEmpty() ? "stop" : "tool_calls") : finishReason;
  }

  /** A reply without tool calls. */
  public ModelReply(String text, String finishReason, int inputTokens, int outputTokens) {
    this(text, finishReason, inputTokens, outputTokens, List.of());
  }

  /** A reply with no token counts, finished normally. */
  public static ModelReply of(String text) {
    return new ModelReply(text, "stop", 0, 0);
  }

  /** A reply that calls tools and says nothing else. */
  public static ModelReply calling(ToolRequest... calls) {
    return new ModelReply("", "tool_calls", 0, 0, List.of(calls));
  }
}
