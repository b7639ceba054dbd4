package dev.armature;

import dev.armature.assembly.Construct;
import dev.armature.assembly.Resolution;
import dev.armature.assembly.Resolver;
import dev.armature.facts.Reply;
import dev.armature.facts.Signal;
import dev.armature.facts.Turn;
import dev.armature.ruleset.RuleSession;
import dev.armature.ruleset.RuleSet;
import dev.armature.signals.Detection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * One turn, stage by stage: signals, decide, resolve, assemble, generate, review. It reads the
 * conversation and returns the next state; it writes nothing, so a turn that fails changes nothing.
 */
final class TurnRunner {
  private final RuleSet ruleSet;
  private final Resolver resolver;
  private final RequestAssembly assembly;
  private final Map<String, Model> models;
  private final Clock clock;
  private final LongSupplier ticker;
  private final ModelCaller caller;
  private final ToolRunner tools;

  TurnRunner(
      RuleSet ruleSet,
      Map<String, Model> models,
      Clock clock,
      LongSupplier ticker,
      ModelCaller caller,
      ToolRunner tools) {
    this.caller = caller;
    this.tools = tools;
    this.ruleSet = ruleSet;
    this.resolver = new Resolver(ruleSet.constructs(), ruleSet.sections());
    this.assembly = new RequestAssembly(ruleSet, resolver);
    this.models = models;
    this.clock = clock;
    this.ticker = ticker;
  }

  private TurnRunner(TurnRunner base, Map<String, Model> models, ModelCaller caller) {
    this.tools = base.tools;
    this.ruleSet = base.ruleSet;
    this.resolver = base.resolver;
    this.assembly = base.assembly;
    this.models = models;
    this.clock = base.clock;
    this.ticker = base.ticker;
    this.caller = caller;
  }

  RuleSet ruleSet() {
    return ruleSet;
  }

  /** This runner with every route answered by {@code model}: for turns whose replies are known. */
  TurnRunner answeredBy(Model model, ModelCaller caller) {
    Map<String, Model> all = new java.util.HashMap<>();
    models.keySet().forEach(route -> all.put(route, model));
    return new TurnRunner(this, all, caller);
  }

  /** The outcome of a turn before it is committed. */
  record Ran(TurnResult result, Conversation next) {}

  /** What one turn carries from stage to stage. */
  private record Context(
      Conversation conversation,
      Map<String, String> attrs,
      Detection detection,
      Turn turn,
      List<String> warnings,
      Stages time,
      long started,
      java.util.function.Consumer<String> stream,
      ToolTrace tools,
      ClientTools client) {}

  /** Nanoseconds of the stages before the model. */
  private record Laps(long signals, long decide, long resolve, long assemble) {}

  /** The reply and how long assembling its request took. */
  private record Generated(Generation generation, long assembleNanos) {}

  /**
   * Runs the turn. With a {@code stream}, the reply's text goes to it as it arrives (a rule's
   * {@code Respond} in one piece), and the review judges a reply the user has already seen; {@code
   * client} names the tools the caller runs itself, and its results so far ({@link
   * ClientTools#NONE} for none).
   */
  Ran run(
      Conversation conversation,
      String text,
      Map<String, String> attributes,
      ModelParameters requested,
      long started,
      java.util.function.Consumer<String> stream,
      ClientTools client) {
    Stages time = new Stages(ticker, started);
    Map<String, String> attrs = RequestedParameters.attributes(attributes, requested);
    List<String> earlier = new ArrayList<>(conversation.recent().size());
    conversation.recent().forEach(e -> earlier.add(e.user()));
    Detection detection = ruleSet.signals().detect(text, earlier);
    long signalsNanos = time.lap();
    Turn turn =
        new Turn(
            conversation.turns() + 1,
            detection.text(),
            attrs.getOrDefault("channel", "default"),
            clock.instant());
    Context ctx =
        new Context(
            conversation,
            attrs,
            detection,
            turn,
            new ArrayList<>(),
            time,
            started,
            stream == null ? null : new Streamed(stream, ruleSet),
            new ToolTrace(),
            client);
    try (RuleSession session = ruleSet.openSession()) {
      RuleSession.Firing decide =
          session.fire(
              dev.armature.ruleset.Phase.DECIDE,
              TurnFacts.of(turn, detection, conversation, attrs, ruleSet.history().remember()));
      long decideNanos = time.lap();
      Resolution resolution =
          resolver.resolve(
              decide.decisions(),
              conversation.vars(),
              detection.captures(),
              detection.captureSignals(),
              RequestedParameters.defaults(ruleSet.params(), requested, ctx.warnings()));
      ctx.warnings().addAll(resolution.warnings());
      long resolveNanos = time.lap();
      Generated generated = generate(ctx, session, decide, resolution);
      if (ctx.stream() != null) {
        ((Streamed) ctx.stream()).end(generated.generation().reply());
      }
      Laps laps = new Laps(signalsNanos, decideNanos, resolveNanos, generated.assembleNanos());
      return finish(ctx, decide, resolution, generated.generation(), laps);
    }
  }

