package dev.armature.facts;

/** Apply the named construct in this turn. */
public record Apply(String construct) implements Decision {
  public Apply {
    Facts.name(construct, "construct");
  }
}
