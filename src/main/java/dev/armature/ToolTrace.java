package dev.armature;

import dev.armature.ruleset.RuleSession;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What the tool stage of one turn did: its calls, the rules that fired, what they decided. */
final class ToolTrace {
  private final List<Trace.ToolUse> uses = new ArrayList<>();
  private final List<Trace.FiredRule> fired = new ArrayList<>();
  private final List<Trace.Decided> decided = new ArrayList<>();
  private String judgedBy;
  private ParkedCall parked;
  private long nanos;
  private List<ToolRequest> clientCalls = List.of();

  void add(int round, ToolRequest call, String outcome, String rule, String detail, long nanos) {
    uses.add(new Trace.ToolUse(round, call.name(), call.arguments(), outcome, rule, detail, nanos));
  }

  /** Rules fired on a call before it ran. */
  void judgedCall(RuleSession.Firing firing) {
    Set<String> names = new LinkedHashSet<>();
    firing.fired().forEach(f -> names.add(f.rule()));
    judgedBy = names.isEmpty() ? null : String.join(", ", names);
    readResult(firing);
  }

  /** Rules fired on a call's result or failure. */
  void readResult(RuleSession.Firing firing) {
    fired.addAll(firing.fired());
    decided.addAll(firing.decisions());
  }

  /** Adds time spent in the tool stage, outside the model's answers. */
  void spent(long stageNanos) {
    nanos += stageNanos;
  }

  /** The time spent in the tool stage, outside the model's answers. */
  long nanos() {
    return nanos;
  }

  void park(ParkedCall call) {
    this.parked = call;
  }

  /** The rules that judged the last call and let it run, or null. */
  String judgedBy() {
    return judgedBy;
  }

  List<Trace.ToolUse> uses() {
    return uses;
  }

  List<Trace.FiredRule> fired() {
    return fired;
  }

  List<Trace.Decided> decisions() {
    return decided;
  }

  /** The call waiting for the customer's yes after this turn, or null. */
  ParkedCall parked() {
    return parked;
  }

  /** The calls handed to the caller, which runs them itself: the turn paused for them. */
  void clientCalls(List<ToolRequest> calls) {
    this.clientCalls = List.copyOf(calls);
  }

  List<ToolRequest> clientCalls() {
    return clientCalls;
  }

  /** Marks a call parked in an earlier turn that this turn's message did not confirm. */
  void dropped(ParkedCall call, String why) {
    uses.add(new Trace.ToolUse(0, call.tool(), call.arguments(), "dropped", call.rule(), why, 0));
  }
}