  /** The reply: a rule's {@code Respond}, or the model's answer as reviewed, or a fallback. */
  private Generated generate(
      Context ctx, RuleSession session, RuleSession.Firing decide, Resolution resolution) {
    if (resolution.respond() != null) {
      ParkedCall parked = ParkedCall.read(ctx.conversation().vars().get(ToolStage.PENDING));
      if (parked != null) {
        ctx.tools().dropped(parked, "a rule answered the turn before the call could run");
      }
      long assembleNanos = ctx.time().lap();
      if (ctx.stream() != null) {
        ctx.stream().accept(resolution.respond());
      }
      return new Generated(
          Generation.responded(
              resolution.respond(), ruleSet.signals().redact(resolution.respond())),
          assembleNanos);
    }
    ToolStage stage = toolStage(ctx, session, decide, resolution);
    Model model = model(resolution.route(), decide.decisions());
    ModelRequest request =
        assembly.request(
            resolution.kept(),
            resolution,
            ctx.attrs(),
            ctx.conversation(),
            ctx.detection().text(),
            ctx.warnings(),
            null);
    long assembleNanos = ctx.time().lap();
    List<Trace.ModelCall> calls = new ArrayList<>();
    Review review =
        new Review(
            session,
            ruleSet.hasReviewRules(),
            assembly,
            resolution,
            ctx.attrs(),
            ctx.conversation(),
            ctx.detection().text(),
            ctx.warnings(),
            caller,
            calls,
            caller.deadlineFrom(ctx.started()),
            stage);
    try {
      return new Generated(
          review.generate(model, request, ctx.time(), ctx.stream()), assembleNanos);
    } catch (ModelException e) {
      return new Generated(
          fallback(
              session,
              e,
              review.abandoned(Review.traced(request)),
              ctx.time(),
              ctx.stream() != null && !((Streamed) ctx.stream()).any() ? ctx.stream() : null),
          assembleNanos);
    }
  }

  /**
   * The turn's tool stage: the tools the decide rules offered, and a call parked by the last turn
   * that this message confirms; {@code null} when the rule set declares no tool. With nothing
   * offered, the stage only refuses (and traces) any call the model makes anyway.
   */
  private ToolStage toolStage(
      Context ctx, RuleSession session, RuleSession.Firing decide, Resolution resolution) {
    List<String> names = new ArrayList<>();
    for (Trace.Decided d : decide.decisions()) {
      if (d.decision() instanceof dev.armature.facts.Offer) {
        String tool = ((dev.armature.facts.Offer) d.decision()).tool();
        if (ruleSet.tools().containsKey(tool)) {
          names.add(tool);
        } else {
          ctx.warnings()
              .add(
                  "rule '"
                      + d.rule()
                      + "' offers tool '"
                      + tool
                      + "', which ruleset.yaml does not declare");
        }
      }
    }
    ParkedCall parked = ParkedCall.read(ctx.conversation().vars().get(ToolStage.PENDING));
    boolean confirmed = parked != null && Affirmation.is(ctx.detection().text());
    if (parked != null && !confirmed) {
      ctx.tools().dropped(parked, "the customer's message was not a yes");
    }
    if (parked != null && confirmed && !ruleSet.tools().containsKey(parked.tool())) {
      ctx.tools().dropped(parked, "the rule set no longer declares the tool");
      confirmed = false;
    }
    List<ToolSpec> offered = ToolStage.offered(ruleSet.tools(), names);
    ClientTools client = ctx.client();
    if (client.any()) {
      // What can run: the caller's tools and the application's; the application's run here.
      offered =
          offered.stream()
              .filter(s -> client.names().contains(s.name()) || tools.implemented(s.name()))
              .toList();
    }
    if (ruleSet.tools().isEmpty() && !confirmed) {
      return null;
    }
    ToolStage stage =
        new ToolStage(
            session, ruleSet.tools(), offered, ruleSet.maxToolRounds(), tools, ctx.tools());
    if (confirmed) {
      stage.confirmed(parked);
    }
    if (client.any() || !client.rounds().isEmpty()) {
      Set<String> theirs = new java.util.HashSet<>(client.names());
      theirs.removeIf(tools::implemented);
      stage.clientTools(theirs, client.rounds());
    }
    return stage;
  }

