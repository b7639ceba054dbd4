package dev.armature;

import java.util.List;
import java.util.Objects;

/**
 * The answer to one turn: the reply to show the user, and the trace that says why.
 *
 * @param clientCalls the calls of {@link ClientTools} the rules let run, which the caller is to run
 *     before the turn goes on; empty unless the turn paused for them (its {@code reply} is then the
 *     text the model wrote with them, and nothing was committed)
 */
public record TurnResult(String reply, Trace trace, List<ToolRequest> clientCalls) {
  public TurnResult {
    Objects.requireNonNull(reply, "reply == null");
    Objects.requireNonNull(trace, "trace == null");
    clientCalls = clientCalls == null ? List.of() : List.copyOf(clientCalls);
  }

  /** A finished turn. */
  public TurnResult(String reply, Trace trace) {
    this(reply, trace, List.of());
  }

  /** Whether the turn paused for the caller to run {@link #clientCalls()}. */
  public boolean paused() {
    return !clientCalls.isEmpty();
  }
}
