package dev.armature;

import java.util.Objects;

/** One message of a model request: who says it and what. */
public record Message(Role role, String text) {
  /** Who a message is from. */
  public enum Role {
    SYSTEM,
    USER,
    ASSISTANT
  }

  public Message {
    Objects.requireNonNull(role, "role == null");
    Objects.requireNonNull(text, "text == null");
  }
}
