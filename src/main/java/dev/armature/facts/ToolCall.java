package dev.armature.facts;

import java.util.Map;

/**
 * A call the model asked for, present only to rules with {@code @phase(tool)}, which judge it
 * before it runs: {@link Deny}, {@link Confirm}, {@link Respond}, or nothing to let it run. Its
 * arguments have already matched the tool's declared schema.
 *
 * <pre>
 * ToolCall(name == "refund_order", number("amount") &gt; 100)
 * </pre>
 *
 * @param name the declared tool's name
 * @param arguments the arguments as the model sent them (JSON values: text, numbers, booleans)
 * @param round 1 for the model's first answer in the turn, 2 for its answer after the first
 *     results, and so on
 */
public record ToolCall(String name, Map<String, Object> arguments, int round) {
  public ToolCall {
    Facts.name(name, "name");
    arguments = Arguments.copy(arguments, "arguments");
    if (round < 1) {
      throw new IllegalArgumentException("round must be >= 1 but was " + round);
    }
  }

  /** The argument as text ({@code ""} when absent): {@code text("order_id") == "1182"}. */
  public String text(String argument) {
    return Arguments.text(arguments, argument);
  }

  /** The argument as a number (0 when absent or not a number): {@code number("amount") > 100}. */
  public double number(String argument) {
    return Arguments.number(arguments, argument);
  }

  /** Whether the model gave this argument. */
  public boolean has(String argument) {
    return arguments.containsKey(argument);
  }
}
