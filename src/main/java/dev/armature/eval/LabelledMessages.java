package dev.armature.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads labelled messages: CSV with a header row, or JSON lines (one object per line; files ending
 * in {@code .jsonl}, {@code .ndjson} or {@code .json}). A label field may hold several labels
 * separated by {@code ;}; in JSON lines it may also be an array.
 */
final class LabelledMessages {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LabelledMessages() {}

  static List<Labelled> read(Path file, String textColumn, String labelColumn) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new EvalInputException(file + ": cannot be read (" + e.getMessage() + ")");
    }
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    List<Labelled> examples =
        name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")
            ? jsonLines(file.toString(), text, textColumn, labelColumn)
            : csv(file.toString(), text, textColumn, labelColumn);
    if (examples.isEmpty()) {
      throw new EvalInputException(file + ": holds no labelled message");
    }
    return examples;
  }

  private static List<Labelled> csv(String file, String text, String textColumn, String labelCol) {
    List<Csv.Row> rows = Csv.parse(file, text);
    if (rows.isEmpty()) {
      return List.of();
    }
    List<String> header = rows.get(0).fields().stream().map(String::strip).toList();
    int t = column(file, header, textColumn, "--text-column");
    int l = column(file, header, labelCol, "--label-column");
    List<Labelled> examples = new ArrayList<>(rows.size());
    for (Csv.Row row : rows.subList(1, rows.size())) {
      if (row.fields().size() != header.size()) {
        throw new EvalInputException(
            file
                + ":"
                + row.line()
                + ": has "
                + row.fields().size()
                + " fields but the header has "
                + header.size());
      }
      examples.add(example(file, row.line(), row.fields().get(t), row.fields().get(l)));
    }
    return examples;
  }

  private static int column(String file, List<String> header, String name, String option) {
    int at = header.indexOf(name);
    if (at < 0) {
      throw new EvalInputException(
          file + ":1: no column '" + name + "' (" + option + "); the header has " + header);
    }
    return at;
  }

  private static List<Labelled> jsonLines(
      String file, String text, String textColumn, String labelColumn) {
    List<Labelled> examples = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(lines[i]);
      } catch (IOException e) {
        throw new EvalInputException(file + ":" + (i + 1) + ": not a JSON object");
      }
      if (node == null || !node.isObject()) {
        throw new EvalInputException(file + ":" + (i + 1) + ": not a JSON object");
      }
      JsonNode t = node.get(textColumn);
      JsonNode l = node.get(labelColumn);
      if (t == null || !t.isTextual()) {
        throw new EvalInputException(
            file + ":" + (i + 1) + ": no text field '" + textColumn + "' (--text-column)");
      }
      if (l == null || !(l.isTextual() || l.isArray())) {
        throw new EvalInputException(
            file + ":" + (i + 1) + ": no label field '" + labelColumn + "' (--label-column)");
      }
      String labels = l.isTextual() ? l.asText() : joined(l);
      examples.add(example(file, i + 1, t.asText(), labels));
    }
    return examples;
  }

  private static String joined(JsonNode array) {
    List<String> parts = new ArrayList<>();
    array.forEach(n -> parts.add(n.asText()));
    return String.join(";", parts);
  }

  private static Labelled example(String file, int line, String text, String labelField) {
    if (text.isBlank()) {
      throw new EvalInputException(file + ":" + line + ": the message is empty");
    }
    List<String> labels = new ArrayList<>();
    for (String label : labelField.split(";")) {
      String l = label.strip();
      if (!l.isEmpty() && !labels.contains(l)) {
        labels.add(l);
      }
    }
    if (labels.isEmpty()) {
      throw new EvalInputException(file + ":" + line + ": the message has no label");
    }
    return new Labelled(file, line, text, labels);
  }
}
