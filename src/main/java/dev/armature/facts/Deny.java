package dev.armature.facts;

/**
 * Do not run the {@link ToolCall} being judged (tool phase). The tool never runs; the model gets
 * {@code reason} as the call's result and answers with it.
 */
public record Deny(String reason) implements Decision {
  public Deny {
    Facts.name(reason, "reason");
  }
}
