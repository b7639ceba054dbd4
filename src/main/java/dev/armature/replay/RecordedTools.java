package dev.armature.replay;

import dev.armature.Tool;
import dev.armature.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The tools of a replay: each call the rules let run is answered with the turn's recorded result
 * for the same tool and arguments (or its recorded failure), never by running anything. A call with
 * no recorded result fails, and the replay reports the difference.
 */
final class RecordedTools {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
  private final List<ConversationFile.ToolRun> script = new ArrayList<>();

  /** The recorded calls of the next turn; what the last turn left unused is dropped. */
  synchronized void next(List<ConversationFile.ToolRun> runs) {
    script.clear();
    if (runs != null) {
      runs.stream().filter(ConversationFile.ToolRun::ran).forEach(script::add);
    }
  }

  /** The replay's implementation of the tool {@code name}. */
  Tool tool(String name) {
    return arguments -> answer(name, arguments);
  }

  private synchronized Map<String, Object> answer(String name, Map<String, Object> arguments)
      throws Exception {
    for (int i = 0; i < script.size(); i++) {
      ConversationFile.ToolRun run = script.get(i);
      if (run.tool().equals(name) && arguments.equals(object(run.arguments()))) {
        script.remove(i);
        if (run.outcome().equals("timeout")) {
          throw new TimeoutException("recorded timeout");
        }
        if (run.outcome().equals("error")) {
          String detail = String.valueOf(run.detail());
          String prefix = "tool '" + name + "' failed: ";
          throw new IllegalStateException(
              detail.startsWith(prefix) ? detail.substring(prefix.length()) : detail);
        }
        return object(run.detail() == null ? "{}" : run.detail());
      }
    }
    throw new IllegalStateException("no recorded result for this call");
  }

  private static Map<String, Object> object(String json) throws Exception {
    return JSON.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<>() {});
  }

  /** The tool calls of a turn as a recording holds them. */
  static List<ConversationFile.ToolRun> of(Trace trace) {
    List<ConversationFile.ToolRun> runs = new ArrayList<>();
    for (Trace.ToolUse use : trace.tools()) {
      runs.add(
          new ConversationFile.ToolRun(use.tool(), use.arguments(), use.outcome(), use.detail()));
    }
    return runs;
  }
}
