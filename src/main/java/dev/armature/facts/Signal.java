package dev.armature.facts;

import java.util.List;

/**
 * A feature detected in this turn, such as {@code frustration} or {@code question}, with a score in
 * [0, 1] and the evidence that produced it (the matched text, masked when the signal is sensitive).
 */
public record Signal(String name, double score, List<String> evidence) {
  public Signal {
    Facts.name(name, "name");
    if (!(score >= 0.0 && score <= 1.0)) {
      throw new IllegalArgumentException(
          "signal '" + name + "' score must be in [0, 1] but was " + score);
    }
    evidence = List.copyOf(evidence);
  }
}
