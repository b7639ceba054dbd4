package dev.armature;

import dev.armature.assembly.Construct;
import dev.armature.assembly.Resolution;
import dev.armature.facts.Applied;
import dev.armature.facts.Reject;
import dev.armature.facts.Reply;
import dev.armature.facts.Respond;
import dev.armature.ruleset.Phase;
import dev.armature.ruleset.RuleSession;
import dev.armature.signals.SignalDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Calls the model and lets the review rules judge the reply: accept it, replace it with a {@code
 * Respond}, or {@code Reject} it, which asks the model once more with the named construct added. A
 * reply rejected twice fails the turn.
 */
final class Review {
  private final RuleSession session;
  private final boolean reviewing;
  private final RequestAssembly assembly;
  private final Resolution resolution;
  private final Map<String, String> attrs;
  private final Conversation conversation;
  private final String userText;
  private final List<String> warnings;
  private final List<Trace.Attempt> attempts = new ArrayList<>();
  private final List<Trace.FiredRule> fired = new ArrayList<>();
  private final List<Trace.Decided> decided = new ArrayList<>();
  private final ModelCaller caller;
  private final List<Trace.ModelCall> calls;
  private final long deadline;
  private final ToolStage tools;
  private long modelNanos;
  private long reviewNanos;

  Review(
      RuleSession session,
      boolean reviewing,
      RequestAssembly assembly,
      Resolution resolution,
      Map<String, String> attrs,
      Conversation conversation,
      String userText,
      List<String> warnings,
      ModelCaller caller,
      List<Trace.ModelCall> calls,
      long deadline,
      ToolStage tools) {
    this.tools = tools;
    this.caller = caller;
    this.calls = calls;
    this.deadline = deadline;
    this.session = session;
    this.reviewing = reviewing;
    this.assembly = assembly;
    this.resolution = resolution;
    this.attrs = attrs;
    this.conversation = conversation;
    this.userText = userText;
    this.warnings = warnings;
  }

  private record Verdict(String replacement, Reject reject, String rule) {}

  Generation generate(
      Model model,
      ModelRequest request,
      TurnRunner.Stages time,
      java.util.function.Consumer<String> stream) {
    Trace.Request traced = traced(request);
    ModelReply first;
    List<Message> toolExchange = List.of();
    if (tools == null) {
      first = call(model, request, time, stream, 1);
    } else {
      // What passes between the model's answers is the tool stage's time.
      ToolStage.Ended ended =
          tools.loop(
              request,
              r -> {
                tools.trace().spent(time.lap());
                return call(model, r, time, stream, 1);
              });
      tools.trace().spent(time.lap());
      if (Generation.CLIENT.equals(ended.outcome())) {
        // The turn pauses for the caller's tools: there is no reply to review yet.
        Trace.Request sent = traced(ended.request());
        SignalDetector.Redaction scrubbed = scrub(ended.reply());
        attempts.add(attempt(1, sent, ended.reply(), scrubbed, "paused", null, null));
        return done(ended.reply().text(), scrubbed.text(), Generation.CLIENT, sent);
      }
      if (ended.answer() != null) {
        if (stream != null) {
          stream.accept(ended.answer());
        }
        return done(
            ended.answer(),
            assembly.ruleSet().signals().redact(ended.answer()),
            ended.outcome(),
            ended.request() == null ? traced : traced(ended.request()));
      }
      first = ended.reply();
      traced = traced(ended.request());
      toolExchange =
          ended
              .request()
              .messages()
              .subList(request.messages().size(), ended.request().messages().size());
    }
    SignalDetector.Redaction firstScrubbed = scrub(first);
    if (!reviewing) {
      attempts.add(attempt(1, traced, first, firstScrubbed, "accepted", null, null));
      return done(first.text(), firstScrubbed.text(), Generation.GENERATED, traced);
    }
    List<Object> facts = new ArrayList<>();
    for (Construct c : resolution.kept()) {
      facts.add(new Applied(c.id(), 0));
    }
    Reply firstReply = TurnRunner.reply(first, 1, firstScrubbed.signals());
    facts.add(firstReply);
    Verdict verdict = judge(facts, time);
    if (verdict.replacement != null) {
      attempts.add(attempt(1, traced, first, firstScrubbed, "replaced", null, null));
      return replaced(verdict.replacement, traced);
    }
    if (verdict.reject == null) {
      attempts.add(attempt(1, traced, first, firstScrubbed, "accepted", null, null));
      return done(first.text(), firstScrubbed.text(), Generation.GENERATED, traced);
    }
    // A streamed reply the review rejects is retried like any other, without streaming: the
    // caller tells the client that the streamed text is withdrawn and sends the retry's instead.
    String added = verdict.reject.construct();
    attempts.add(
        attempt(1, traced, first, firstScrubbed, "rejected", verdict.reject.reason(), added));
    List<Construct> kept = resolution.kept();
    List<Object> retryFacts = new ArrayList<>();
    if (added != null) {
      if (!resolution.kept().stream().anyMatch(c -> c.id().equals(added))
          && assembly.ruleSet().constructs().containsKey(added)) {
        retryFacts.add(new Applied(added, 0));
      }
      if (!assembly.ruleSet().constructs().containsKey(added)) {
        throw new RuleException(
            verdict.rule,
            "rule '" + verdict.rule + "' names unknown construct '" + added + "' in Reject",
            null);
      }
      kept = assembly.withConstruct(kept, added);
    }
    ModelRequest retry =
        assembly.request(
            kept,
            resolution,
            attrs,
            conversation,
            userText,
            warnings,
            "Your previous answer to this message was not sent: "
                + verdict.reject.reason()
                + ". Answer again.");
    if (!toolExchange.isEmpty()) {
      // The retry answers from the same tool results; it runs no tool again.
      retry = retry.continued(toolExchange, List.of());
    }
    Trace.Request retryTraced = traced(retry);
    ModelReply second = call(model, retry, time, null, 2);
    SignalDetector.Redaction secondScrubbed = scrub(second);
    session.retract(firstReply);
    retryFacts.add(TurnRunner.reply(second, 2, secondScrubbed.signals()));
    Verdict again = judge(retryFacts, time);
    if (again.replacement != null) {
      attempts.add(attempt(2, retryTraced, second, secondScrubbed, "replaced", null, null));
      return replaced(again.replacement, traced);
    }
    if (again.reject != null) {
      throw new ReplyRejectedException(
          "conversation '"
              + conversation.id()
              + "' turn "
              + (conversation.turns() + 1)
              + ": rule '"
              + again.rule
              + "' rejected the retried reply too ("
              + again.reject.reason()
              + "); add a review rule that answers with Respond in this case");
    }
    attempts.add(attempt(2, retryTraced, second, secondScrubbed, "accepted", null, null));
    return done(second.text(), secondScrubbed.text(), Generation.RETRIED, traced);
  }

