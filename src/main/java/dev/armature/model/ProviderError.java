package dev.armature.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A provider's HTTP error reduced to what may be shown: the status, the provider's error type and
 * its message, scrubbed. OpenAI-compatible servers answer {@code {"error": {"message", "type",
 * "code"}}}; anything else is treated as text.
 */
final class ProviderError {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ProviderError() {}

  static String describe(int status, String body, String secret) {
    String type = null;
    String message = body;
    JsonNode error = parse(body);
    if (error != null && error.isObject()) {
      type = text(error.get("type"));
      if (type == null) {
        type = text(error.get("code"));
      }
      message = text(error.get("message"));
    } else if (error != null) {
      message = error.asText();
    }
    StringBuilder out = new StringBuilder("HTTP ").append(status);
    if (type != null) {
      out.append(" (").append(Redaction.text(type, secret)).append(')');
    }
    String said = Redaction.text(message == null ? "" : message, secret);
    if (!said.isEmpty()) {
      out.append(": ").append(said);
    }
    return out.toString();
  }

  /** The {@code error} object of an OpenAI-shaped error body, or null. */
  private static JsonNode parse(String body) {
    if (body == null) {
      return null;
    }
    int start = body.indexOf('{');
    if (start < 0) {
      return null;
    }
    try {
      JsonNode error = JSON.readTree(body.substring(start)).get("error");
      return error != null && (error.isObject() || error.isTextual()) ? error : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.isValueNode() ? node.asText() : null;
  }
}
