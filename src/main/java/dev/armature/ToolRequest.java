package dev.armature;

import java.util.Objects;

/**
 * A tool call a model asks for.
 *
 * @param id the call's id in the model's exchange, which the tool's result message refers to
 * @param name the tool's name
 * @param arguments the arguments as JSON text, as the model wrote them
 */
public record ToolRequest(String id, String name, String arguments) {
  public ToolRequest {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(name, "name == null");
    arguments = arguments == null || arguments.isBlank() ? "{}" : arguments;
  }
}
