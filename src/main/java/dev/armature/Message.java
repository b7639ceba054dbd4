package dev.armature;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * One message of a model request: who says it and what. An assistant message may carry the tool
 * calls the model made; a tool message carries one call's result and the id of that call.
 */
public record Message(
    Role role,
    String text,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ToolRequest> toolCalls,
    @JsonInclude(JsonInclude.Include.NON_NULL) String toolCallId) {
  /** Who a message is from. */
  public enum Role {
    SYSTEM,
    USER,
    ASSISTANT,
    /** A tool's result (or the reason a call did not run), answering one tool call. */
    TOOL
  }

  public Message {
    Objects.requireNonNull(role, "role == null");
    Objects.requireNonNull(text, "text == null");
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    if (role == Role.TOOL && toolCallId == null) {
      throw new IllegalArgumentException("a tool message needs the id of the call it answers");
    }
  }

  /** A message without tool calls. */
  public Message(Role role, String text) {
    this(role, text, List.of(), null);
  }

  /** The model's message that called these tools. */
  public static Message calls(String text, List<ToolRequest> calls) {
    return new Message(Role.ASSISTANT, text, calls, null);
  }

  /** The result of the call {@code callId}, as the model reads it. */
  public static Message toolResult(String callId, String text) {
    return new Message(Role.TOOL, text, List.of(), callId);
  }
}
