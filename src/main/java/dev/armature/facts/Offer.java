package dev.armature.facts;

/**
 * Offer the model this tool in this turn (decide phase). Only offered tools are in the model's
 * request; a turn that offers none sends no tools. The tool must be declared in {@code
 * ruleset.yaml}.
 */
public record Offer(String tool) implements Decision {
  public Offer {
    Facts.name(tool, "tool");
  }
}
