package dev.armature;

import dev.armature.model.DryRunModel;
import dev.armature.ruleset.RuleSet;
import dev.armature.ruleset.RuleSetLoader;
import dev.armature.state.InMemoryStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Runs conversation turns: each turn's state goes into a fresh rule engine session, the rules decide
 * which constructs apply, and the model is asked with the request they assemble.
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
 * run one after the other. A turn that fails changes nothing in the store.
 */
public final class Orchestrator {
  private static final int STRIPES = 1024;

  private final TurnRunner runner;
  private final ConversationStore store;
  private final LongSupplier ticker;
  private final int maxTextBytes;
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

  private Orchestrator(Builder builder) {
    Map<String, Model> models = new HashMap<>(builder.routes);
    models.put("", builder.model);
    this.runner = new TurnRunner(builder.ruleSet, Map.copyOf(models), builder.clock, builder.ticker);
    this.store = builder.store;
    this.ticker = builder.ticker;
    this.maxTextBytes = builder.maxTextBytes;
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
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
   * @throws ModelException when the model fails
   * @throws ReplyRejectedException when the review rejects the reply twice
   * @throws ConflictException when the store saw another turn of this conversation commit first
   */
  public TurnResult turn(String conversationId, String text, Map<String, String> attributes) {
    long started = ticker.getAsLong();
    Objects.requireNonNull(attributes, "attributes == null");
    Limits.check(conversationId, text, attributes, maxTextBytes);
    ReentrantLock lock = locks[Math.floorMod(conversationId.hashCode() * 0x9E3779B9, STRIPES)];
    lock.lock();
    try {
      Conversation conversation = store.load(conversationId).orElseGet(() -> Conversation.start(conversationId));
      TurnRunner.Ran ran = runner.run(conversation, text, attributes, started);
      long beforeCommit = ticker.getAsLong();
      store.save(ran.next());
      long done = ticker.getAsLong();
      Trace t = ran.result().trace();
      Trace.Timings s = t.timings();
      Trace.Timings timings = new Trace.Timings(s.signals(), s.decide(), s.resolve(), s.assemble(), s.model(),
          s.review(), done - beforeCommit, done - started);
      Trace trace = new Trace(t.conversation(), t.turn(), t.ruleSet(), t.ruleSetVersion(), t.time(), t.input(),
          t.signals(), t.rules(), t.decisions(), t.directives(), t.variables(), t.request(), t.attempts(),
          t.outcome(), t.reply(), t.warnings(), timings);
      return new TurnResult(ran.result().reply(), trace);
    } finally {
      lock.unlock();
    }
  }

  /** The rule set turns run on now. */
  public RuleSet ruleSet() {
    return runner.ruleSet();
  }

  /** The stored state of a conversation, or a fresh one when it has had no turn. */
  public Conversation conversation(String conversationId) {
    return store.load(conversationId).orElseGet(() -> Conversation.start(conversationId));
  }

  /** Configures an {@link Orchestrator}. */
  public static final class Builder {
    private RuleSet ruleSet;
    private Model model = new DryRunModel();
    private final Map<String, Model> routes = new HashMap<>();
    private ConversationStore store;
    private Clock clock = Clock.systemUTC();
    private LongSupplier ticker = System::nanoTime;
    private int maxTextBytes = Limits.DEFAULT_MAX_TEXT_BYTES;

    private Builder() {}

    /**
     * Loads the rule set in this folder.
     *
     * @throws RuleSetException listing every problem of the rule set with file, line and column
     */
    public Builder rules(Path directory) {
      Objects.requireNonNull(directory, "directory == null");
      return ruleSet(RuleSetLoader.load(directory));
    }

    /** Uses a rule set already loaded. */
    public Builder ruleSet(RuleSet ruleSet) {
      this.ruleSet = Objects.requireNonNull(ruleSet, "ruleSet == null");
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

    /** The largest user text accepted, in UTF-8 bytes; 32 KiB unless set. */
    public Builder maxTextBytes(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxTextBytes must be >= 1 but was " + bytes);
      }
      this.maxTextBytes = bytes;
      return this;
    }

    /** The orchestrator. */
    public Orchestrator build() {
      if (ruleSet == null) {
        throw new IllegalStateException("no rule set: call rules(Path) or ruleSet(RuleSet)");
      }
      if (store == null) {
        store = new InMemoryStore();
      }
      return new Orchestrator(this);
    }
  }
}
