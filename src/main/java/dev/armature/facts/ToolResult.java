package dev.armature.facts;

import java.util.Map;

/**
 * A tool ran and returned {@code result}: present to rules with {@code @phase(tool)} after the call
 * ran, so they may keep a field ({@code SetVar}), add a construct ({@code Apply}) to the model's
 * next request, or answer in place ({@code Respond}).
 *
 * <pre>
 * ToolResult(tool == "lookup_order", $status : text("status"))
 * </pre>
 *
 * @param arguments the arguments it ran with
 */
public record ToolResult(
    String tool, Map<String, Object> arguments, Map<String, Object> result, int round) {
  public ToolResult {
    Facts.name(tool, "tool");
    arguments = Arguments.copy(arguments, "arguments");
    result = Arguments.copy(result, "result");
  }

  /** The result's field as text ({@code ""} when absent). */
  public String text(String field) {
    return Arguments.text(result, field);
  }

  /** The result's field as a number (0 when absent or not a number). */
  public double number(String field) {
    return Arguments.number(result, field);
  }

  /** Whether the result has this field. */
  public boolean has(String field) {
    return result.containsKey(field);
  }

  /** The argument it ran with, as text ({@code ""} when absent). */
  public String argument(String name) {
    return Arguments.text(arguments, name);
  }
}
