package dev.armature;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.Map;

/** JSON objects of tool calls and results: arguments read, results written. */
final class Json {
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private Json() {}

  /**
   * The JSON object in {@code text}.
   *
   * @throws IllegalArgumentException saying what the text is instead, without parser internals
   */
  static Map<String, Object> object(String text) {
    try {
      com.fasterxml.jackson.databind.JsonNode node = TraceJson.MAPPER.readTree(text);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException(
            "the arguments are not a JSON object: " + abbreviated(text));
      }
      return TraceJson.MAPPER.convertValue(node, OBJECT);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the arguments are not valid JSON: " + abbreviated(text));
    }
  }

  static String write(Object value) {
    return TraceJson.write(value);
  }

  private static String abbreviated(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "...";
  }
}
