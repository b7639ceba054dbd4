package dev.armature.signals;

import dev.armature.facts.Signal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Signals that compete: of the members of a group detected in one message, only the one with the
 * highest score is kept (on a tie, the first by name), so that near-synonymous topics do not all
 * fire at once.
 */
final class Groups {
  private Groups() {}

  /**
   * Removes every member of a group but its best from {@code found}.
   *
   * @param found the detected signals, sorted by name
   * @param groupOf signal name to group, for the signals that have one
   */
  static void keepBest(List<Signal> found, Map<String, String> groupOf) {
    if (groupOf.isEmpty()) {
      return;
    }
    Map<String, Signal> best = new HashMap<>();
    for (Signal s : found) {
      String group = groupOf.get(s.name());
      if (group != null) {
        Signal leader = best.get(group);
        if (leader == null || s.score() > leader.score()) {
          best.put(group, s);
        }
      }
    }
    found.removeIf(s -> groupOf.containsKey(s.name()) && best.get(groupOf.get(s.name())) != s);
  }
}
