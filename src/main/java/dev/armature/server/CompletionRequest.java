package dev.armature.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The part of an OpenAI chat-completions request that Armature reads. Sampling parameters ({@code
 * temperature}, {@code max_tokens}, ...) are ignored: the rules set them.
 *
 * @param model the rule set's name
 * @param user the conversation id, when the {@code X-Armature-Conversation} header is absent
 * @param metadata passed to the rules as caller attributes
 */
record CompletionRequest(
    String model,
    List<Message> messages,
    Boolean stream,
    String user,
    Map<String, String> metadata,
    @JsonProperty("stream_options") StreamOptions streamOptions) {

  /** One message; {@code content} is a string or a list of parts of which the text parts count. */
  record Message(String role, JsonNode content) {}

  /** {@code include_usage}: send a last chunk with the token usage. */
  record StreamOptions(@JsonProperty("include_usage") Boolean includeUsage) {}

  boolean streaming() {
    return Boolean.TRUE.equals(stream);
  }

  boolean includeUsage() {
    return streamOptions != null && Boolean.TRUE.equals(streamOptions.includeUsage());
  }
}
