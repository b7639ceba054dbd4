package dev.armature.facts;

/**
 * Answer with this text. In the decide phase the model is not called; in the review phase the text
 * replaces the model's reply.
 */
public record Respond(String text) implements Decision {
  public Respond {
    Facts.name(text, "text");
  }
}
