package dev.armature.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each label should get, kept with the rule set (such as {@code rules/support/eval.yaml}):
 *
 * <pre>{@code
 * labels:
 *   refund: [refund-policy]             # constructs; any one of them counts
 *   frustration: [signal:frustration]   # or signals
 *   other: []                           # must get none of the topic constructs
 * topics: [refund-policy, billing-policy] # default: every construct the labels name
 * thresholds:
 *   accuracy: 0.85                      # least share of messages with the right constructs
 *   no_topic: 0.10                      # largest share of topic messages that get no topic
 *   labels:
 *     frustration: { precision: 0.90, recall: 0.80 }
 * }</pre>
 */
record EvalMapping(
    String file,
    Map<String, List<String>> labels,
    Set<String> topics,
    Double minAccuracy,
    Double maxNoTopic,
    Map<String, Threshold> thresholds) {

  /** The least precision and recall a label must reach; either may be null. */
  record Threshold(Double precision, Double recall) {}

  static final String SIGNAL = "signal:";

  EvalMapping {
    labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    topics = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(topics));
    thresholds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(thresholds));
  }

  static EvalMapping read(Path path) {
    String file = path.toString();
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new EvalInputException(file + ": cannot be read (" + e.getMessage() + ")");
    }
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(text);
    } catch (IOException e) {
      throw new EvalInputException(file + ": not valid YAML (" + firstLine(e.getMessage()) + ")");
    }
    if (root == null || !root.isObject()) {
      throw new EvalInputException(file + ":1: expected a mapping with 'labels'");
    }
    known(file, text, root, Set.of("labels", "topics", "thresholds"), "");
    JsonNode labelsNode = root.get("labels");
    if (labelsNode == null || !labelsNode.isObject() || labelsNode.isEmpty()) {
      throw new EvalInputException(file + ":1: 'labels' must map each label to its constructs");
    }
    Map<String, List<String>> labels = new LinkedHashMap<>();
    Set<String> allConstructs = new LinkedHashSet<>();
    for (Map.Entry<String, JsonNode> e : labelsNode.properties()) {
      List<String> targets = names(file, text, "labels." + e.getKey(), e.getKey(), e.getValue());
      labels.put(e.getKey(), targets);
      targets.stream().filter(t -> !t.startsWith(SIGNAL)).forEach(allConstructs::add);
    }
    Set<String> topics = allConstructs;
    if (root.has("topics")) {
      topics = new LinkedHashSet<>(names(file, text, "topics", "topics", root.get("topics")));
    }
    Double accuracy = null;
    Double noTopic = null;
    Map<String, Threshold> thresholds = new LinkedHashMap<>();
    JsonNode t = root.get("thresholds");
    if (t != null) {
      known(file, text, t, Set.of("accuracy", "no_topic", "labels"), "thresholds.");
      accuracy = share(file, text, "accuracy", t.get("accuracy"));
      noTopic = share(file, text, "no_topic", t.get("no_topic"));
      JsonNode perLabel = t.get("labels");
      if (perLabel != null) {
        for (Map.Entry<String, JsonNode> e : perLabel.properties()) {
          if (!labels.containsKey(e.getKey())) {
            throw new EvalInputException(
                at(file, text, e.getKey())
                    + "thresholds for label '"
                    + e.getKey()
                    + "', which 'labels' does not name; expected one of "
                    + labels.keySet());
          }
          known(file, text, e.getValue(), Set.of("precision", "recall"), e.getKey() + ".");
          thresholds.put(
              e.getKey(),
              new Threshold(
                  share(file, text, "precision", e.getValue().get("precision")),
                  share(file, text, "recall", e.getValue().get("recall"))));
        }
      }
    }
    return new EvalMapping(file, labels, topics, accuracy, noTopic, thresholds);
  }

  private static void known(String file, String text, JsonNode node, Set<String> keys, String in) {
    if (!node.isObject()) {
      throw new EvalInputException(file + ": '" + in + "' must be a mapping");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!keys.contains(key)) {
        throw new EvalInputException(
            at(file, text, key) + "unknown field '" + in + key + "'; expected one of " + keys);
      }
    }
  }

  private static List<String> names(
      String file, String text, String field, String key, JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new EvalInputException(
          at(file, text, key) + "'" + field + "' must be a list of construct or signal names");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode n : node) {
      String name = n.asText().strip();
      if (!n.isTextual() || name.isEmpty() || name.equals(SIGNAL)) {
        throw new EvalInputException(
            at(file, text, key) + "'" + field + "' holds '" + n + "', which is not a name");
      }
      out.add(name);
    }
    return out;
  }

  private static Double share(String file, String text, String key, JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber() || node.asDouble() < 0 || node.asDouble() > 1) {
      throw new EvalInputException(
          at(file, text, key) + "'" + key + "' must be a number from 0 to 1 but was " + node);
    }
    return node.asDouble();
  }

  private static String at(String file, String text, String key) {
    Matcher m =
        Pattern.compile("^\\s*[\"']?" + Pattern.quote(key) + "[\"']?\\s*:", Pattern.MULTILINE)
            .matcher(text);
    int line =
        m.find()
            ? 1 + (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count()
            : 1;
    return file + ":" + line + ": ";
  }

  private static String firstLine(String message) {
    int cut = message == null ? -1 : message.indexOf('\n');
    return cut < 0 ? String.valueOf(message) : message.substring(0, cut);
  }

  /** The constructs and signals a label names: any one of them counts as the label seen. */
  List<String> targets(String label) {
    return labels.getOrDefault(label, List.of());
  }
}
