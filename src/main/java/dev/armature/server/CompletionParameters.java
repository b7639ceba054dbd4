package dev.armature.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.armature.ModelParameters;
import java.util.ArrayList;
import java.util.List;

/**
 * The sampling and format parameters of an OpenAI request, checked as OpenAI checks them: each is
 * honoured within its bounds or refused with a 400 naming it, never ignored. Which are which is the
 * table in {@code docs/server.md}.
 */
final class CompletionParameters {
  /**
   * OpenAI's older function calling, which Armature does not serve: any value but the neutral one
   * is refused ({@code tools} and {@code tool_choice} are read by {@link ClientToolMessages}).
   */
  private static final List<String> TOOLS = List.of("functions", "function_call");

  private CompletionParameters() {}

  /**
   * The parameters of a request body.
   *
   * @throws ApiError 400 {@code invalid_value} for a wrong type or a value out of range, 400 {@code
   *     unsupported_parameter} for a parameter Armature does not support
   */
  static ModelParameters of(JsonNode body) {
    refuseUnsupported(body);
    Double temperature = number(body, "temperature", 0, 2);
    Double topP = number(body, "top_p", 0, 1);
    Integer maxTokens = integer(body, "max_completion_tokens", 1);
    if (maxTokens == null) {
      maxTokens = integer(body, "max_tokens", 1);
    } else {
      integer(body, "max_tokens", 1);
    }
    Integer seed = integer(body, "seed", Integer.MIN_VALUE);
    List<String> stop = stop(body);
    JsonNode format = present(body, "response_format") ? body.get("response_format") : null;
    String responseFormat = null;
    String schema = null;
    if (format != null) {
      String type = format.path("type").isTextual() ? format.path("type").asText() : "";
      switch (type) {
        case "text":
          responseFormat = "text";
          break;
        case "json_object":
          responseFormat = "json";
          break;
        case "json_schema":
          schema = schema(format.get("json_schema"));
          responseFormat = "json";
          break;
        default:
          throw invalid(
              "response_format",
              "'response_format' must be an object whose 'type' is text, json_object or"
                  + " json_schema");
      }
    }
    return new ModelParameters(temperature, topP, maxTokens, seed, responseFormat, stop, schema);
  }

  private static void refuseUnsupported(JsonNode body) {
    JsonNode n = body.get("n");
    if (present(body, "n") && !(n.isIntegralNumber() && n.asLong() >= 1)) {
      throw invalid("n", "'n' must be a whole number >= 1");
    }
    if (present(body, "n") && n.asLong() > 1) {
      throw unsupported("n", "'n' is " + n.asLong() + "; Armature answers one choice per turn");
    }
    if (present(body, "logprobs") && !body.get("logprobs").isBoolean()) {
      throw invalid("logprobs", "'logprobs' must be true or false");
    }
    if (body.path("logprobs").asBoolean(false)) {
      throw unsupported("logprobs", "'logprobs' is not supported: a turn's reply is reviewed text");
    }
    if (present(body, "top_logprobs")) {
      throw unsupported("top_logprobs", "'top_logprobs' is not supported");
    }
    for (String name : TOOLS) {
      JsonNode value = body.get(name);
      boolean neutral =
          !present(body, name)
              || value.isArray() && value.isEmpty()
              || value.isTextual() && value.asText().equals("none");
      if (!neutral) {
        throw unsupported(
            name, "'" + name + "' is not supported: send the client's tools as 'tools'");
      }
    }
    for (String name : List.of("frequency_penalty", "presence_penalty")) {
      if (present(body, name) && !(body.get(name).isNumber() && body.get(name).asDouble() == 0)) {
        throw unsupported(name, "'" + name + "' is not supported; only 0 is accepted");
      }
    }
    if (present(body, "logit_bias")
        && !(body.get("logit_bias").isObject() && body.get("logit_bias").isEmpty())) {
      throw unsupported("logit_bias", "'logit_bias' is not supported");
    }
  }

  static boolean present(JsonNode body, String name) {
    return body.has(name) && !body.get(name).isNull();
  }

  static Double number(JsonNode body, String name, double min, double max) {
    if (!present(body, name)) {
      return null;
    }
    JsonNode value = body.get(name);
    if (!value.isNumber()) {
      throw invalid(name, "'" + name + "' must be a number from " + min + " to " + max);
    }
    double v = value.asDouble();
    if (!(v >= min && v <= max)) {
      throw invalid(name, "'" + name + "' is " + v + "; it must be from " + min + " to " + max);
    }
    return v;
  }

  static Integer integer(JsonNode body, String name, int min) {
    if (!present(body, name)) {
      return null;
    }
    JsonNode value = body.get(name);
    if (!value.canConvertToInt() || !value.isIntegralNumber()) {
      throw invalid(name, "'" + name + "' must be a whole number >= " + min);
    }
    if (value.asInt() < min) {
      throw invalid(name, "'" + name + "' is " + value.asInt() + "; it must be >= " + min);
    }
    return value.asInt();
  }

  private static List<String> stop(JsonNode body) {
    if (!present(body, "stop")) {
      return null;
    }
    JsonNode stop = body.get("stop");
    List<String> sequences = new ArrayList<>();
    if (stop.isTextual()) {
      sequences.add(stop.asText());
    } else if (stop.isArray() && stop.size() <= 4) {
      stop.forEach(s -> sequences.add(s.isTextual() ? s.asText() : ""));
    } else {
      throw invalid("stop", "'stop' must be a string or a list of up to 4 strings");
    }
    for (String s : sequences) {
      if (s.isEmpty() || s.contains("|")) {
        throw invalid("stop", "each 'stop' sequence must be a non-empty string without '|'");
      }
    }
    return sequences.isEmpty() ? null : sequences;
  }

  private static String schema(JsonNode jsonSchema) {
    if (jsonSchema == null
        || !jsonSchema.isObject()
        || !jsonSchema.path("name").isTextual()
        || !jsonSchema.path("schema").isObject()) {
      throw invalid(
          "response_format",
          "'response_format.json_schema' must be an object with a 'name' and a 'schema' object");
    }
    return jsonSchema.toString();
  }

  static ApiError invalid(String param, String message) {
    return ApiError.badRequest("invalid_value", param, message);
  }

  static ApiError unsupported(String param, String message) {
    return ApiError.badRequest("unsupported_parameter", param, message);
  }
}
