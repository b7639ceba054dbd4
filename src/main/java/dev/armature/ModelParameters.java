package dev.armature;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The model parameters of one request; {@code null} means the model's own default.
 *
 * @param responseFormat {@code text} or {@code json}
 * @param jsonSchema with {@code json}, the schema the reply must follow, as OpenAI's {@code
 *     json_schema} object in JSON text ({@code {"name": ..., "schema": {...}}}), or {@code null}
 */
public record ModelParameters(
    Double temperature,
    Double topP,
    Integer maxTokens,
    Integer seed,
    String responseFormat,
    List<String> stop,
    String jsonSchema) {

  /** The names a {@code Param} decision or a construct's {@code params} may use. */
  public static final List<String> NAMES =
      List.of(
          "temperature", "top_p", "max_tokens", "seed", "response_format", "stop", "json_schema");

  /** No parameters: the model's defaults. */
  public static final ModelParameters DEFAULTS =
      new ModelParameters(null, null, null, null, null, null, null);

  public ModelParameters {
    stop = stop == null ? null : List.copyOf(stop);
  }

  /** Parameters without a JSON schema. */
  public ModelParameters(
      Double temperature,
      Double topP,
      Integer maxTokens,
      Integer seed,
      String responseFormat,
      List<String> stop) {
    this(temperature, topP, maxTokens, seed, responseFormat, stop, null);
  }

  /**
   * These parameters as text, the way {@link #parse(Map)} reads them; absent ones are left out.
   * ({@code stop} sequences are joined with {@code |}.)
   */
  public Map<String, String> asText() {
    Map<String, String> text = new TreeMap<>();
    put(text, "temperature", temperature);
    put(text, "top_p", topP);
    put(text, "max_tokens", maxTokens);
    put(text, "seed", seed);
    put(text, "response_format", responseFormat);
    put(text, "stop", stop == null ? null : String.join("|", stop));
    put(text, "json_schema", jsonSchema);
    return text;
  }

  private static void put(Map<String, String> text, String name, Object value) {
    if (value != null) {
      text.put(name, value.toString());
    }
  }

  /**
   * Reads parameters given as text, the way rule sets write them.
   *
   * @throws IllegalArgumentException naming the parameter and the value that is not valid
   */
  public static ModelParameters parse(Map<String, String> values) {
    Map<String, String> v = new TreeMap<>(values);
    for (String name : v.keySet()) {
      check(
          NAMES.contains(name),
          name,
          v.get(name),
          "a known parameter: " + String.join(", ", NAMES));
    }
    Double temperature = number(v, "temperature", 0, 2);
    Double topP = number(v, "top_p", 0, 1);
    Integer maxTokens = integer(v, "max_tokens", 1);
    Integer seed = integer(v, "seed", Integer.MIN_VALUE);
    String format = v.get("response_format");
    if (format != null) {
      check(
          format.equals("text") || format.equals("json"),
          "response_format",
          format,
          "text or json");
    }
    String stop = v.get("stop");
    String schema = v.get("json_schema");
    if (schema != null) {
      check(
          schema.strip().startsWith("{"),
          "json_schema",
          schema,
          "a JSON object with 'name' and 'schema'");
    }
    return new ModelParameters(
        temperature,
        topP,
        maxTokens,
        seed,
        schema != null ? "json" : format,
        stop == null ? null : Arrays.stream(stop.split("\\|")).toList(),
        schema);
  }

  /** Checks one parameter without building anything. */
  public static void validate(String name, String value) {
    parse(Map.of(name, value));
  }

  private static Double number(Map<String, String> v, String name, double min, double max) {
    String text = v.get(name);
    if (text == null) {
      return null;
    }
    double value;
    try {
      value = Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      throw invalid(name, text, "a number");
    }
    check(value >= min && value <= max, name, text, "a number from " + min + " to " + max);
    return value;
  }

  private static Integer integer(Map<String, String> v, String name, int min) {
    String text = v.get(name);
    if (text == null) {
      return null;
    }
    int value;
    try {
      value = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw invalid(name, text, "a whole number");
    }
    check(value >= min, name, text, "a whole number >= " + min);
    return value;
  }

  private static void check(boolean ok, String name, String value, String expected) {
    if (!ok) {
      throw invalid(name, value, expected);
    }
  }

  private static IllegalArgumentException invalid(String name, String value, String expected) {
    return new IllegalArgumentException(
        "parameter '" + name + "' is '" + value + "'; expected " + expected);
  }
}
