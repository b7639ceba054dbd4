package dev.armature.replay;

import dev.armature.ModelException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the YAML of a conversation file into a {@link ConversationFile}, or names the line and
 * field that is wrong.
 */
final class ConversationReader {
  static final Set<String> OUTCOMES =
      Set.of(
          "generated",
          "responded",
          "retried-after-review",
          "replaced-by-review",
          "fallback",
          "confirming");
  private static final List<String> FILE_FIELDS =
      List.of("name", "ruleset", "attributes", "time", "turns");
  private static final List<String> TURN_FIELDS =
      List.of("user", "reply", "replies", "tools", "expect", "time", "recorded");
  private static final List<String> EXPECT_FIELDS =
      List.of("outcome", "reply", "constructs", "rules", "vars", "digest");
  private static final List<String> RECORDED_FIELDS = List.of("version", "signals", "dropped");

  private ConversationReader() {}

  static ConversationFile read(Path file, String text) {
    Node root = Node.parse(file, text);
    Map<String, Node> fields = root.fields(FILE_FIELDS);
    String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    String name = fields.containsKey("name") ? fields.get("name").text() : stem;
    Node ruleSet = fields.get("ruleset");
    if (ruleSet == null || ruleSet.isNull()) {
      throw new ConversationFileException(
          file, root.line, "ruleset", "missing; name the rule set, such as 'ruleset: support'");
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    if (fields.containsKey("attributes") && !fields.get("attributes").isNull()) {
      fields
          .get("attributes")
          .fields(List.copyOf(fields.get("attributes").map.keySet()))
          .forEach((k, v) -> attributes.put(k, v.text()));
    }
    Instant time =
        fields.containsKey("time") ? instant(fields.get("time")) : ConversationFile.DEFAULT_TIME;
    Node turnsNode = fields.get("turns");
    if (turnsNode == null || turnsNode.isNull() || turnsNode.items().isEmpty()) {
      throw new ConversationFileException(
          file,
          turnsNode == null ? root.line : turnsNode.line,
          "turns",
          "a conversation needs at least one turn");
    }
    List<ConversationFile.Turn> turns = new ArrayList<>();
    for (Node turn : turnsNode.items()) {
      turns.add(turn(turn));
    }
    return new ConversationFile(file, name, ruleSet.text(), attributes, time, turns);
  }

  private static ConversationFile.Turn turn(Node node) {
    Map<String, Node> fields = node.fields(TURN_FIELDS);
    Node user = fields.get("user");
    if (user == null || user.isNull() || user.text().isBlank()) {
      throw new ConversationFileException(
          node.file,
          user == null ? node.line : user.line,
          node.path + ".user",
          "a turn needs the user's text");
    }
    if (fields.containsKey("reply") && fields.containsKey("replies")) {
      throw fields.get("replies").problem("give either 'reply' or 'replies', not both");
    }
    List<ConversationFile.Answer> answers = new ArrayList<>();
    if (fields.containsKey("reply") && !fields.get("reply").isNull()) {
      answers.add(ConversationFile.Answer.reply(fields.get("reply").text()));
    }
    if (fields.containsKey("replies") && !fields.get("replies").isNull()) {
      for (Node answer : fields.get("replies").items()) {
        answers.add(answer(answer));
      }
    }
    ConversationFile.Expect expect =
        fields.containsKey("expect") && !fields.get("expect").isNull()
            ? expect(fields.get("expect"))
            : ConversationFile.Expect.NONE;
    Instant time = fields.containsKey("time") ? instant(fields.get("time")) : null;
    ConversationFile.Recorded recorded =
        fields.containsKey("recorded") ? recorded(fields.get("recorded")) : null;
    List<ConversationFile.ToolRun> tools = null;
    if (fields.containsKey("tools")) {
      tools = new ArrayList<>();
      if (!fields.get("tools").isNull()) {
        for (Node run : fields.get("tools").items()) {
          tools.add(toolRun(run));
        }
      }
    }
    return new ConversationFile.Turn(
        user.line, user.text(), answers, expect, time, recorded, tools);
  }

  private static ConversationFile.ToolRun toolRun(Node node) {
    if (!node.isMap()) {
      throw node.problem("a tool call is {tool: NAME, arguments: JSON, outcome: OUTCOME, ...}");
    }
    Map<String, Node> f = node.fields(List.of("tool", "arguments", "outcome", "result", "detail"));
    for (String required : List.of("tool", "arguments", "outcome")) {
      if (!f.containsKey(required)) {
        throw node.problem("a tool call needs '" + required + "'");
      }
    }
    Node detail = f.containsKey("result") ? f.get("result") : f.get("detail");
    return new ConversationFile.ToolRun(
        f.get("tool").text(),
        f.get("arguments").text(),
        f.get("outcome").text(),
        detail == null || detail.isNull() ? null : detail.text());
  }

  private static ConversationFile.Answer calling(Node node, Map<String, Node> fields) {
    List<ConversationFile.Call> calls = new ArrayList<>();
    for (Node call : fields.get("calls").items()) {
      if (!call.isMap()) {
        throw call.problem("a tool call is {id: ID, tool: NAME, arguments: JSON}");
      }
      Map<String, Node> c = call.fields(List.of("id", "tool", "arguments"));
      if (!c.containsKey("tool")) {
        throw call.problem("a tool call needs 'tool'");
      }
      calls.add(
          new ConversationFile.Call(
              c.containsKey("id") ? c.get("id").text() : "call-" + (calls.size() + 1),
              c.get("tool").text(),
              c.containsKey("arguments") ? c.get("arguments").text() : "{}"));
    }
    return ConversationFile.Answer.calling(
        fields.containsKey("text") ? fields.get("text").text() : "", calls);
  }

  private static ConversationFile.Answer answer(Node node) {
    if (!node.isMap()) {
      return ConversationFile.Answer.reply(node.text());
    }
    Map<String, Node> fields = node.fields(List.of("error", "calls", "text"));
    if (fields.containsKey("calls")) {
      return calling(node, fields);
    }
    Node error = fields.get("error");
    if (error == null) {
      throw node.problem(
          "a reply is text, {error: KIND} for a failed call, or {calls: [...]} for tool calls");
    }
    String kind = error.text();
    List<String> kinds =
        Arrays.stream(ModelException.Kind.values()).map(ModelException.Kind::label).toList();
    if (!kinds.contains(kind) || kind.equals("circuit-open")) {
      throw error.problem(
          "unknown error kind '"
              + kind
              + "'; expected one of timeout, rate-limited, unavailable, "
              + "invalid-response, refused");
    }
    return ConversationFile.Answer.error(kind);
  }

  private static ConversationFile.Expect expect(Node node) {
    Map<String, Node> fields = node.fields(EXPECT_FIELDS);
    Map<String, Integer> lines = new HashMap<>();
    fields.forEach((k, v) -> lines.put(k, v.line));
    String outcome = null;
    if (fields.containsKey("outcome")) {
      outcome = fields.get("outcome").text();
      if (!OUTCOMES.contains(outcome)) {
        throw fields
            .get("outcome")
            .problem(
                "unknown outcome '"
                    + outcome
                    + "'; expected one of generated, responded, "
                    + "retried-after-review, replaced-by-review, fallback, confirming");
      }
    }
    List<String> constructs = names(fields.get("constructs"), lines, "constructs");
    List<String> rules = names(fields.get("rules"), lines, "rules");
    Map<String, String> vars = null;
    if (fields.containsKey("vars")) {
      vars = new LinkedHashMap<>();
      Node varsNode = fields.get("vars");
      if (!varsNode.isNull()) {
        for (Map.Entry<String, Node> v :
            varsNode.fields(List.copyOf(varsNode.map.keySet())).entrySet()) {
          vars.put(v.getKey(), v.getValue().isNull() ? null : v.getValue().text());
        }
      }
    }
    String digest = null;
    if (fields.containsKey("digest")) {
      digest = fields.get("digest").text();
      if (!digest.matches("[0-9a-f]{64}")) {
        throw fields
            .get("digest")
            .problem("expected the 64 hex digits of a SHA-256, found '" + digest + "'");
      }
    }
    String reply = fields.containsKey("reply") ? fields.get("reply").text() : null;
    return new ConversationFile.Expect(constructs, rules, vars, outcome, digest, reply, lines);
  }

  private static List<String> names(Node node, Map<String, Integer> lines, String field) {
    if (node == null) {
      return null;
    }
    List<String> names = new ArrayList<>();
    if (node.isNull()) {
      return names;
    }
    for (Node item : node.items()) {
      lines.put(field + "[" + names.size() + "]", item.line);
      names.add(item.text());
    }
    return names;
  }

  private static ConversationFile.Recorded recorded(Node node) {
    Map<String, Node> fields = node.fields(RECORDED_FIELDS);
    String version = fields.containsKey("version") ? fields.get("version").text() : "";
    List<String> signals = new ArrayList<>();
    if (fields.containsKey("signals") && !fields.get("signals").isNull()) {
      fields.get("signals").items().forEach(s -> signals.add(s.text()));
    }
    List<String> dropped = new ArrayList<>();
    if (fields.containsKey("dropped") && !fields.get("dropped").isNull()) {
      fields.get("dropped").items().forEach(s -> dropped.add(s.text()));
    }
    return new ConversationFile.Recorded(version, signals, dropped);
  }

  private static Instant instant(Node node) {
    try {
      return Instant.parse(node.text());
    } catch (DateTimeParseException e) {
      throw node.problem(
          "expected an ISO-8601 instant such as 2026-03-02T09:00:00Z, found '" + node.text() + "'");
    }
  }
}
