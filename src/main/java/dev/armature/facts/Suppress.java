package dev.armature.facts;

/** Keep the named construct out of this turn, whichever rule applies it. */
public record Suppress(String construct) implements Decision {
  public Suppress {
    Facts.name(construct, "construct");
  }
}
