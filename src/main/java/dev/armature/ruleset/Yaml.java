package dev.armature.ruleset;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.armature.Problem;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads rule set YAML into records, turning every Jackson error into a {@link Problem}. */
final class Yaml {
  static final ObjectMapper MAPPER =
      YAMLMapper.builder(new YAMLFactory())
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private Yaml() {}

  /** A YAML value read, or the problem that kept it from reading. */
  record Read<T>(T value, Problem problem) {}

  /**
   * Reads {@code text} as {@code type}; {@code lineOffset} is added to reported lines when the YAML
   * starts below the top of its file.
   */
  static <T> Read<T> read(String file, String text, Class<T> type, int lineOffset) {
    try {
      T value = MAPPER.readValue(text.isBlank() ? "{}" : text, type);
      if (value == null) {
        return new Read<>(null, new Problem(file, 1 + lineOffset, 1, "is empty"));
      }
      return new Read<>(value, null);
    } catch (JsonProcessingException e) {
      org.yaml.snakeyaml.error.MarkedYAMLException syntax = syntaxError(e);
      if (syntax != null) {
        return new Read<>(null, syntaxProblem(file, syntax, lineOffset));
      }
      JsonLocation at = e.getLocation();
      int line = at == null ? 0 : at.getLineNr() + lineOffset;
      int column = at == null ? 0 : at.getColumnNr();
      if (e instanceof UnrecognizedPropertyException) {
        int keyLine = lineOfKey(text, ((UnrecognizedPropertyException) e).getPropertyName());
        if (keyLine > 0) {
          line = keyLine + lineOffset;
          column = 1;
        }
      }
      return new Read<>(null, new Problem(file, line, column, describe(e)));
    }
  }

  private static String describe(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException) {
      UnrecognizedPropertyException u = (UnrecognizedPropertyException) e;
      return "unknown field '"
          + u.getPropertyName()
          + "'; expected one of "
          // Sorted: Jackson's own order follows a hash set, and moves when a field is added.
          + new java.util.TreeSet<>(
              u.getKnownPropertyIds().stream()
                  .map(String::valueOf)
                  .collect(java.util.stream.Collectors.toList()));
    }
    String message = e.getOriginalMessage();
    int cut = message.indexOf('\n');
    message = cut < 0 ? message : message.substring(0, cut);
    if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException) {
      message = mismatch((com.fasterxml.jackson.databind.exc.MismatchedInputException) e, message);
    }
    if (e instanceof com.fasterxml.jackson.databind.JsonMappingException) {
      String path = fieldPath((com.fasterxml.jackson.databind.JsonMappingException) e);
      if (!path.isEmpty()) {
        return "field '" + path + "': " + message;
      }
    }
    return message;
  }

  private static String fieldPath(com.fasterxml.jackson.databind.JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (com.fasterxml.jackson.databind.JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static final Pattern FOUND_TEXT =
      Pattern.compile("from String (\"(?:[^\"\\\\]|\\\\.)*\")");

  /** A value of the wrong kind, in the words of the file rather than of Java. */
  private static String mismatch(
      com.fasterxml.jackson.databind.exc.MismatchedInputException e, String message) {
    Class<?> target = e.getTargetType();
    String expected = target == null ? "another kind of value" : kind(target);
    String found;
    Matcher text = FOUND_TEXT.matcher(message);
    if (text.find()) {
      found = "the text " + text.group(1);
    } else if (message.contains("Object value") || message.contains("START_OBJECT")) {
      found = "a mapping (key: value lines); check the indentation";
    } else if (message.contains("Array value") || message.contains("START_ARRAY")) {
      found = "a list";
    } else if (message.contains("from Floating-point") || message.contains("from Integer")) {
      found = "a number";
    } else if (message.contains("from Boolean")) {
      found = "true or false";
    } else {
      found = "a value of another kind";
    }
    return "expected " + expected + ", found " + found;
  }

  private static String kind(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a text";
    }
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "a mapping (key: value lines)";
  }

  private static org.yaml.snakeyaml.error.MarkedYAMLException syntaxError(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException) {
        return (org.yaml.snakeyaml.error.MarkedYAMLException) t;
      }
    }
    return null;
  }

  /**
   * A YAML syntax error whole: the problem where the parser found it, and what it was reading then
   * (the line it opened on), rather than only the parser's first line.
   */
  private static Problem syntaxProblem(
      String file, org.yaml.snakeyaml.error.MarkedYAMLException e, int lineOffset) {
    org.yaml.snakeyaml.error.Mark problem = e.getProblemMark();
    org.yaml.snakeyaml.error.Mark context = e.getContextMark();
    int line = problem == null ? 0 : problem.getLine() + 1 + lineOffset;
    int column = problem == null ? 0 : problem.getColumn() + 1;
    StringBuilder message = new StringBuilder();
    message.append(e.getProblem() == null ? "invalid YAML" : e.getProblem());
    if (e.getContext() != null) {
      message.append(" (").append(e.getContext());
      if (context != null) {
        message.append(" that opens on line ").append(context.getLine() + 1 + lineOffset);
      }
      message.append(')');
    }
    if (e.getProblem() != null && e.getProblem().startsWith("mapping values are not allowed")) {
      message.append("; check the indentation of this line and the one above it");
    }
    return new Problem(file, line, column, message.toString());
  }

  /** The 1-based line where {@code key:} is first written, or 0 when it is not found. */
  static int lineOfKey(String text, String key) {
    Matcher m =
        Pattern.compile("^\\s*[\"']?" + Pattern.quote(key) + "[\"']?\\s*:", Pattern.MULTILINE)
            .matcher(text);
    if (!m.find()) {
      return 0;
    }
    return 1 + (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count();
  }
}
