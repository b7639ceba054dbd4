package dev.armature.ruleset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The subset of JSON schema a tool's arguments are checked against: an object whose properties are
 * strings (enum, pattern, minLength, maxLength), integers or numbers (enum, minimum, maximum) or
 * booleans, with {@code required}. Arguments the schema does not name are refused. Small on
 * purpose: every keyword it accepts it enforces, and any other keyword is an error at load time
 * rather than a check silently skipped.
 */
final class ToolSchema {
  private static final Set<String> ROOT_KEYS =
      Set.of("type", "properties", "required", "additionalProperties", "description");
  private static final Set<String> PROPERTY_KEYS =
      Set.of(
          "type", "description", "enum", "pattern", "minLength", "maxLength", "minimum", "maximum");
  private static final Set<String> TYPES = Set.of("string", "integer", "number", "boolean");

  private record Property(
      String name,
      String type,
      List<Object> allowed,
      Pattern pattern,
      Integer minLength,
      Integer maxLength,
      Double minimum,
      Double maximum) {}

  private final String json;
  private final Map<String, Property> properties;
  private final List<String> required;

  private ToolSchema(String json, Map<String, Property> properties, List<String> required) {
    this.json = json;
    this.properties = properties;
    this.required = required;
  }

  String json() {
    return json;
  }

  /**
   * Reads a schema, adding a message per problem to {@code problems} (each starting with the field
   * path inside {@code parameters}); {@code null} when there were problems.
   */
  static ToolSchema read(JsonNode node, List<String> problems) {
    int before = problems.size();
    if (node == null || node.isNull()) {
      node = Yaml.MAPPER.createObjectNode().put("type", "object");
    }
    if (!node.isObject()) {
      problems.add("must be a JSON schema object, such as { type: object, properties: {...} }");
      return null;
    }
    unknownKeys(node, ROOT_KEYS, "", problems);
    if (node.has("type") && !"object".equals(node.get("type").asText())) {
      problems.add("'type' is '" + node.get("type").asText() + "'; tool arguments are an object");
    }
    if (node.has("additionalProperties") && node.get("additionalProperties").asBoolean(true)) {
      problems.add(
          "'additionalProperties: true' is not supported: arguments the schema does not name are"
              + " always refused");
    }
    Map<String, Property> properties = new LinkedHashMap<>();
    JsonNode props = node.path("properties");
    for (Map.Entry<String, JsonNode> e : props.properties()) {
      Property p = property(e.getKey(), e.getValue(), problems);
      if (p != null) {
        properties.put(e.getKey(), p);
      }
    }
    List<String> required = new ArrayList<>();
    for (JsonNode r : node.path("required")) {
      if (!props.has(r.asText())) {
        problems.add("'required' names '" + r.asText() + "', which 'properties' does not define");
      }
      required.add(r.asText());
    }
    if (problems.size() > before) {
      return null;
    }
    ObjectNode sent = node.deepCopy();
    sent.put("type", "object");
    sent.put("additionalProperties", false);
    if (!sent.has("properties")) {
      sent.putObject("properties");
    }
    return new ToolSchema(sent.toString(), properties, List.copyOf(required));
  }

  private static Property property(String name, JsonNode p, List<String> problems) {
    String at = "'properties." + name + "'";
    if (!p.isObject()) {
      problems.add(at + " must be an object such as { type: string }");
      return null;
    }
    unknownKeys(p, PROPERTY_KEYS, "properties." + name + ".", problems);
    String type = p.path("type").asText("");
    if (!TYPES.contains(type)) {
      problems.add(
          at + " has type '" + type + "'; expected one of string, integer, number, boolean");
      return null;
    }
    List<Object> allowed = null;
    if (p.has("enum")) {
      allowed = new ArrayList<>();
      for (JsonNode v : p.get("enum")) {
        allowed.add(v.isNumber() ? (Object) v.asDouble() : v.asText());
      }
    }
    Pattern pattern = null;
    if (p.has("pattern")) {
      try {
        pattern = Pattern.compile(p.get("pattern").asText());
      } catch (PatternSyntaxException e) {
        problems.add(
            at + " has a 'pattern' that is not a regular expression: " + e.getDescription());
      }
    }
    return new Property(
        name,
        type,
        allowed,
        pattern,
        p.has("minLength") ? p.get("minLength").asInt() : null,
        p.has("maxLength") ? p.get("maxLength").asInt() : null,
        p.has("minimum") ? p.get("minimum").asDouble() : null,
        p.has("maximum") ? p.get("maximum").asDouble() : null);
  }

  private static void unknownKeys(
      JsonNode node, Set<String> known, String path, List<String> problems) {
    node.fieldNames()
        .forEachRemaining(
            key -> {
              if (!known.contains(key)) {
                problems.add(
                    "'"
                        + path
                        + key
                        + "' is not supported; supported here: "
                        + String.join(", ", new java.util.TreeSet<>(known)));
              }
            });
  }

  List<String> check(Map<String, Object> arguments) {
    List<String> problems = new ArrayList<>();
    for (String name : required) {
      if (!arguments.containsKey(name) || arguments.get(name) == null) {
        problems.add("argument '" + name + "' is required");
      }
    }
    for (Map.Entry<String, Object> e : arguments.entrySet()) {
      Property p = properties.get(e.getKey());
      if (p == null) {
        problems.add(
            "argument '"
                + e.getKey()
                + "' is not in the schema"
                + (properties.isEmpty()
                    ? "; the tool takes no arguments"
                    : "; arguments: " + String.join(", ", properties.keySet())));
      } else if (e.getValue() != null) {
        String problem = value(p, e.getValue());
        if (problem != null) {
          problems.add("argument '" + e.getKey() + "' " + problem);
        }
      }
    }
    return problems;
  }

  private static String value(Property p, Object v) {
    String shown = v instanceof String ? "'" + v + "'" : String.valueOf(v);
    switch (p.type()) {
      case "string":
        if (!(v instanceof String)) {
          return "is " + shown + "; expected text";
        }
        String s = (String) v;
        if (p.minLength() != null && s.length() < p.minLength()) {
          return "is " + shown + "; expected at least " + p.minLength() + " characters";
        }
        if (p.maxLength() != null && s.length() > p.maxLength()) {
          return "is too long (" + s.length() + " characters; at most " + p.maxLength() + ")";
        }
        if (p.pattern() != null && !p.pattern().matcher(s).matches()) {
          return "is " + shown + "; expected text matching " + p.pattern().pattern();
        }
        break;
      case "boolean":
        if (!(v instanceof Boolean)) {
          return "is " + shown + "; expected true or false";
        }
        return null;
      default:
        if (!(v instanceof Number)) {
          return "is "
              + shown
              + "; expected "
              + ("integer".equals(p.type()) ? "an integer" : "a number");
        }
        double d = ((Number) v).doubleValue();
        if ("integer".equals(p.type()) && (d != Math.rint(d) || Double.isInfinite(d))) {
          return "is " + shown + "; expected an integer";
        }
        if (p.minimum() != null && d < p.minimum()) {
          return "is " + shown + "; expected at least " + num(p.minimum());
        }
        if (p.maximum() != null && d > p.maximum()) {
          return "is " + shown + "; expected at most " + num(p.maximum());
        }
    }
    if (p.allowed() != null) {
      Object cmp = v instanceof Number ? (Object) ((Number) v).doubleValue() : v;
      if (!p.allowed().contains(cmp)) {
        return "is " + shown + "; expected one of " + p.allowed();
      }
    }
    return null;
  }

  private static String num(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
