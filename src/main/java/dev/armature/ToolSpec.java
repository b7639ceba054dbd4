package dev.armature;

import java.util.Objects;

/**
 * A tool as a model request offers it: its name, what it does, and the JSON schema of its arguments
 * as JSON text.
 */
public record ToolSpec(String name, String description, String parameters) {
  public ToolSpec {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(description, "description == null");
    Objects.requireNonNull(parameters, "parameters == null");
  }
}
