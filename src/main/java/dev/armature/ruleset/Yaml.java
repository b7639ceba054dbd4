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
          + u.getKnownPropertyIds();
    }
    String message = e.getOriginalMessage();
    int cut = message.indexOf('\n');
    message = cut < 0 ? message : message.substring(0, cut);
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
