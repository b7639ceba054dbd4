package dev.armature.bench;

import dev.armature.Conversation;
import dev.armature.Orchestrator;
import dev.armature.facts.Applied;
import dev.armature.facts.Attribute;
import dev.armature.facts.Seen;
import dev.armature.facts.Turn;
import dev.armature.facts.Var;
import dev.armature.ruleset.RuleSet;
import dev.armature.ruleset.RuleSetLoader;
import dev.armature.signals.Detection;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One benchmark workload: a rule set, an orchestrator on it with the dry-run model and the
 * in-memory store, {@link #CONVERSATIONS} conversations that already have history, and for the
 * bare engine the very facts a turn inserts, computed the way the turn computes them.
 */
final class Workload {
  static final int CONVERSATIONS = 1000;
  /**
   * Turns each conversation has before measuring: more than any rule set here keeps of history
   * (support keeps 8), so the history and variables a measured turn sees have stopped growing and
   * the bare floor's facts, taken after these turns, are as many as a measured turn inserts.
   */
  static final int WARM_TURNS = 24;
  static final int BARE_SAMPLES = 1024;

  final RuleSet ruleSet;
  final Orchestrator orchestrator;
  final String[] ids = new String[CONVERSATIONS];
  final String[] texts = Messages.TEXTS.toArray(new String[0]);
  @SuppressWarnings("unchecked")
  final Map<String, String>[] attributes = Messages.ATTRIBUTES.toArray(new Map[0]);
  final List<List<Object>> bareFacts = new ArrayList<>(BARE_SAMPLES);

  Workload(String name) {
    this.ruleSet = RuleSetLoader.load(folder(name));
    this.orchestrator = Orchestrator.builder().ruleSet(ruleSet).build();
    if (ruleSet.history().keep() >= WARM_TURNS) {
      throw new IllegalStateException(name + " keeps " + ruleSet.history().keep()
          + " turns of history; the warm-up of " + WARM_TURNS + " turns must exceed it");
    }
    for (int c = 0; c < CONVERSATIONS; c++) {
      ids[c] = "conversation-" + c;
    }
    for (int n = 0; n < CONVERSATIONS * WARM_TURNS; n++) {
      turn(n);
    }
    for (int n = 0; n < BARE_SAMPLES; n++) {
      bareFacts.add(facts(n));
    }
  }

  /**
   * {@code support} (rules/support under the working directory), {@code support-lexical} (a copy
   * of it without its semantic signals) or {@code generated-N}.
   */
  static Path folder(String name) {
    if (name.equals("support-lexical")) {
      return LexicalSupport.write(folder("support"));
    }
    if (name.startsWith("generated-")) {
      return GeneratedRuleSet.write(Integer.parseInt(name.substring("generated-".length())));
    }
    Path root = Path.of(System.getProperty("armature.root", "."));
    Path inRules = root.resolve("rules").resolve(name);
    return inRules.toFile().isDirectory() ? inRules : root.resolve("src/test/resources/rulesets").resolve(name);
  }

  /** The n-th turn of the rotation: every conversation in turn, each with the next message. */
  Object turn(long n) {
    int c = (int) (n % CONVERSATIONS);
    int round = (int) (n / CONVERSATIONS);
    return orchestrator.turn(ids[c], texts[(c + round * 7) % texts.length], attributes[c % attributes.length]);
  }

  /** The facts the turn of {@code turn(n)} would insert, built as the orchestrator builds them. */
  List<Object> facts(long n) {
    int c = (int) (n % CONVERSATIONS);
    int round = (int) (n / CONVERSATIONS) + WARM_TURNS;
    String text = texts[(c + round * 7) % texts.length];
    Map<String, String> attrs = new TreeMap<>(attributes[c % attributes.length]);
    Conversation conversation = orchestrator.conversation(ids[c]);
    List<String> earlier = new ArrayList<>();
    conversation.recent().forEach(e -> earlier.add(e.user()));
    Detection detection = ruleSet.signals().detect(text, earlier);
    List<Object> facts = new ArrayList<>();
    facts.add(new Turn(conversation.turns() + 1, detection.text(), attrs.getOrDefault("channel", "default"), Instant.now()));
    facts.addAll(detection.signals());
    Map<String, String> vars = new TreeMap<>(conversation.vars());
    vars.putAll(detection.captures());
    vars.forEach((name, value) -> facts.add(new Var(name, value)));
    attrs.forEach((name, value) -> facts.add(new Attribute(name, value)));
    List<Conversation.Exchange> recent = conversation.recent();
    int remember = ruleSet.history().remember();
    for (int ago = 1; ago <= Math.min(remember, recent.size()); ago++) {
      Conversation.Exchange e = recent.get(recent.size() - ago);
      for (String construct : e.constructs()) {
        facts.add(new Applied(construct, ago));
      }
      for (Map.Entry<String, Double> s : e.signals().entrySet()) {
        facts.add(new Seen(s.getKey(), s.getValue(), ago));
      }
    }
    return List.copyOf(facts);
  }
}
