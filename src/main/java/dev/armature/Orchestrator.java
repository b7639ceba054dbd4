package dev.armature;

import dev.armature.model.DryRunModel;
import dev.armature.ruleset.LiveRuleSet;
import dev.armature.ruleset.RuleSet;
import dev.armature.ruleset.RuleSetEvent;
import dev.armature.ruleset.RuleSetStatus;
import dev.armature.state.InMemoryStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Runs conversation turns: each turn's state goes into a fresh rule engine session, the rules
 * decide which constructs apply, and the model is asked with the request they assemble.
 *
 * <pre>{@code
 * Orchestrator orchestrator = Orchestrator.builder()
 *     .rules(Path.of("rules/support"))
 *     .model(LangChain4jModel.of(chatModel))
 *     .build();
 * TurnResult result = orchestrator.turn("conversation-42", "I was charged twice");
 * }</pre>
 *
 * <p>Thread-safe. Turns of different conversations run in parallel; turns of the same conversation
 * run one after the other. A turn that fails changes nothing in the store. Built on a rules folder,
 * it follows the folder: good edits are swapped in while turns run, broken ones are rejected and
 * the last good version keeps serving. {@link #close()} stops following it.
 */
public final class Orchestrator implements AutoCloseable {
  private final LiveRuleSet live;
  private final RuleSet fixed;
  private final Map<String, Model> models;
  private final Clock clock;
  private volatile TurnRunner runner;
  private final boolean ownsLive;
  private final ModelCaller caller;

  /** Calls the recorded replies of stateless turns: their successes must not reset a breaker. */
  private final ModelCaller recordedCaller;

  private final int conflictRetries;

  /**
   * Calls of models that may ignore interrupts run here, so a turn can stop waiting at its
   * deadline: a virtual thread each where the JVM has them, else a new or idle daemon thread each.
   * Neither caps how many calls wait at once.
   */
  private static final java.util.concurrent.ExecutorService MODEL_CALLS =
      ModelThreads.executor("armature-model-call");

  private final ConversationStore store;
  private final LongSupplier ticker;
  private final int maxTextBytes;
  private final ConversationLocks locks = new ConversationLocks();

  /** States derived for stateless turns lately (about 2 KB each). */
  final StatelessTurns.Derived derived = new StatelessTurns.Derived(1_024);

  private final ToolRunner tools;

  /** Tool calls run here, so that a call past its timeout is given up on. */
  private static final java.util.concurrent.ExecutorService TOOL_CALLS =
      ModelThreads.executor("armature-tool-call");

  private Orchestrator(Builder builder) {
    Map<String, Model> models = new HashMap<>(builder.routes);
    models.put("", builder.model);
    this.models = Map.copyOf(models);
    this.clock = builder.clock;
    this.live = builder.live;
    this.ownsLive = builder.ownsLive;
    this.fixed = builder.ruleSet;
    this.caller = new ModelCaller(builder.policy, builder.sleeper, builder.ticker, MODEL_CALLS);
    this.tools = new ToolRunner(builder.tools, TOOL_CALLS, builder.ticker);
    this.recordedCaller =
        new ModelCaller(ModelPolicy.DEFAULT, builder.sleeper, builder.ticker, MODEL_CALLS);
    this.runner =
        new TurnRunner(
            live == null ? fixed : live.current(),
            this.models,
            clock,
            builder.ticker,
            caller,
            tools);
    this.store = builder.store;
    this.ticker = builder.ticker;
    this.maxTextBytes = builder.maxTextBytes;
    this.conflictRetries = builder.conflictRetries;
  }

  /** A builder; {@link Builder#rules} or {@link Builder#ruleSet} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Runs one turn with no caller attributes. */
  public TurnResult turn(String conversationId, String text) {
    return turn(conversationId, text, Map.of());
  }

  /**
   * Runs one turn and commits its result.
   *
   * @param attributes facts about the caller, such as {@code tier} or {@code channel}; names are
   *     lower case, values short and free of control characters
   * @throws InvalidInputException when the id, text or attributes are refused
   * @throws RuleException when a rule misbehaves
   * @throws ModelException when the model fails after its retries and no fallback rule answers
   * @throws ReplyRejectedException when the review rejects the reply twice
   * @throws ConflictException when other instances kept committing turns of this conversation first
   */
  public TurnResult turn(String conversationId, String text, Map<String, String> attributes) {
    return run(conversationId, text, attributes, null, TurnOptions.NONE, null).result();
  }

  /**
   * Runs one turn with the model parameters the caller asked for. They take the place of the rule
   * set's defaults (a {@code max_tokens} no higher than the rule set's); rules see them as
   * attributes named {@code request.<parameter>}, and a construct's {@code params} or a rule's
   * {@code Param} overrides them.
   */
  public TurnResult turn(
      String conversationId,
      String text,
      Map<String, String> attributes,
      ModelParameters requested) {
    return turn(
        conversationId,
        text,
        attributes,
        TurnOptions.NONE.withRequested(Objects.requireNonNull(requested, "requested == null")));
  }

  /**
   * Runs one turn like {@link #turn(String, String, Map)}, which {@code options} may cancel from
   * another thread, with the model parameters in its {@code requested}.
   *
   * @throws TurnCancelledException when it was cancelled before it committed
   */
  public TurnResult turn(
      String conversationId, String text, Map<String, String> attributes, TurnOptions options) {
    Objects.requireNonNull(options, "options == null");
    if (options.idempotencyKey() != null) {
      throw new IllegalArgumentException(
          "a turn with an idempotency key needs a receipt: call turnOnce");
    }
    return run(conversationId, text, attributes, null, options, null).result();
  }

  /**
   * Runs one turn at most once per idempotency key of the conversation. When the key has committed
   * a turn before (also before a restart, with a store that keeps receipts), the turn does not run
   * again: its receipt comes back. Otherwise the turn runs, and {@code receipt} makes the body kept
   * with it, committed in the same transaction.
   *
   * @param options its {@code idempotencyKey} is required
   * @param tokens receives the reply's text as the model writes it; null for a blocking turn
   * @throws IdempotencyKeyReusedException when the key committed a turn of different input
   */
  public IdempotentTurn turnOnce(
      String conversationId,
      String text,
      Map<String, String> attributes,
      TurnOptions options,
      Consumer<String> tokens,
      java.util.function.Function<TurnResult, String> receipt) {
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(receipt, "receipt == null");
    if (options.idempotencyKey() == null) {
      throw new IllegalArgumentException("turnOnce needs an idempotency key in its options");
    }
    return runOnce(conversationId, text, attributes, tokens, options, receipt);
  }

  /**
   * Runs one turn like {@link #turn(String, String, Map)}, handing the reply's text to {@code
   * tokens} as the model produces it. The review rules still run, on the complete reply, and their
   * verdict holds as in a blocking turn: a {@code Respond} replaces the reply, a {@code Reject}
   * retries it (the retry is not streamed). The reply returned and stored is then not the text
   * streamed, and neither is a fallback after the model failed mid-stream: when {@link
   * TurnResult#reply()} differs from what {@code tokens} got, the streamed text is withdrawn and
   * the caller must tell its user so (the server sends a marked correction).
   */
  public TurnResult stream(
      String conversationId, String text, Map<String, String> attributes, Consumer<String> tokens) {
    return stream(conversationId, text, attributes, tokens, TurnOptions.NONE);
  }

  /** Streams one turn with the model parameters the caller asked for; see {@link #turn}. */
  public TurnResult stream(
      String conversationId,
      String text,
      Map<String, String> attributes,
      ModelParameters requested,
      Consumer<String> tokens) {
    return stream(
        conversationId,
        text,
        attributes,
        tokens,
        TurnOptions.NONE.withRequested(Objects.requireNonNull(requested, "requested == null")));
  }

  /**
   * Runs one turn of a conversation the caller keeps rather than the store, as OpenAI clients that
   * resend the whole history do. Each earlier user message in {@code earlier} (oldest first) runs
   * through the rules with the assistant messages after it as the model's reply, in a state held in
   * memory only; then {@code text} is the turn, with the real model. Nothing is stored, so the same
   * messages sent twice give the same turn (a client's "regenerate" or retry is no repeat).
   *
   * @param conversationId names the turn in its trace; no stored state is read or written
   * @param earlier the messages before this turn's text; system messages are skipped
   * @throws InvalidInputException when the id, a text or the attributes are refused
   */
  public TurnResult statelessTurn(
      String conversationId,
      java.util.List<Message> earlier,
      String text,
      Map<String, String> attributes,
      ModelParameters requested) {
    return statelessTurn(
        conversationId,
        earlier,
        text,
        attributes,
        TurnOptions.NONE.withRequested(Objects.requireNonNull(requested, "requested == null")));
  }

  /**
   * Runs a turn of a conversation the caller keeps like {@link #statelessTurn(String,
   * java.util.List, String, Map, ModelParameters)}, which {@code options} may cancel from another
   * thread. It takes no conversation lock, as it reads and writes no stored state.
   *
   * @throws IllegalArgumentException when the options carry an idempotency key: nothing is stored,
   *     so there is no receipt to keep
   */
  public TurnResult statelessTurn(
      String conversationId,
      java.util.List<Message> earlier,
      String text,
      Map<String, String> attributes,
      TurnOptions options) {
    return stateless(conversationId, earlier, text, attributes, options, null);
  }

  /** Streams a turn of a conversation the caller keeps; see {@link #statelessTurn}. */
  public TurnResult statelessStream(
      String conversationId,
      java.util.List<Message> earlier,
      String text,
      Map<String, String> attributes,
      ModelParameters requested,
      Consumer<String> tokens) {
    return statelessStream(
        conversationId,
        earlier,
        text,
        attributes,
        TurnOptions.NONE.withRequested(Objects.requireNonNull(requested, "requested == null")),
        tokens);
  }

  /** Streams a turn of a conversation the caller keeps, which {@code options} may cancel. */
  public TurnResult statelessStream(
      String conversationId,
      java.util.List<Message> earlier,
      String text,
      Map<String, String> attributes,
      TurnOptions options,
      Consumer<String> tokens) {
    return stateless(
        conversationId,
        earlier,
        text,
        attributes,
        options,
        Objects.requireNonNull(tokens, "tokens == null"));
  }

  /**
   * Starts a kept conversation from a history the caller held: its state is derived from {@code
   * earlier} as for {@link #statelessTurn(String, java.util.List, String, Map, TurnOptions)}, then
   * {@code text} runs as its next turn with the real model, and the conversation it leads to is
   * stored under {@code conversationId}. Later turns continue it as any other. When a conversation
   * is stored under that id already (the same history sent again, for an id derived from it), the
   * turn is answered and nothing is stored: the first answer stays the record.
   *
   * @param tokens receives the reply's text as the model writes it; null for a blocking turn
   */
  public TurnResult startFrom(
      String conversationId,
      java.util.List<Message> earlier,
      String text,
      Map<String, String> attributes,
      TurnOptions options,
      Consumer<String> tokens) {
    return stateless(conversationId, earlier, text, attributes, options, tokens, this::keepNew);
  }

  /** Stores the first turn of a conversation started from a caller's history, unless stored. */
  private void keepNew(Conversation next) {
    locks.acquire(next.id());
    try {
      if (store.load(next.id()).isEmpty()) {
        store.save(next);
      }
    } catch (ConflictException e) {
      // Another instance stored the same history's turn first: it is the record.
    } finally {
      locks.release(next.id());
    }
  }

  private TurnResult stateless(
      String conversationId,
      java.util.List<Message> earlier,
      String text,
      Map<String, String> attributes,
      TurnOptions options,
      Consumer<String> tokens) {
    return stateless(conversationId, earlier, text, attributes, options, tokens, null);
  }

  /**
   * @param keep stores the conversation the turn leads to (its version rebased to follow an empty
   *     store); null to store nothing
   */
  private TurnResult stateless(
      String conversationId,
      java.util.List<Message> earlier,
      String text,
      Map<String, String> attributes,
      TurnOptions options,
      Consumer<String> tokens,
      Consumer<Conversation> keep) {
    long started = ticker.getAsLong();
    Objects.requireNonNull(attributes, "attributes == null");
    Objects.requireNonNull(options, "options == null");
    if (options.idempotencyKey() != null) {
      throw new IllegalArgumentException(
          "a stateless turn stores nothing, so it keeps no receipt for an idempotency key");
    }
    ModelParameters requested = options.requested();
    Limits.check(conversationId, text, attributes, maxTextBytes);
    Cancellation cancellation = options.cancellation();
    if (cancellation != null) {
      cancellation.enter();
    }
    try {
      TurnRunner now = runnerNow();
      Conversation state =
          StatelessTurns.derive(
              now,
              caller,
              ticker,
              conversationId,
              earlier,
              attributes,
              requested,
              maxTextBytes,
              derived,
              options.clientTools().names());
      if (cancellation != null) {
        cancellation.check(conversationId);
      }
      if (keep != null) {
        // The derived turns were never stored: the first save follows an empty store.
        state = new Conversation(state.id(), 0, state.turns(), state.vars(), state.recent());
      }
      TurnRunner.Ran ran =
          now.run(state, text, attributes, requested, started, tokens, options.clientTools());
      long beforeCommit = ticker.getAsLong();
      if (cancellation != null) {
        // Past this point the reply is whole (and, when kept, committing): a late cancel is moot.
        cancellation.commitStarts(conversationId);
      }
      if (keep != null && !ran.result().paused()) {
        keep.accept(ran.next());
      }
      return finished(ran, started, beforeCommit, 1);
    } finally {
      if (cancellation != null) {
        cancellation.exit();
      }
    }
  }

  /**
   * Runs one streamed turn like {@link #stream(String, String, Map, Consumer)}, which {@code
   * options} may cancel from another thread.
   */
  public TurnResult stream(
      String conversationId,
      String text,
      Map<String, String> attributes,
      Consumer<String> tokens,
      TurnOptions options) {
    Objects.requireNonNull(tokens, "tokens == null");
    Objects.requireNonNull(options, "options == null");
    if (options.idempotencyKey() != null) {
      throw new IllegalArgumentException(
          "a turn with an idempotency key needs a receipt: call turnOnce");
    }
    return run(conversationId, text, attributes, tokens, options, null).result();
  }

  private IdempotentTurn.Ran run(
      String conversationId,
      String text,
      Map<String, String> attributes,
      Consumer<String> tokens,
      TurnOptions options,
      java.util.function.Function<TurnResult, String> receipt) {
    IdempotentTurn outcome = runOnce(conversationId, text, attributes, tokens, options, receipt);
    return (IdempotentTurn.Ran) outcome;
  }

  private IdempotentTurn runOnce(
      String conversationId,
      String text,
      Map<String, String> attributes,
      Consumer<String> tokens,
      TurnOptions options,
      java.util.function.Function<TurnResult, String> receipt) {
    long started = ticker.getAsLong();
    Objects.requireNonNull(attributes, "attributes == null");
    Limits.check(conversationId, text, attributes, maxTextBytes);
    Cancellation cancellation = options.cancellation();
    if (cancellation != null) {
      cancellation.enter();
    }
    try {
      locks.acquire(conversationId);
      try {
        return locked(conversationId, text, attributes, tokens, options, receipt, started);
      } finally {
        locks.release(conversationId);
      }
    } finally {
      if (cancellation != null) {
        cancellation.exit();
      }
    }
  }

  private IdempotentTurn locked(
      String conversationId,
      String text,
      Map<String, String> attributes,
      Consumer<String> tokens,
      TurnOptions options,
      java.util.function.Function<TurnResult, String> receipt,
      long started) {
    Cancellation cancellation = options.cancellation();
    String key = options.idempotencyKey();
    ModelParameters requested = options.requested();
    String fingerprint =
        key == null
            ? null
            : Receipts.fingerprint(
                ruleSet(), text, RequestedParameters.attributes(attributes, requested));
    for (int attempt = 1; ; attempt++) {
      if (key != null) {
        java.util.Optional<TurnReceipt> kept = store.receipt(conversationId, key);
        if (kept.isPresent()) {
          return Receipts.replay(conversationId, kept.get(), fingerprint);
        }
      }
      if (cancellation != null) {
        cancellation.check(conversationId);
      }
      Conversation conversation =
          store.load(conversationId).orElseGet(() -> Conversation.start(conversationId));
      TurnRunner.Ran ran =
          runnerNow()
              .run(
                  conversation,
                  text,
                  attributes,
                  requested,
                  started,
                  tokens,
                  options.clientTools());
      long beforeCommit = ticker.getAsLong();
      if (cancellation != null) {
        cancellation.commitStarts(conversationId);
      }
      if (ran.result().paused()) {
        // A turn paused for the caller's tools commits nothing: sent again with the results, it
        // runs again from the same state, and only the finished turn is kept, once.
        TurnResult paused = finished(ran, started, beforeCommit, attempt);
        return new IdempotentTurn.Ran(paused, key == null ? null : receipt.apply(paused));
      }
      String body = null;
      try {
        if (key == null) {
          store.save(ran.next());
        } else {
          body = receipt.apply(finished(ran, started, beforeCommit, attempt));
          store.save(ran.next(), new TurnReceipt(key, fingerprint, body));
        }
      } catch (ConflictException e) {
        // Another instance committed a turn of this conversation first: run again on its state
        // (or, when it committed this key, answer with its receipt).
        if (attempt > conflictRetries) {
          throw e;
        }
        continue;
      }
      return new IdempotentTurn.Ran(finished(ran, started, beforeCommit, attempt), body);
    }
  }

  private TurnResult finished(TurnRunner.Ran ran, long started, long beforeCommit, int attempt) {
    long done = ticker.getAsLong();
    Trace t = ran.result().trace();
    Trace.Timings s = t.timings();
    Trace.Timings timings =
        new Trace.Timings(
            s.signals(),
            s.decide(),
            s.resolve(),
            s.assemble(),
            s.model(),
            s.review(),
            done - beforeCommit,
            done - started,
            s.tools());
    java.util.List<String> warnings = t.warnings();
    if (attempt > 1) {
      warnings = new java.util.ArrayList<>(warnings);
      warnings.add(
          "the turn ran "
              + attempt
              + " times: another instance committed a turn of this conversation first");
    }
    Trace trace = t.completed(warnings, timings);
    return new TurnResult(ran.result().reply(), trace, ran.result().clientCalls());
  }

  /** The runner of the version serving now; a turn reads it once, so it runs on one version. */
  private TurnRunner runnerNow() {
    TurnRunner r = runner;
    if (live != null && r.ruleSet() != live.current()) {
      r = new TurnRunner(live.current(), models, clock, ticker, caller, tools);
      runner = r;
    }
    return r;
  }

  /** The rule set new turns run on now. */
  public RuleSet ruleSet() {
    return live == null ? fixed : live.current();
  }

  /** The serving version, when it was loaded, and the last rejected edit. */
  public RuleSetStatus status() {
    if (live != null) {
      return live.status();
    }
    return new RuleSetStatus(fixed.name(), fixed.version(), null, java.util.List.of(), null, 0, 0);
  }

  /** Stops following the rules folder, when it was given with {@link Builder#rules(Path)}. */
  @Override
  public void close() {
    if (live != null && ownsLive) {
      live.close();
    }
  }

  /** The stored state of a conversation, or a fresh one when it has had no turn. */
  public Conversation conversation(String conversationId) {
    return store.load(conversationId).orElseGet(() -> Conversation.start(conversationId));
  }

  /** Configures an {@link Orchestrator}. */
  public static final class Builder {
    private RuleSet ruleSet;
    private LiveRuleSet live;
    private boolean ownsLive;
    private final java.util.List<Consumer<RuleSetEvent>> listeners = new java.util.ArrayList<>();
    private Model model = new DryRunModel();
    private final Map<String, Model> routes = new HashMap<>();
    private final Map<String, Tool> tools = new HashMap<>();
    private final Map<String, ToolSpec> toolSpecs = new java.util.TreeMap<>();
    private ConversationStore store;
    private Clock clock = Clock.systemUTC();
    private LongSupplier ticker = System::nanoTime;
    private int maxTextBytes = Limits.DEFAULT_MAX_TEXT_BYTES;
    private Path directory;
    private ModelPolicy policy = ModelPolicy.DEFAULT;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private int conflictRetries = 3;

    private Builder() {}

    /**
     * Loads the rule set in this folder and follows it: edits are validated and swapped in live.
     * The rule set is loaded when {@link #build()} runs.
     *
     * @throws RuleSetException from {@link #build()}, listing every problem of the rule set with
     *     file, line and column
     */
    public Builder rules(Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory == null");
      this.ruleSet = null;
      this.live = null;
      return this;
    }

    /** Uses a rule set already loaded, fixed for the life of the orchestrator. */
    public Builder ruleSet(RuleSet ruleSet) {
      this.ruleSet = Objects.requireNonNull(ruleSet, "ruleSet == null");
      this.directory = null;
      this.live = null;
      return this;
    }

    /** Uses a live rule set that someone else owns and closes, such as a server's. */
    public Builder liveRules(LiveRuleSet live) {
      this.live = Objects.requireNonNull(live, "live == null");
      this.directory = null;
      this.ruleSet = null;
      return this;
    }

    /**
     * Receives every swap and rejected edit of the rules folder given with {@link #rules(Path)}.
     */
    public Builder listener(Consumer<RuleSetEvent> listener) {
      listeners.add(Objects.requireNonNull(listener, "listener == null"));
      return this;
    }

    /** The default model; the offline {@code DryRunModel} unless set. */
    public Builder model(Model model) {
      this.model = Objects.requireNonNull(model, "model == null");
      return this;
    }

    /** A named model that rules choose with {@code Route(name)}. */
    public Builder route(String name, Model model) {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(model, "model == null");
      if (name.isBlank()) {
        throw new IllegalArgumentException("route name is blank");
      }
      if (routes.putIfAbsent(name, model) != null) {
        throw new IllegalStateException("route '" + name + "' was already set");
      }
      return this;
    }

    /**
     * The implementation of the tool {@code name} that the rule set declares in {@code
     * ruleset.yaml}. A declared tool without one fails each call the rules let run ({@code
     * ToolFailed}); an implementation of a tool the rule set does not declare is never called.
     */
    public Builder tool(String name, Tool tool) {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(tool, "tool == null");
      if (name.isBlank()) {
        throw new IllegalArgumentException("tool name is blank");
      }
      if (tools.putIfAbsent(name, tool) != null) {
        throw new IllegalStateException("tool '" + name + "' was already set");
      }
      return this;
    }

    /**
     * The tools of LangChain4j tool objects: each method annotated with LangChain4j's {@code @Tool}
     * implements the tool of its name, run by LangChain4j's {@code DefaultToolExecutor}. The rule
     * set must declare each, with the arguments the method takes: {@link #build()} checks.
     *
     * @throws IllegalArgumentException when an object has no {@code @Tool} method
     */
    public Builder tools(Object... toolObjects) {
      for (Object toolObject : toolObjects) {
        for (dev.armature.model.LangChain4jTools.Bound bound :
            dev.armature.model.LangChain4jTools.from(toolObject)) {
          tool(bound.spec(), bound.tool());
        }
      }
      return this;
    }

    /**
     * A tool that describes the arguments it takes, such as a LangChain4j {@code ToolSpecification}
     * with its {@code ToolExecutor} ({@code LangChain4jTools.of}). {@link #build()} checks that the
     * rule set declares a tool of that name, that the implementation takes every argument declared,
     * and that it requires none the declaration does not.
     */
    public Builder tool(ToolSpec spec, Tool tool) {
      Objects.requireNonNull(spec, "spec == null");
      tool(spec.name(), tool);
      toolSpecs.put(spec.name(), spec);
      return this;
    }

    /** Where conversations are kept; in memory unless set. */
    public Builder store(ConversationStore store) {
      this.store = Objects.requireNonNull(store, "store == null");
      return this;
    }

    /** The clock that stamps turns; the system clock in UTC unless set. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** The nanosecond source for stage timings; {@code System::nanoTime} unless set. */
    public Builder ticker(LongSupplier ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker == null");
      return this;
    }

    /**
     * Deadline, retries and circuit breaking for model calls; {@link ModelPolicy#DEFAULT} unless
     * set.
     */
    public Builder modelPolicy(ModelPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy == null");
      return this;
    }

    /** How to wait between retries; {@link Sleeper#SYSTEM} unless set. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
      return this;
    }

    /**
     * How often a turn runs again when another instance commits a turn of the same conversation
     * first (3 unless set; 0 gives the caller every {@link ConflictException}). Running again asks
     * the model again.
     */
    public Builder conflictRetries(int retries) {
      if (retries < 0) {
        throw new IllegalArgumentException("conflictRetries must be >= 0 but was " + retries);
      }
      this.conflictRetries = retries;
      return this;
    }

    /** The largest user text accepted, in UTF-8 bytes; 32 KiB unless set. */
    public Builder maxTextBytes(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxTextBytes must be >= 1 but was " + bytes);
      }
      this.maxTextBytes = bytes;
      return this;
    }

    /**
     * The orchestrator.
     *
     * @throws IllegalArgumentException when a tool given with its own description ({@link
     *     #tools(Object...)}, {@link #tool(ToolSpec, Tool)}) is not declared by the rule set, or
     *     its arguments disagree with the declaration
     */
    public Orchestrator build() {
      if (directory != null) {
        live = LiveRuleSet.load(directory, clock);
        listeners.forEach(live::addListener);
        live.watch();
        ownsLive = true;
      }
      if (ruleSet == null && live == null) {
        throw new IllegalStateException(
            "no rule set: call rules(Path), ruleSet(RuleSet) or liveRules(LiveRuleSet)");
      }
      try {
        ToolSpecCheck.check(toolSpecs, ruleSet == null ? live.current() : ruleSet);
      } catch (IllegalArgumentException e) {
        if (ownsLive) {
          live.close();
        }
        throw e;
      }
      if (store == null) {
        store = new InMemoryStore();
      }
      return new Orchestrator(this);
    }
  }
}
