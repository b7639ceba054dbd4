package dev.armature.facts;

/** A fact about the caller given with the turn, such as {@code tier} or {@code channel}. */
public record Attribute(String name, String value) {
  public Attribute {
    Facts.name(name, "name");
    Facts.valueOf(value, "attribute", name);
  }
}
