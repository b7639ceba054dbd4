package dev.armature.facts;

/**
 * A tool the rules let run gave no result: present to rules with {@code @phase(tool)}, whose {@code
 * Respond} then answers the customer. Without such an answer the model is told the call failed.
 *
 * @param kind {@code error} (the tool threw or is not implemented) or {@code timeout} (it ran past
 *     its declared timeout)
 * @param message what went wrong, in words, without the tool's internals
 */
public record ToolFailed(String tool, String kind, String message, int round) {
  public ToolFailed {
    Facts.name(tool, "tool");
    Facts.name(kind, "kind");
    Facts.text(message, "message");
  }
}
