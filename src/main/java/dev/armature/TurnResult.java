package dev.armature;

import java.util.Objects;

/** The answer to one turn: the reply to show the user, and the trace that says why. */
public record TurnResult(String reply, Trace trace) {
  public TurnResult {
    Objects.requireNonNull(reply, "reply == null");
    Objects.requireNonNull(trace, "trace == null");
  }
}
