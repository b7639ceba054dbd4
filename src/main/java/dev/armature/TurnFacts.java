package dev.armature;

import dev.armature.facts.Applied;
import dev.armature.facts.Attribute;
import dev.armature.facts.Seen;
import dev.armature.facts.Turn;
import dev.armature.facts.Var;
import dev.armature.signals.Detection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The facts a turn gives the decide phase, in the order they are inserted. */
final class TurnFacts {
  private TurnFacts() {}

  /**
   * The turn, its signals, the variables (stored, then this turn's captures), the caller's
   * attributes, then for each remembered earlier turn the constructs it applied and the signals it
   * saw, most recent first.
   *
   * @param remember how many earlier turns the rules see
   */
  static List<Object> of(
      Turn turn,
      Detection detection,
      Conversation conversation,
      Map<String, String> attrs,
      int remember) {
    List<Object> facts = new ArrayList<>(64);
    facts.add(turn);
    facts.addAll(detection.signals());
    Map<String, String> vars = conversation.vars();
    if (!detection.captures().isEmpty()) {
      vars = new TreeMap<>(vars);
      vars.putAll(detection.captures());
    }
    vars.forEach((name, value) -> facts.add(new Var(name, value)));
    attrs.forEach((name, value) -> facts.add(new Attribute(name, value)));
    List<Conversation.Exchange> recent = conversation.recent();
    for (int ago = 1; ago <= Math.min(remember, recent.size()); ago++) {
      Conversation.Exchange e = recent.get(recent.size() - ago);
      for (String construct : e.constructs()) {
        facts.add(new Applied(construct, ago));
      }
      int turnsAgo = ago;
      e.signals().forEach((name, score) -> facts.add(new Seen(name, score, turnsAgo)));
    }
    return facts;
  }
}
