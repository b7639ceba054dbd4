package dev.armature.ruleset;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A tool declared in {@code ruleset.yaml}: what the model is told about it, the schema its
 * arguments must match before it may run, how long it may take, and whether a call changes anything
 * (a refund does, a lookup does not).
 */
public final class ToolDeclaration {
  private final String name;
  private final String description;
  private final ToolSchema schema;
  private final Duration timeout;
  private final boolean changes;

  ToolDeclaration(
      String name, String description, ToolSchema schema, Duration timeout, boolean changes) {
    this.name = Objects.requireNonNull(name, "name == null");
    this.description = Objects.requireNonNull(description, "description == null");
    this.schema = Objects.requireNonNull(schema, "schema == null");
    this.timeout = Objects.requireNonNull(timeout, "timeout == null");
    this.changes = changes;
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  /** The JSON schema of the arguments, as JSON text, as the model is given it. */
  public String schema() {
    return schema.json();
  }

  /** The longest a call may run before it counts as failed with {@code timeout}. */
  public Duration timeout() {
    return timeout;
  }

  /** Whether a call changes anything outside the conversation (a refund, a ticket). */
  public boolean changes() {
    return changes;
  }

  /**
   * What is wrong with these arguments, one message per problem naming the argument, the value and
   * what the schema expects; empty when they match.
   */
  public List<String> check(Map<String, Object> arguments) {
    return schema.check(arguments);
  }

  @Override
  public String toString() {
    return "tool '" + name + "'";
  }
}
