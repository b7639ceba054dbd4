package dev.armature.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fields of a Responses API request that say how to run its turn, checked; the input is read by
 * {@link ResponseInput} and the model parameters by {@link ResponseParameters}.
 *
 * @param store the request's {@code store}, or null when it sent none
 * @param previous the conversation and turn {@code previous_response_id} names, or null
 * @param conversation the kept conversation named by the header or the {@code conversation} field
 *     (a string or an object with an {@code id}), or null
 * @param metadata passed to the rules as caller attributes
 * @param derived the attributes the server takes from the request's own fields: {@code user} from
 *     {@code user} or else {@code safety_identifier}
 * @param idempotencyKey the {@code Idempotency-Key} header, or null
 */
record ResponseRequest(
    boolean stream,
    Boolean store,
    ResponseIds.Turn previous,
    String conversation,
    String instructions,
    Map<String, String> metadata,
    Map<String, String> derived,
    String idempotencyKey) {
  ResponseRequest {
    metadata = Map.copyOf(metadata);
    derived = Map.copyOf(derived);
  }

  static ResponseRequest of(Context ctx, JsonNode body) {
    boolean stream = Boolean.TRUE.equals(flag(body, "stream"));
    String previousId = string(body, "previous_response_id");
    ResponseIds.Turn previous =
        previousId == null ? null : ResponseIds.ofResponse(previousId, "previous_response_id");
    String conversation = conversation(ctx, body);
    if (previous != null && conversation != null) {
      throw ApiError.badRequest(
          "invalid_value",
          "previous_response_id",
          "send 'previous_response_id' or a conversation ('conversation' or the header "
              + ChatCompletions.CONVERSATION_HEADER
              + "), not both");
    }
    String key = ctx.header(Turns.IDEMPOTENCY_KEY);
    if (key != null && stream) {
      throw ApiError.badRequest(
          "idempotency_key_with_stream",
          Turns.IDEMPOTENCY_KEY,
          "an Idempotency-Key is taken on blocking requests only: send it without \"stream\": true");
    }
    Map<String, String> derived = new TreeMap<>();
    String user = string(body, "user");
    if (user == null) {
      user = string(body, "safety_identifier");
    }
    if (user != null && !user.isBlank()) {
      derived.put(ChatCompletions.USER, ChatCompletions.oneLine(user));
    }
    return new ResponseRequest(
        stream,
        flag(body, "store"),
        previous,
        conversation,
        string(body, "instructions"),
        metadata(body),
        derived,
        key);
  }

  private static String conversation(Context ctx, JsonNode body) {
    String header = ctx.header(ChatCompletions.CONVERSATION_HEADER);
    if (header != null && !header.isBlank()) {
      return header.strip();
    }
    JsonNode field = body.get("conversation");
    if (field != null && field.isObject()) {
      field = field.get("id");
    }
    if (field == null || field.isNull()) {
      return null;
    }
    if (!field.isTextual() || field.asText().isBlank()) {
      throw ApiError.badRequest(
          "invalid_value",
          "conversation",
          "'conversation' must be a conversation id, or an object with an 'id'");
    }
    return field.asText().strip();
  }

  private static Map<String, String> metadata(JsonNode body) {
    JsonNode metadata = body.get("metadata");
    Map<String, String> values = new TreeMap<>();
    if (metadata == null || metadata.isNull()) {
      return values;
    }
    if (!metadata.isObject()) {
      throw ApiError.badRequest(
          "invalid_value", "metadata", "'metadata' must be an object of strings");
    }
    metadata
        .properties()
        .forEach(
            e -> {
              if (!e.getValue().isTextual()) {
                throw ApiError.badRequest(
                    "invalid_value",
                    "metadata." + e.getKey(),
                    "'metadata." + Edge.printable(e.getKey()) + "' must be a string");
              }
              values.put(e.getKey(), e.getValue().asText());
            });
    return values;
  }

  private static Boolean flag(JsonNode body, String name) {
    JsonNode value = body.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isBoolean()) {
      throw ApiError.badRequest("invalid_value", name, "'" + name + "' must be true or false");
    }
    return value.asBoolean();
  }

  private static String string(JsonNode body, String name) {
    JsonNode value = body.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw ApiError.badRequest("invalid_value", name, "'" + name + "' must be a string");
    }
    return value.asText();
  }
}
