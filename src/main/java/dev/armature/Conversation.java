package dev.armature;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A conversation's stored state: how many turns it has had, its variables, and its most recent
 * exchanges (what was said, which constructs applied, which signals were seen).
 *
 * @param version incremented by every committed turn; a store refuses a save whose version does not
 *     follow the stored one
 */
public record Conversation(
    String id, long version, int turns, Map<String, String> vars, List<Exchange> recent) {
  public Conversation {
    Objects.requireNonNull(id, "id == null");
    vars = Collections.unmodifiableMap(new TreeMap<>(vars));
    recent = List.copyOf(recent);
  }

  /** A conversation that has had no turn yet. */
  public static Conversation start(String id) {
    return new Conversation(id, 0, 0, Map.of(), List.of());
  }

  /**
   * One completed turn as the conversation remembers it.
   *
   * @param user the user's text, with redacted signals removed
   * @param constructs the constructs that applied, in request order
   * @param signals the signals detected, by name, with their scores
   */
  public record Exchange(
      int turn, String user, String reply, List<String> constructs, Map<String, Double> signals) {
    public Exchange {
      Objects.requireNonNull(user, "user == null");
      Objects.requireNonNull(reply, "reply == null");
      constructs = List.copyOf(constructs);
      signals = Collections.unmodifiableMap(new TreeMap<>(signals));
    }
  }

  /** This conversation after one more turn, keeping at most {@code keep} recent exchanges. */
  public Conversation next(Map<String, String> newVars, Exchange exchange, int keep) {
    List<Exchange> kept = new ArrayList<>(recent);
    kept.add(exchange);
    while (kept.size() > Math.max(1, keep)) {
      kept.remove(0);
    }
    return new Conversation(id, version + 1, turns + 1, newVars, kept);
  }
}
