package dev.armature.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.armature.ModelParameters;
import java.util.List;

/**
 * The model parameters of a Responses API request, under the policy of chat completions (the table
 * in {@code docs/server.md}): {@code temperature}, {@code top_p}, {@code max_output_tokens} and
 * {@code text.format} are honoured within the rule set's bounds; wrong types and values out of
 * range are 400 {@code invalid_value}; what Armature cannot honour is 400 {@code
 * unsupported_parameter} naming it.
 */
final class ResponseParameters {
  /** Parameters refused unless absent, null, false, empty or {@code "none"}. */
  private static final List<String> REFUSED =
      List.of("background", "prompt", "reasoning", "include");

  private ResponseParameters() {}

  static ModelParameters of(JsonNode body) {
    for (String name : REFUSED) {
      if (!neutral(body.get(name))) {
        throw CompletionParameters.unsupported(
            name,
            "'"
                + name
                + "' is not supported: a turn's reply is reviewed text (no background runs,"
                + " stored prompts or reasoning)");
      }
    }
    if (CompletionParameters.present(body, "top_logprobs")
        && !(body.get("top_logprobs").isNumber() && body.get("top_logprobs").asInt() == 0)) {
      throw CompletionParameters.unsupported("top_logprobs", "'top_logprobs' is not supported");
    }
    Double temperature = CompletionParameters.number(body, "temperature", 0, 2);
    Double topP = CompletionParameters.number(body, "top_p", 0, 1);
    Integer maxTokens = CompletionParameters.integer(body, "max_output_tokens", 1);
    String responseFormat = null;
    String schema = null;
    JsonNode text = body.get("text");
    if (text != null && !text.isNull() && !text.isObject()) {
      throw CompletionParameters.invalid("text", "'text' must be an object");
    }
    JsonNode format = text == null ? null : text.get("format");
    if (format != null && !format.isNull()) {
      switch (format.path("type").asText("")) {
        case "text":
          responseFormat = "text";
          break;
        case "json_object":
          responseFormat = "json";
          break;
        case "json_schema":
          if (!format.path("name").isTextual() || !format.path("schema").isObject()) {
            throw CompletionParameters.invalid(
                "text.format",
                "'text.format' of type json_schema needs a 'name' and a 'schema' object");
          }
          schema = format.toString();
          responseFormat = "json";
          break;
        default:
          throw CompletionParameters.invalid(
              "text.format",
              "'text.format' must be an object whose 'type' is text, json_object or json_schema");
      }
    }
    return new ModelParameters(temperature, topP, maxTokens, null, responseFormat, null, schema);
  }

  private static boolean neutral(JsonNode value) {
    return value == null
        || value.isNull()
        || value.isBoolean() && !value.asBoolean()
        || (value.isArray() || value.isObject()) && value.isEmpty()
        || value.isTextual() && (value.asText().equals("none") || value.asText().equals("auto"));
  }
}
