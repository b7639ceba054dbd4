package dev.armature;

import java.util.Map;

/**
 * A tool's implementation, supplied by the application ({@code Orchestrator.builder().tool(name,
 * tool)}) for a tool declared in the rule set's {@code ruleset.yaml}. It is called only for calls
 * the rules let run and whose arguments matched the declared schema, within the declared timeout.
 *
 * <p>Implementations must be safe to call from several threads. A failure is reported by throwing:
 * the rules see it as {@code ToolFailed} with the exception's message, so keep secrets out of it.
 */
@FunctionalInterface
public interface Tool {
  /**
   * Runs one call.
   *
   * @param arguments the call's arguments as JSON values (String, Number, Boolean)
   * @return the result as a JSON object: field name to String, Number, Boolean, List or Map
   */
  Map<String, Object> call(Map<String, Object> arguments) throws Exception;
}
