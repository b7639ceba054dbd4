package dev.armature.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The part of an OpenAI chat-completions request that Armature binds; the model parameters are read
 * by {@link CompletionParameters}.
 *
 * @param model the rule set's name
 * @param conversation Armature's extension: the conversation id, when the {@code
 *     X-Armature-Conversation} header is absent; without either the turn is stateless
 * @param user OpenAI's end-user id, passed to the rules as the attribute {@code user}
 * @param metadata passed to the rules as caller attributes
 */
record CompletionRequest(
    String model,
    List<Message> messages,
    Boolean stream,
    String conversation,
    String user,
    Map<String, String> metadata,
    @JsonProperty("stream_options") StreamOptions streamOptions) {

  /**
   * One message; {@code content} is a string or a list of parts of which the text parts count. An
   * assistant message may carry {@code tool_calls}, a tool message the {@code tool_call_id} it
   * answers (read by {@link ClientToolMessages}).
   */
  record Message(
      String role,
      JsonNode content,
      @JsonProperty("tool_calls") JsonNode toolCalls,
      @JsonProperty("tool_call_id") JsonNode toolCallId) {}

  /** {@code include_usage}: send a last chunk with the token usage. */
  record StreamOptions(@JsonProperty("include_usage") Boolean includeUsage) {}

  boolean streaming() {
    return Boolean.TRUE.equals(stream);
  }

  boolean includeUsage() {
    return streamOptions != null && Boolean.TRUE.equals(streamOptions.includeUsage());
  }
}
