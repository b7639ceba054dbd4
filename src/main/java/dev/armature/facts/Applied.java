package dev.armature.facts;

/**
 * A construct that was applied {@code turnsAgo} turns ago. In the review phase the constructs of
 * the current turn are present with {@code turnsAgo == 0}.
 */
public record Applied(String construct, int turnsAgo) {
  public Applied {
    Facts.name(construct, "construct");
    Facts.notNegative(turnsAgo, "turnsAgo");
  }
}
