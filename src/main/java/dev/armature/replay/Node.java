package dev.armature.replay;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers the line it was written on and its field path, so every problem found
 * in a conversation file can name both. Read with Jackson's streaming parser.
 */
final class Node {
  private static final YAMLFactory YAML = new YAMLFactory();

  final Path file;
  final String path;
  final int line;

  /** The text of a scalar; {@code null} for a YAML null, a map or a list. */
  final String scalar;

  final Map<String, Node> map;
  final List<Node> list;

  private Node(
      Path file, String path, int line, String scalar, Map<String, Node> map, List<Node> list) {
    this.file = file;
    this.path = path;
    this.line = line;
    this.scalar = scalar;
    this.map = map;
    this.list = list;
  }

  static Node parse(Path file, String text) {
    try (JsonParser parser = YAML.createParser(text)) {
      if (parser.nextToken() == null) {
        throw new ConversationFileException(file, 1, "", "the file is empty");
      }
      return read(file, parser, "");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String message = e.getOriginalMessage();
      int cut = message.indexOf('\n');
      throw new ConversationFileException(
          file,
          at == null ? 0 : at.getLineNr(),
          "",
          "not valid YAML: " + (cut < 0 ? message : message.substring(0, cut)));
    } catch (IOException e) {
      throw new ConversationFileException(file, 0, "", "cannot read: " + e.getMessage());
    }
  }

  private static Node read(Path file, JsonParser parser, String path) throws IOException {
    int line = parser.currentTokenLocation().getLineNr();
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      Map<String, Node> map = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        int keyLine = parser.currentTokenLocation().getLineNr();
        String childPath = path.isEmpty() ? key : path + "." + key;
        parser.nextToken();
        if (map.put(key, read(file, parser, childPath)) != null) {
          throw new ConversationFileException(file, keyLine, childPath, "is given twice");
        }
      }
      return new Node(file, path, line, null, map, null);
    }
    if (token == JsonToken.START_ARRAY) {
      List<Node> list = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        list.add(read(file, parser, path + "[" + list.size() + "]"));
      }
      return new Node(file, path, line, null, null, list);
    }
    String scalar = token == JsonToken.VALUE_NULL ? null : parser.getText();
    return new Node(file, path, line, scalar, null, null);
  }

  boolean isMap() {
    return map != null;
  }

  boolean isList() {
    return list != null;
  }

  boolean isNull() {
    return map == null && list == null && scalar == null;
  }

  ConversationFileException problem(String message) {
    return new ConversationFileException(file, line, path, message);
  }

  /** This value as text: a scalar (numbers and booleans as written). */
  String text() {
    if (isMap() || isList()) {
      throw problem("expected text, found a " + (isMap() ? "map" : "list"));
    }
    if (scalar == null) {
      throw problem("expected text, found nothing");
    }
    return scalar;
  }

  /** This map, after checking it has only the known fields. */
  Map<String, Node> fields(List<String> known) {
    if (!isMap()) {
      throw problem("expected a map with " + String.join(", ", known));
    }
    for (Map.Entry<String, Node> e : map.entrySet()) {
      if (!known.contains(e.getKey())) {
        throw e.getValue()
            .problemAtKey("unknown field; expected one of " + String.join(", ", known));
      }
    }
    return map;
  }

  private ConversationFileException problemAtKey(String message) {
    return new ConversationFileException(file, line, path, message);
  }

  List<Node> items() {
    if (!isList()) {
      throw problem("expected a list");
    }
    return list;
  }
}