  /**
   * The variables after the turn: the decide phase's, then the tool phase's {@code SetVar} and
   * {@code ClearVar}, then the parked call (cleared once used or dropped, set when one is parked).
   */
  private Map<String, String> varsAfter(
      Context ctx, Resolution resolution, List<Trace.VarChange> changes) {
    Map<String, String> vars = new TreeMap<>(resolution.vars());
    ToolTrace t = ctx.tools();
    for (Trace.Decided d : t.decisions()) {
      String name = null;
      String value = null;
      if (d.decision() instanceof dev.armature.facts.SetVar) {
        name = ((dev.armature.facts.SetVar) d.decision()).name();
        value = ((dev.armature.facts.SetVar) d.decision()).value();
      } else if (d.decision() instanceof dev.armature.facts.ClearVar) {
        name = ((dev.armature.facts.ClearVar) d.decision()).name();
      } else {
        continue;
      }
      change(vars, changes, name, value, "rule '" + d.rule() + "'");
    }
    ParkedCall parked = t.parked();
    change(
        vars,
        changes,
        ToolStage.PENDING,
        parked == null ? null : parked.toJson(),
        parked == null ? "the tool stage (used or dropped)" : "rule '" + parked.rule() + "'");
    return vars;
  }

  private static void change(
      Map<String, String> vars,
      List<Trace.VarChange> changes,
      String name,
      String value,
      String by) {
    String before = value == null ? vars.remove(name) : vars.put(name, value);
    if (!java.util.Objects.equals(before, value)) {
      changes.removeIf(c -> c.name().equals(name) && java.util.Objects.equals(c.after(), before));
      changes.add(new Trace.VarChange(name, before, value, by));
    }
  }

  /** The conversation after the turn, and the trace that proves it. */
  private Ran finish(
      Context ctx,
      RuleSession.Firing decide,
      Resolution resolution,
      Generation generation,
      Laps laps) {
    Trace.Timings timings =
        new Trace.Timings(
            laps.signals(),
            laps.decide(),
            laps.resolve(),
            laps.assemble(),
            generation.modelNanos(),
            generation.reviewNanos(),
            0,
            0,
            ctx.tools().uses().isEmpty() ? 0 : ctx.tools().nanos());
    String storedReply = generation.storedReply();
    Detection detection = ctx.detection();
    Conversation.Exchange exchange =
        new Conversation.Exchange(
            ctx.turn().number(),
            detection.text(),
            storedReply,
            resolution.kept().stream().map(Construct::id).toList(),
            scores(detection.signals()));
    List<Trace.VarChange> changes = new ArrayList<>(resolution.changes());
    Map<String, String> vars = varsAfter(ctx, resolution, changes);
    Conversation next = ctx.conversation().next(vars, exchange, ruleSet.history().keep());
    List<Trace.Decided> decisions = new ArrayList<>(decide.decisions());
    decisions.addAll(ctx.tools().decisions());
    decisions.addAll(generation.reviewDecisions());
    List<Trace.FiredRule> fired = new ArrayList<>(decide.fired());
    fired.addAll(ctx.tools().fired());
    fired.addAll(generation.reviewFired());
    Trace trace =
        new Trace(
            ctx.conversation().id(),
            ctx.turn().number(),
            ruleSet.name(),
            ruleSet.version(),
            ctx.turn().time(),
            new Trace.Input(detection.text(), ctx.attrs()),
            detection.signals(),
            fired,
            decisions,
            resolution.directives(),
            changes,
            generation.request(),
            generation.attempts(),
            generation.calls(),
            ctx.tools().uses(),
            generation.outcome(),
            storedReply,
            ctx.warnings(),
            timings);
    return new Ran(new TurnResult(generation.reply(), trace, ctx.tools().clientCalls()), next);
  }

