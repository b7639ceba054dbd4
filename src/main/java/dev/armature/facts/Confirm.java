package dev.armature.facts;

/**
 * Ask the customer before the {@link ToolCall} being judged runs (tool phase). The turn answers
 * with {@code question}; the call waits in the conversation's state, and runs, exactly as the model
 * asked for it, only when the customer's next message says yes. Any other message drops it.
 */
public record Confirm(String question) implements Decision {
  public Confirm {
    Facts.name(question, "question");
  }
}
