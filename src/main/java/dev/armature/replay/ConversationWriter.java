package dev.armature.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Writes a conversation as YAML in one fixed layout: free text double-quoted, identifiers plain,
 * short lists in flow style, one fired rule per line. Reading it back gives the same conversation.
 */
final class ConversationWriter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
  private static final Set<String> RESERVED =
      Set.of("null", "true", "false", "yes", "no", "on", "off", "y", "n");

  private ConversationWriter() {}

  static String write(ConversationFile conversation) {
    StringBuilder out = new StringBuilder();
    out.append("name: ").append(quote(conversation.name())).append('\n');
    out.append("ruleset: ").append(scalar(conversation.ruleSet())).append('\n');
    out.append("time: ").append(conversation.time()).append('\n');
    if (!conversation.attributes().isEmpty()) {
      out.append("attributes: ").append(flowMap(conversation.attributes())).append('\n');
    }
    out.append("turns:\n");
    for (ConversationFile.Turn turn : conversation.turns()) {
      turn(out, turn);
    }
    return out.toString();
  }

  private static void turn(StringBuilder out, ConversationFile.Turn turn) {
    out.append("  - user: ").append(quote(turn.user())).append('\n');
    if (turn.time() != null) {
      out.append("    time: ").append(turn.time()).append('\n');
    }
    List<ConversationFile.Answer> answers = turn.answers();
    if (answers.size() == 1 && answers.get(0).error() == null && answers.get(0).calls().isEmpty()) {
      out.append("    reply: ").append(quote(answers.get(0).text())).append('\n');
    } else if (!answers.isEmpty()) {
      out.append("    replies:\n");
      for (ConversationFile.Answer a : answers) {
        out.append("      - ").append(answer(a)).append('\n');
      }
    }
    if (turn.tools() != null && !turn.tools().isEmpty()) {
      out.append("    tools:\n");
      for (ConversationFile.ToolRun t : turn.tools()) {
        out.append("      - {tool: ")
            .append(scalar(t.tool()))
            .append(", arguments: ")
            .append(quote(t.arguments()))
            .append(", outcome: ")
            .append(scalar(t.outcome()));
        if (t.detail() != null) {
          out.append(
                  t.outcome().equals("ran") || t.outcome().equals("confirmed")
                      ? ", result: "
                      : ", detail: ")
              .append(quote(t.detail()));
        }
        out.append("}\n");
      }
    }
    ConversationFile.Expect e = turn.expect();
    if (!e.isEmpty()) {
      out.append("    expect:\n");
      if (e.outcome() != null) {
        out.append("      outcome: ").append(e.outcome()).append('\n');
      }
      if (e.reply() != null) {
        out.append("      reply: ").append(quote(e.reply())).append('\n');
      }
      if (e.constructs() != null) {
        out.append("      constructs: ").append(flowList(e.constructs())).append('\n');
      }
      if (e.rules() != null) {
        blockList(out, "      ", "rules", e.rules());
      }
      if (e.vars() != null) {
        out.append("      vars: ").append(flowMap(e.vars())).append('\n');
      }
      if (e.digest() != null) {
        out.append("      digest: ").append(e.digest()).append('\n');
      }
    }
    ConversationFile.Recorded r = turn.recorded();
    if (r != null) {
      out.append("    recorded:\n");
      out.append("      version: ").append(scalar(r.version())).append('\n');
      out.append("      signals: ").append(flowList(r.signals())).append('\n');
      if (!r.dropped().isEmpty()) {
        blockList(out, "      ", "dropped", r.dropped());
      }
    }
  }

  private static String answer(ConversationFile.Answer a) {
    if (a.error() != null) {
      return "{error: " + a.error() + "}";
    }
    if (a.calls().isEmpty()) {
      return quote(a.text());
    }
    StringJoiner calls = new StringJoiner(", ", "{calls: [", "]");
    for (ConversationFile.Call c : a.calls()) {
      calls.add(
          "{id: "
              + quote(c.id())
              + ", tool: "
              + scalar(c.tool())
              + ", arguments: "
              + quote(c.arguments())
              + "}");
    }
    return calls + (a.text().isEmpty() ? "" : ", text: " + quote(a.text())) + "}";
  }

  private static void blockList(StringBuilder out, String indent, String key, List<String> items) {
    if (items.isEmpty()) {
      out.append(indent).append(key).append(": []\n");
      return;
    }
    out.append(indent).append(key).append(":\n");
    items.forEach(item -> out.append(indent).append("  - ").append(quote(item)).append('\n'));
  }

  private static String flowList(List<String> items) {
    StringJoiner joined = new StringJoiner(", ", "[", "]");
    items.forEach(item -> joined.add(scalar(item)));
    return joined.toString();
  }

  private static String flowMap(Map<String, String> map) {
    StringJoiner joined = new StringJoiner(", ", "{", "}");
    map.forEach((k, v) -> joined.add(scalar(k) + ": " + (v == null ? "null" : scalar(v))));
    return joined.toString();
  }

  /** An identifier plain, anything else double-quoted. */
  static String scalar(String text) {
    return PLAIN.matcher(text).matches()
            && !RESERVED.contains(text.toLowerCase(java.util.Locale.ROOT))
        ? text
        : quote(text);
  }

  /** Double-quoted, with JSON escapes, which YAML reads the same. */
  static String quote(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot quote text", e);
    }
  }
}
