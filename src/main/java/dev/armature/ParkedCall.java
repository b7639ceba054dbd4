package dev.armature;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tool call waiting for the customer's yes, kept in the conversation's variable {@value
 * ToolStage#PENDING} as JSON between the turn that parked it and the next.
 *
 * @param arguments the arguments exactly as the model wrote them (JSON text)
 * @param rule the rule whose {@code Confirm} parked it
 */
record ParkedCall(String tool, String arguments, String rule, String question) {
  String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tool", tool);
    m.put("arguments", arguments);
    m.put("rule", rule);
    m.put("question", question);
    return Json.write(m);
  }

  /** The parked call a variable holds, or null when it holds none or something else. */
  static ParkedCall read(String json) {
    if (json == null) {
      return null;
    }
    try {
      Map<String, Object> m = Json.object(json);
      if (!(m.get("tool") instanceof String) || !(m.get("arguments") instanceof String)) {
        return null;
      }
      return new ParkedCall(
          (String) m.get("tool"),
          (String) m.get("arguments"),
          String.valueOf(m.get("rule")),
          String.valueOf(m.get("question")));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