  /**
   * The model failed after its retries: the fallback rules see {@code ModelFailed} and may answer
   * with {@code Respond}; without one the failure goes to the caller.
   */
  private Generation fallback(
      RuleSession session,
      ModelException failure,
      Generation before,
      Stages time,
      java.util.function.Consumer<String> stream) {
    if (!ruleSet.hasFallbackRules()) {
      throw failure;
    }
    time.lap();
    RuleSession.Firing firing =
        session.fire(
            dev.armature.ruleset.Phase.FALLBACK,
            List.of(
                new dev.armature.facts.ModelFailed(
                    failure.kind().label(), String.valueOf(failure.getMessage()))));
    long nanos = time.lap();
    String reply =
        firing.decisions().stream()
            .filter(d -> d.decision() instanceof dev.armature.facts.Respond)
            .map(d -> ((dev.armature.facts.Respond) d.decision()).text())
            .findFirst()
            .orElse(null);
    if (reply == null) {
      throw failure;
    }
    if (stream != null) {
      stream.accept(reply);
    }
    // The attempts the review judged before the failure, and its rules, stay in the trace.
    List<Trace.FiredRule> fired = new ArrayList<>(before.reviewFired());
    fired.addAll(firing.fired());
    List<Trace.Decided> decided = new ArrayList<>(before.reviewDecisions());
    decided.addAll(firing.decisions());
    return new Generation(
        reply,
        ruleSet.signals().redact(reply),
        Generation.FALLBACK,
        before.request(),
        before.attempts(),
        before.calls(),
        fired,
        decided,
        before.modelNanos(),
        before.reviewNanos() + nanos);
  }

  private Model model(String route, List<Trace.Decided> decisions) {
    Model model = models.get(route == null ? "" : route);
    if (model == null && ruleSet.routes().containsKey(route)) {
      // A declared route that the application bound to no model uses its declared default.
      model = models.get("");
    }
    if (model == null) {
      String rule =
          decisions.stream()
              .filter(d -> d.decision() instanceof dev.armature.facts.Route)
              .map(Trace.Decided::rule)
              .findFirst()
              .orElse("?");
      List<String> known = new ArrayList<>(new TreeMap<>(models).keySet());
      known.remove("");
      throw new RuleException(
          rule,
          "rule '"
              + rule
              + "' routes to unknown model '"
              + route
              + "'; routes declared in ruleset.yaml: "
              + (ruleSet.routes().isEmpty()
                  ? "none"
                  : String.join(", ", new TreeMap<>(ruleSet.routes()).keySet()))
              + "; routes bound by the application: "
              + (known.isEmpty() ? "none" : String.join(", ", known)),
          null);
    }
    return model;
  }

  private static Map<String, Double> scores(List<Signal> signals) {
    Map<String, Double> scores = new TreeMap<>();
    signals.forEach(s -> scores.put(s.name(), s.score()));
    return scores;
  }

  /**
   * The model's reply as the review rules see it.
   *
   * @param redacted the redacting signals found in its text
   */
  static Reply reply(ModelReply reply, int attempt, List<String> redacted) {
    return new Reply(
        reply.text(),
        reply.finishReason(),
        reply.inputTokens(),
        reply.outputTokens(),
        attempt,
        redacted);
  }

  /**
   * The stream of a turn, remembering whether any text went out: a fallback after a model failed
   * mid-stream is not streamed after the partial reply, whose caller is told it was abandoned.
   */
  private static final class Streamed implements java.util.function.Consumer<String> {
    private final java.util.function.Consumer<String> stream;
    private final HeldBackStream held;
    private volatile boolean any;

    /** The client's stream, held back by the rule set's window when it declares one. */
    Streamed(java.util.function.Consumer<String> client, RuleSet ruleSet) {
      this.held =
          ruleSet.streamWindow() > 0
              ? new HeldBackStream(
                  client,
                  ruleSet.streamWindow(),
                  ruleSet.signals(),
                  ruleSet.hasReviewRules()
                      ? text -> PartialReview.objects(ruleSet, text)
                      : text -> false)
              : null;
      this.stream = held == null ? client : held;
    }

    /** The reply is known: text held back that it keeps goes out. */
    void end(String reply) {
      if (held != null) {
        held.end(reply);
      }
    }

    @Override
    public void accept(String piece) {
      if (piece != null && !piece.isEmpty()) {
        any = true;
      }
      stream.accept(piece);
    }

    boolean any() {
      return any;
    }
  }

  /** Lap times of the stages of one turn. */
  static final class Stages {
    private final LongSupplier ticker;
    private long last;

    Stages(LongSupplier ticker, long started) {
      this.ticker = ticker;
      this.last = started;
    }

    long lap() {
      long now = ticker.getAsLong();
      long lap = now - last;
      last = now;
      return lap;
    }
  }
}
