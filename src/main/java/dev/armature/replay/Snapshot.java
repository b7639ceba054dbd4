package dev.armature.replay;

import dev.armature.Trace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The full picture of a turn as a recording writes it: every expectation, and the signals for
 * information.
 */
final class Snapshot {
  private Snapshot() {}

  static ConversationFile.Expect expect(Trace trace, Map<String, String> varsAfter) {
    List<String> rules = trace.firedRules().stream().distinct().toList();
    return new ConversationFile.Expect(
        trace.constructs(),
        rules,
        new TreeMap<>(varsAfter),
        trace.outcome(),
        digest(trace),
        ruleReply(trace),
        Map.of());
  }

  /** The reply when a rule wrote it rather than the model, or {@code null}. */
  static String ruleReply(Trace trace) {
    return RULE_OUTCOMES.contains(trace.outcome()) ? trace.reply() : null;
  }

  private static final java.util.Set<String> RULE_OUTCOMES =
      java.util.Set.of("responded", "replaced-by-review", "fallback");

  static ConversationFile.Recorded recorded(Trace trace) {
    List<String> signals = new ArrayList<>();
    trace.signals().forEach(s -> signals.add(s.name() + " " + s.score()));
    List<String> dropped = new ArrayList<>();
    trace.directives().stream()
        .filter(d -> !d.kept())
        .forEach(d -> dropped.add(d.construct() + ": " + d.reason()));
    return new ConversationFile.Recorded(trace.ruleSetVersion(), signals, dropped);
  }

  /**
   * The SHA-256 of the request sent first in the turn, or {@code null} when the model was not
   * asked.
   */
  static String digest(Trace trace) {
    return trace.request() == null ? null : trace.request().sha256();
  }

  /** Every request sent in the turn: the first, and the retry after a rejection. */
  static List<String> requests(Trace trace) {
    List<String> shas = new ArrayList<>();
    if (trace.request() != null) {
      shas.add(trace.request().sha256());
    }
    trace.attempts().stream()
        .map(Trace.Attempt::requestSha256)
        .filter(s -> !shas.contains(s))
        .forEach(shas::add);
    return shas;
  }

  /**
   * The hand-written expectation brought up to date: the same fields, with what the turn does now.
   */
  static ConversationFile.Expect update(
      ConversationFile.Expect old, Trace trace, Map<String, String> varsAfter) {
    Map<String, String> vars = null;
    if (old.vars() != null) {
      vars = new LinkedHashMap<>();
      for (String name : old.vars().keySet()) {
        vars.put(name, varsAfter.get(name));
      }
    }
    List<String> rules =
        old.rules() == null
            ? null
            : old.rules().stream().filter(trace.firedRules()::contains).toList();
    return new ConversationFile.Expect(
        old.constructs() == null ? null : trace.constructs(),
        rules,
        vars,
        old.outcome() == null ? null : trace.outcome(),
        old.digest() == null ? null : digest(trace),
        old.reply() == null ? null : ruleReply(trace),
        Map.of());
  }
}
