package dev.armature;

import dev.armature.facts.ClearVar;
import dev.armature.facts.Confirm;
import dev.armature.facts.Deny;
import dev.armature.facts.Respond;
import dev.armature.facts.SetVar;
import dev.armature.facts.ToolCall;
import dev.armature.facts.ToolFailed;
import dev.armature.facts.ToolResult;
import dev.armature.ruleset.Phase;
import dev.armature.ruleset.RuleSession;
import dev.armature.ruleset.ToolDeclaration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The tool stage of a turn, between the model's answers: each tool call the model asks for is
 * checked (offered this turn? arguments matching the declared schema?), judged by the rules of the
 * tool phase ({@code Deny}, {@code Confirm}, {@code Respond}, or nothing to let it run), run within
 * its timeout, and its result or failure shown to the same rules; then the model is asked again
 * with the results, at most {@code limits.max_tool_rounds} times. A call the rules send for
 * confirmation ends the turn with their question and waits in the conversation's state; the next
 * turn runs it only on a yes ({@link #pending}).
 */
final class ToolStage {
  /** The variable that holds a call waiting for the customer's yes, as JSON. */
  static final String PENDING = "pending_tool_call";

  private final RuleSession session;
  private final Map<String, ToolDeclaration> declared;
  private final List<ToolSpec> offered;
  private final int maxRounds;
  private final ToolRunner runner;
  private final ToolTrace trace;
  private final List<Message> exchange = new ArrayList<>();
  private ParkedCall confirmed;
  private boolean refusedOnce;

  /** The tools the caller runs itself, the answers it sent back, the one being judged again. */
  private Set<String> client = Set.of();

  private final ArrayDeque<ClientTools.Round> rounds = new ArrayDeque<>();
  private ClientTools.Round fed;
  private final List<ToolRequest> pending = new ArrayList<>();

  /** Whether the model's answer being judged also calls a tool the client runs. */
  private boolean mixed;

  /** The id of a confirmed call in the exchange (it is in none of the model's answers). */
  static final String CONFIRMED_ID = "confirmed-1";

  ToolStage(
      RuleSession session,
      Map<String, ToolDeclaration> declared,
      List<ToolSpec> offered,
      int maxRounds,
      ToolRunner runner,
      ToolTrace trace) {
    this.trace = trace;
    this.session = session;
    this.declared = declared;
    this.offered = offered;
    this.maxRounds = maxRounds;
    this.runner = runner;
  }

  /** The tools a request offers: those the rules offered, as the model is told about them. */
  static List<ToolSpec> offered(Map<String, ToolDeclaration> declared, List<String> names) {
    List<ToolSpec> specs = new ArrayList<>();
    for (String name : names) {
      ToolDeclaration d = declared.get(name);
      if (d != null && specs.stream().noneMatch(s -> s.name().equals(name))) {
        specs.add(new ToolSpec(d.name(), d.description(), d.schema()));
      }
    }
    return specs;
  }

  /**
   * The tools the caller runs itself ({@code names}, none of which the application implements): a
   * call of one the rules let run goes out to the caller and the turn pauses. The model's answers
   * that paused this turn before ({@code rounds}) are judged again first, in place of asking the
   * model, with the caller's results.
   */
  void clientTools(Set<String> names, List<ClientTools.Round> rounds) {
    this.client = Set.copyOf(names);
    this.rounds.addAll(rounds);
  }

  /** Runs the call the customer has just confirmed before the model is first asked. */
  void confirmed(ParkedCall call) {
    this.confirmed = call;
  }

  /**
   * How the loop ended: the model's final reply and the request that got it, or a rule's text
   * ({@code answer}) that replaces any reply, with the outcome it gives the turn.
   */
  record Ended(ModelReply reply, ModelRequest request, String answer, String outcome) {}

  /**
   * Asks the model ({@code ask}) until it answers without tool calls, a rule answers, or the rounds
   * run out; {@code request} is the turn's first request.
   */
  Ended loop(ModelRequest request, Function<ModelRequest, ModelReply> ask) {
    ModelRequest current = request;
    int round = 1;
    if (confirmed != null) {
      ToolRequest call = new ToolRequest(CONFIRMED_ID, confirmed.tool(), confirmed.arguments());
      String result = null;
      if (client.contains(confirmed.tool())) {
        result = confirmedResult(call);
        if (result == null) {
          trace.add(1, call, "client", confirmed.rule(), null, 0);
          return paused(ModelReply.of(""), List.of(call), current);
        }
      }
      String answer =
          run(call, confirmed.tool(), Json.object(call.arguments()), 1, confirmed, result);
      if (answer != null) {
        return new Ended(null, current, answer, Generation.RESPONDED);
      }
      // "Runs exactly that call, nothing else": the model answers from its result, offered no tool.
      current = request.continued(exchangeSoFar(), List.of());
    } else if (!offered.isEmpty()) {
      current = request.continued(List.of(), offered);
    }
    while (true) {
      final int thisRound = round;
      ModelReply reply = answer(current, ask);
      if (reply.toolCalls().isEmpty()) {
        return new Ended(reply, current, null, null);
      }
      if (current.tools().isEmpty()) {
        // The model called a tool it was not offered: nothing runs; it is told so and asked once
        // more for its answer, and after that its text is the answer whatever it calls.
        String outcome = round > maxRounds ? "over-limit" : "not-offered";
        List<Message> refused = new ArrayList<>();
        refused.add(Message.calls(reply.text(), reply.toolCalls()));
        for (ToolRequest c : reply.toolCalls()) {
          trace.add(thisRound, c, outcome, null, notOffered(c), 0);
          refused.add(Message.toolResult(c.id(), notOffered(c)));
        }
        if (refusedOnce) {
          return new Ended(reply, current, null, null);
        }
        refusedOnce = true;
        current = current.continued(refused, List.of());
        continue;
      }
      int before = exchange.size();
      exchange.add(Message.calls(reply.text(), reply.toolCalls()));
      mixed = fed == null && reply.toolCalls().stream().anyMatch(c -> client.contains(c.name()));
      for (int i = 0; i < reply.toolCalls().size(); i++) {
        ToolRequest call = reply.toolCalls().get(i);
        Ended ended = judgeAndRun(call, round);
        if (ended != null) {
          reply
              .toolCalls()
              .subList(i + 1, reply.toolCalls().size())
              .forEach(
                  c ->
                      trace.add(
                          thisRound, c, "dropped", null, "an earlier call ended the turn", 0));
          return ended;
        }
      }
      if (!pending.isEmpty()) {
        return paused(reply, pending, current);
      }
      List<Message> more = new ArrayList<>(exchange.subList(before, exchange.size()));
      round++;
      current = current.continued(more, round > maxRounds ? List.of() : offered);
    }
  }

  /**
   * The model's next answer: an answer the caller sent back, judged again before the model is asked
   * for anything new, or else the model's.
   */
  private ModelReply answer(ModelRequest current, Function<ModelRequest, ModelReply> ask) {
    fed = rounds.poll();
    if (fed != null) {
      return new ModelReply(fed.text(), "tool_calls", 0, 0, fed.calls());
    }
    return ask.apply(current);
  }

  /**
   * The turn pauses: the calls go to the caller, which sends the turn again with its results; the
   * reply is the model's answer that made them (its text and token counts), or an empty one.
   */
  private Ended paused(ModelReply from, List<ToolRequest> calls, ModelRequest request) {
    trace.clientCalls(calls);
    return new Ended(
        new ModelReply(from.text(), "tool_calls", from.inputTokens(), from.outputTokens(), calls),
        request,
        null,
        Generation.CLIENT);
  }

  /** The caller's result of the confirmed call, which it sent back as its first round; or null. */
  private String confirmedResult(ToolRequest call) {
    ClientTools.Round first = rounds.peek();
    if (first == null
        || first.calls().size() != 1
        || !first.calls().get(0).equals(call)
        || !first.results().containsKey(CONFIRMED_ID)) {
      return null;
    }
    rounds.poll();
    return first.results().get(CONFIRMED_ID);
  }

  /** One call: checked, judged, run. Returns how the turn ends when a rule ends it, else null. */
  private Ended judgeAndRun(ToolRequest call, int round) {
    ToolDeclaration tool = declared.get(call.name());
    if (tool == null || offered.stream().noneMatch(s -> s.name().equals(call.name()))) {
      String why = notOffered(call);
      trace.add(round, call, "not-offered", null, why, 0);
      exchange.add(Message.toolResult(call.id(), why));
      return null;
    }
    if (fed != null && !client.contains(call.name())) {
      // Only calls of the caller's own tools ever go out; one of another tool in the messages it
      // sent back is not the model's, and runs nowhere.
      String why =
          "the call was not run: tool '"
              + call.name()
              + "' is not one the client runs, and this call came back in the client's messages";
      trace.add(round, call, "not-offered", null, why, 0);
      exchange.add(Message.toolResult(call.id(), why));
      return null;
    }
    Map<String, Object> arguments;
    List<String> problems;
    try {
      arguments = Json.object(call.arguments());
      problems = tool.check(arguments);
    } catch (IllegalArgumentException e) {
      arguments = Map.of();
      problems = List.of(e.getMessage());
    }
    if (!problems.isEmpty()) {
      String why = "the call was not run: " + String.join("; ", problems);
      trace.add(round, call, "invalid-arguments", null, why, 0);
      exchange.add(Message.toolResult(call.id(), why));
      return null;
    }
    RuleSession.Firing judged = fire(new ToolCall(call.name(), arguments, round));
    trace.judgedCall(judged);
    // A rule's answer ends the turn; a denial outranks a confirmation, so that a call the policy
    // forbids is never put to the customer.
    Trace.Decided respond = first(judged, Respond.class);
    if (respond != null) {
      String text = ((Respond) respond.decision()).text();
      trace.add(round, call, "responded", respond.rule(), text, 0);
      return new Ended(null, null, text, Generation.RESPONDED);
    }
    Trace.Decided deny = first(judged, Deny.class);
    if (deny != null) {
      String reason = ((Deny) deny.decision()).reason();
      trace.add(round, call, "denied", deny.rule(), reason, 0);
      exchange.add(Message.toolResult(call.id(), "the call was not run: " + reason));
      return null;
    }
    Trace.Decided confirm = first(judged, Confirm.class);
    if (confirm != null) {
      String question = ((Confirm) confirm.decision()).question();
      trace.add(round, call, "parked", confirm.rule(), question, 0);
      trace.park(new ParkedCall(call.name(), call.arguments(), confirm.rule(), question));
      return new Ended(null, null, question, Generation.CONFIRM);
    }
    if (mixed && !client.contains(call.name())) {
      // The client sends back only its own calls: this one's result would be lost when the turn
      // goes on, and the model might call it again. So it does not run now; the model may call it
      // again once it has the client's results.
      String why =
          "the call was not run: it came with a call of a tool the client runs; call it again if"
              + " it is still needed";
      trace.add(round, call, "dropped", trace.judgedBy(), why, 0);
      exchange.add(Message.toolResult(call.id(), why));
      return null;
    }
    String result = null;
    if (client.contains(call.name())) {
      result = fed == null ? null : fed.results().get(call.id());
      if (result == null) {
        trace.add(round, call, "client", trace.judgedBy(), null, 0);
        pending.add(call);
        return null;
      }
    }
    String answer = run(call, call.name(), arguments, round, null, result);
    return answer == null ? null : new Ended(null, null, answer, Generation.RESPONDED);
  }

  /**
   * Runs an allowed call, or takes the result the caller sent ({@code clientResult}, non-null for a
   * call of a client tool), and shows its outcome to the rules; a rule's answer, or null.
   */
  private String run(
      ToolRequest call,
      String name,
      Map<String, Object> arguments,
      int round,
      ParkedCall parked,
      String clientResult) {
    ToolRunner.Ran ran =
        clientResult == null
            ? runner.run(name, declared.get(name), arguments)
            : new ToolRunner.Ran(clientResult(clientResult), null, null, 0);
    String rule = parked == null ? trace.judgedBy() : parked.rule();
    Object fact =
        ran.failure() == null
            ? new ToolResult(name, arguments, ran.result(), round)
            : new ToolFailed(name, ran.kind(), ran.failure(), round);
    String outcome = ran.failure() == null ? (parked == null ? "ran" : "confirmed") : ran.kind();
    String detail =
        clientResult != null
            ? clientResult
            : ran.failure() == null ? Json.write(ran.result()) : ran.failure();
    trace.add(round, call, outcome, rule, detail, ran.nanos());
    if (parked != null) {
      // The confirmed call is not in the model's earlier answers: it enters the exchange here.
      exchange.add(Message.calls("", List.of(call)));
    }
    exchange.add(
        Message.toolResult(
            call.id(), ran.failure() == null ? detail : "the call failed: " + ran.failure()));
    RuleSession.Firing read = fire(fact);
    trace.readResult(read);
    for (Trace.Decided d : read.decisions()) {
      if (d.decision() instanceof Respond) {
        return ((Respond) d.decision()).text();
      }
    }
    return null;
  }

  /**
   * Fires the tool rules on one fact, which is then taken out again: each call and each result is
   * judged once, in its own firing, so every decision belongs to it. The variables the rules set
   * take effect at once for the rules of the next firing.
   */
  private RuleSession.Firing fire(Object fact) {
    RuleSession.Firing firing = session.fire(Phase.TOOL, List.of(fact));
    session.retract(fact);
    for (Trace.Decided d : firing.decisions()) {
      if (d.decision() instanceof SetVar) {
        session.setVar(((SetVar) d.decision()).name(), ((SetVar) d.decision()).value());
      } else if (d.decision() instanceof ClearVar) {
        session.setVar(((ClearVar) d.decision()).name(), null);
      }
    }
    return firing;
  }

  /**
   * A caller's result as the rules read it: its JSON object, or any other text as {@code content}.
   */
  static Map<String, Object> clientResult(String text) {
    String t = text.strip();
    if (t.startsWith("{")) {
      try {
        return Json.object(t);
      } catch (IllegalArgumentException e) {
        // Not a JSON object after all: the text it is.
      }
    }
    return Map.of("content", text);
  }

  private static Trace.Decided first(RuleSession.Firing firing, Class<?> type) {
    for (Trace.Decided d : firing.decisions()) {
      if (type.isInstance(d.decision())) {
        return d;
      }
    }
    return null;
  }

  private List<Message> exchangeSoFar() {
    return List.copyOf(exchange);
  }

  private String notOffered(ToolRequest call) {
    return "the call was not run: tool '"
        + call.name()
        + "' is not available in this turn"
        + (offered.isEmpty()
            ? ""
            : "; available: " + String.join(", ", offered.stream().map(ToolSpec::name).toList()));
  }

  /** What the stage did, for the trace and the next state. */
  ToolTrace trace() {
    return trace;
  }
}
