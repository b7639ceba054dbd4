package dev.armature.facts;

/**
 * Review phase only: reject the model's reply. The model is asked once more with the named
 * construct added (when one is given); a second rejection fails the turn.
 */
public record Reject(String reason, String construct) implements Decision {
  public Reject {
    Facts.name(reason, "reason");
  }

  public Reject(String reason) {
    this(reason, null);
  }
}