  private Verdict judge(List<Object> facts, TurnRunner.Stages time) {
    time.lap();
    RuleSession.Firing review = session.fire(Phase.REVIEW, facts);
    reviewNanos += time.lap();
    fired.addAll(review.fired());
    decided.addAll(review.decisions());
    String replacement = null;
    Reject reject = null;
    String rule = null;
    for (Trace.Decided d : review.decisions()) {
      if (d.decision() instanceof Respond && replacement == null) {
        replacement = ((Respond) d.decision()).text();
      } else if (d.decision() instanceof Reject && reject == null) {
        reject = (Reject) d.decision();
        rule = d.rule();
      } else {
        warnings.add(
            "rule '" + d.rule() + "': " + d.decision() + " has no effect in the review phase");
      }
    }
    return new Verdict(replacement, replacement == null ? reject : null, rule);
  }

  private ModelReply call(
      Model model,
      ModelRequest request,
      TurnRunner.Stages time,
      java.util.function.Consumer<String> stream,
      int attempt) {
    time.lap();
    try {
      return caller.call(request.route(), model, request, stream, deadline, attempt, calls);
    } catch (ArmatureException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ModelException(
          "the model failed: " + dev.armature.model.Redaction.text(String.valueOf(e.getMessage())),
          false,
          e);
    } finally {
      modelNanos += time.lap();
    }
  }

  /**
   * What the review saw before the model failed for good: the attempts it judged and the rules that
   * judged them, which a fallback's trace keeps.
   */
  Generation abandoned(Trace.Request request) {
    return done(null, null, Generation.FALLBACK, request);
  }

  /** A review rule's text replaces the model's reply. */
  private Generation replaced(String replacement, Trace.Request request) {
    return done(
        replacement,
        assembly.ruleSet().signals().redact(replacement),
        Generation.REPLACED,
        request);
  }

  /**
   * How the turn's reply came about.
   *
   * @param stored the reply with redacted signals removed, as traced and stored
   */
  private Generation done(String reply, String stored, String outcome, Trace.Request request) {
    return new Generation(
        reply, stored, outcome, request, attempts, calls, fired, decided, modelNanos, reviewNanos);
  }

  /**
   * The reply with redacted signals removed, as traced and stored, and which signals those were.
   */
  private SignalDetector.Redaction scrub(ModelReply reply) {
    return assembly.ruleSet().signals().redaction(reply.text());
  }

  private Trace.Attempt attempt(
      int n,
      Trace.Request sent,
      ModelReply reply,
      SignalDetector.Redaction scrubbed,
      String review,
      String reason,
      String added) {
    return new Trace.Attempt(
        n,
        sent,
        scrubbed.text(),
        reply.finishReason(),
        reply.inputTokens(),
        reply.outputTokens(),
        review,
        reason,
        added);
  }

  /** The request as traced; its SHA-256 is computed when someone reads it. */
  static Trace.Request traced(ModelRequest request) {
    return new Trace.Request(
        request.messages(), request.parameters(), request.route(), request.tools());
  }
}
