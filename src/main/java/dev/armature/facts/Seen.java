package dev.armature.facts;

/** A signal detected {@code turnsAgo} turns ago (at least 1), with the score it had then. */
public record Seen(String signal, double score, int turnsAgo) {
  public Seen {
    Facts.name(signal, "signal");
    Facts.notNegative(turnsAgo, "turnsAgo");
  }
}
