package dev.armature.ruleset;

import dev.armature.assembly.Construct;
import dev.armature.signals.SignalDetector;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.AgendaFilter;

/**
 * A loaded rule set: immutable, compiled once, shared by every turn that runs on it. Its {@link
 * #version()} is a hash of every file's content, so the same files give the same version.
 */
public final class RuleSet {
  /** A rule of the rule set, where it is written, and the phase it runs in. */
  public record RuleInfo(String name, Phase phase, String file, int line) {}

  private final String name;
  private final String description;
  private final String version;
  private final Path directory;
  private final String frame;
  private final List<String> sections;
  private final Map<String, Construct> constructs;
  private final SignalDetector signals;
  private final Map<String, String> params;
  private final HistoryPolicy history;
  private final int maxFirings;
  private final int streamWindow;
  private final List<RuleInfo> rules;
  private final Set<String> clientAttributes;
  private final Map<String, String> routes;
  private final List<GatePath> gate;
  private final KieBase kieBase;
  private final Set<Rule> reviewRules;
  private final Set<Rule> fallbackRules;
  private final Set<Rule> toolRules;
  private final AgendaFilter toolFilter;
  private final Map<String, ToolDeclaration> tools;
  private final int maxToolRounds;
  private final AgendaFilter decideFilter;
  private final AgendaFilter reviewFilter;
  private final AgendaFilter fallbackFilter;

  RuleSet(
      Loaded loaded,
      KieBase kieBase,
      Set<Rule> reviewRules,
      Set<Rule> fallbackRules,
      Set<Rule> toolRules) {
    this.name = loaded.name();
    this.description = loaded.description();
    this.version = loaded.version();
    this.directory = loaded.directory();
    this.frame = loaded.frame();
    this.sections = List.copyOf(loaded.sections());
    this.constructs = Collections.unmodifiableMap(loaded.constructs());
    this.signals = loaded.signals();
    this.params = Map.copyOf(loaded.params());
    this.history = loaded.history();
    this.maxFirings = loaded.maxFirings();
    this.streamWindow = loaded.streamWindow();
    this.rules = List.copyOf(loaded.rules());
    this.clientAttributes = Set.copyOf(loaded.clientAttributes());
    this.routes = Map.copyOf(loaded.routes());
    this.gate = List.copyOf(loaded.gate());
    this.kieBase = kieBase;
    Set<Rule> review = Collections.newSetFromMap(new IdentityHashMap<>());
    review.addAll(reviewRules);
    this.reviewRules = review;
    Set<Rule> fallback = Collections.newSetFromMap(new IdentityHashMap<>());
    fallback.addAll(fallbackRules);
    this.fallbackRules = fallback;
    Set<Rule> tool = Collections.newSetFromMap(new IdentityHashMap<>());
    tool.addAll(toolRules);
    this.toolRules = tool;
    this.tools = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(loaded.tools()));
    this.maxToolRounds = loaded.maxToolRounds();
    this.decideFilter =
        review.isEmpty() && fallback.isEmpty() && tool.isEmpty()
            ? null
            : match ->
                !this.reviewRules.contains(match.getRule())
                    && !this.fallbackRules.contains(match.getRule())
                    && !this.toolRules.contains(match.getRule());
    this.toolFilter = match -> this.toolRules.contains(match.getRule());
    this.reviewFilter = match -> this.reviewRules.contains(match.getRule());
    this.fallbackFilter = match -> this.fallbackRules.contains(match.getRule());
  }

  /** What the loader read, before the rules compiled. */
  record Loaded(
      String name,
      String description,
      String version,
      Path directory,
      String frame,
      List<String> sections,
      Map<String, Construct> constructs,
      SignalDetector signals,
      Map<String, String> params,
      HistoryPolicy history,
      int maxFirings,
      int streamWindow,
      List<RuleInfo> rules,
      Set<String> clientAttributes,
      Map<String, String> routes,
      List<GatePath> gate,
      Map<String, ToolDeclaration> tools,
      int maxToolRounds) {}

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  /** The first 16 hex digits of the SHA-256 of every file of the rule set. */
  public String version() {
    return version;
  }

  /** The folder it was loaded from. */
  public Path directory() {
    return directory;
  }

  /** The opening of every system message: the assistant's purpose. */
  public String frame() {
    return frame;
  }

  /** Section names in the order they appear in the system message. */
  public List<String> sections() {
    return sections;
  }

  /** Constructs by id, sorted by id. */
  public Map<String, Construct> constructs() {
    return constructs;
  }

  public SignalDetector signals() {
    return signals;
  }

  /** Model parameters from {@code ruleset.yaml}, as text. */
  public Map<String, String> params() {
    return params;
  }

  /**
   * The caller attributes an HTTP client may set on a turn of this rule set ({@code attributes:
   * client:} in {@code ruleset.yaml}); none unless declared. A program that embeds the orchestrator
   * passes what it trusts.
   */
  public Set<String> clientAttributes() {
    return clientAttributes;
  }

  public HistoryPolicy history() {
    return history;
  }

  /** The most rule firings one phase of a turn may take. */
  public int maxFirings() {
    return maxFirings;
  }

  /**
   * How many characters of a streamed reply are held back from the client, so that the redacting
   * signals see them first ({@code stream.window} in ruleset.yaml); 0 for none.
   */
  public int streamWindow() {
    return streamWindow;
  }

  /** Every rule, in file order. */
  public List<RuleInfo> rules() {
    return rules;
  }

  /**
   * The routes {@code ruleset.yaml} declares, each with what serves it until the application binds
   * a model to its name ({@code default}: the default model).
   */
  public Map<String, String> routes() {
    return routes;
  }

  /** The conversations that must replay before a live edit of this rule set serves. */
  public List<GatePath> gate() {
    return gate;
  }

  /** The tools declared in {@code ruleset.yaml}, by name, in the order declared. */
  public Map<String, ToolDeclaration> tools() {
    return tools;
  }

  /** The declared tools' names in alphabetical order, for a message: "none" when there are none. */
  public String toolNames() {
    return tools.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(tools.keySet()));
  }

  /**
   * How many times a turn may ask the model again after running its tool calls ({@code
   * limits.max_tool_rounds}); the last request of a turn offers no tools.
   */
  public int maxToolRounds() {
    return maxToolRounds;
  }

  /** Whether any rule runs in the review phase. */
  public boolean hasReviewRules() {
    return !reviewRules.isEmpty();
  }

  /** A new engine session for one turn; close it when the turn ends. */
  public RuleSession openSession() {
    // A fresh session per turn. Drools' session pools were tried: a reset session let two rules of
    // one activation group both fire, so a pooled turn would not be the same turn.
    return new RuleSession(this, kieBase.newKieSession());
  }

  AgendaFilter filter(Phase phase) {
    if (phase == Phase.TOOL) {
      return toolFilter;
    }
    return phase == Phase.REVIEW
        ? reviewFilter
        : phase == Phase.FALLBACK ? fallbackFilter : decideFilter;
  }

  /** Whether any rule runs in the fallback phase, when the model failed. */
  public boolean hasFallbackRules() {
    return !fallbackRules.isEmpty();
  }

  /** The compiled rules, for benchmarks that compare a turn with bare engine use. */
  public KieBase kieBase() {
    return kieBase;
  }

  @Override
  public String toString() {
    return "RuleSet[" + name + "@" + version + "]";
  }
}
