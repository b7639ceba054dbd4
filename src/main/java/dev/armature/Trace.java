package dev.armature;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.armature.facts.Decision;
import dev.armature.facts.Signal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The proof of one turn: what came in, what the rules saw and did, what was sent and answered, and
 * on which rule set version. Serialised by {@link #toJson()} with stable field names; two runs of
 * the same rule set version on the same state and input give byte-identical traces apart from
 * {@link #timings()}.
 */
public record Trace(
    String conversation,
    int turn,
    String ruleSet,
    String ruleSetVersion,
    Instant time,
    Input input,
    List<Signal> signals,
    List<FiredRule> rules,
    List<Decided> decisions,
    List<Directive> directives,
    List<VarChange> variables,
    Request request,
    List<Attempt> attempts,
    List<ModelCall> calls,
    @com.fasterxml.jackson.annotation.JsonInclude(
            com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
        List<ToolUse> tools,
    String outcome,
    String reply,
    List<String> warnings,
    Timings timings) {

  public Trace {
    signals = List.copyOf(signals);
    rules = List.copyOf(rules);
    decisions = List.copyOf(decisions);
    directives = List.copyOf(directives);
    variables = List.copyOf(variables);
    attempts = List.copyOf(attempts);
    calls = List.copyOf(calls);
    tools = List.copyOf(tools);
    warnings = List.copyOf(warnings);
  }

  /** The user's text (with redacted signals removed) and the caller's attributes. */
  public record Input(String text, Map<String, String> attributes) {
    public Input {
      attributes = Map.copyOf(attributes);
    }
  }

  /** A rule that fired: its place in the firing order, its phase, and the facts it matched. */
  public record FiredRule(int order, String rule, String phase, List<String> facts) {
    public FiredRule {
      facts = java.util.Collections.unmodifiableList(facts);
    }
  }

  /** A decision and the rule that inserted it. */
  public record Decided(String rule, String phase, Decision decision) {}

  /**
   * A construct a rule applied, with whether it was kept, and why not when it was dropped.
   *
   * @param reason {@code null} when kept
   */
  public record Directive(String construct, String rule, boolean kept, String reason) {}

  /**
   * A variable that changed in this turn.
   *
   * @param before {@code null} when it was not set
   * @param after {@code null} when it was cleared
   * @param by the rule or signal that changed it
   */
  public record VarChange(String name, String before, String after, String by) {}

  /**
   * The request as sent to the model, and its SHA-256 ({@link RequestDigest}). The digest is
   * computed when first read, such as when the trace is written or a replay compares requests, so a
   * turn whose trace nobody reads does not hash its request.
   */
  @JsonPropertyOrder({"messages", "parameters", "route", "tools", "sha256"})
  public static final class Request {
    private final List<Message> messages;
    private final ModelParameters parameters;
    private final String route;
    private final List<ToolSpec> tools;
    // Computed at most once per thread that races for it; every computation gives the same string.
    private String sha256;

    public Request(List<Message> messages, ModelParameters parameters, String route) {
      this(messages, parameters, route, List.of());
    }

    /** A request that offered the model these tools. */
    public Request(
        List<Message> messages, ModelParameters parameters, String route, List<ToolSpec> tools) {
      this.messages = List.copyOf(messages);
      this.parameters = java.util.Objects.requireNonNull(parameters, "parameters == null");
      this.route = route;
      this.tools = List.copyOf(tools);
    }

    /** The tools offered; empty when none were. */
    @JsonProperty("tools")
    @com.fasterxml.jackson.annotation.JsonInclude(
        com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
    public List<ToolSpec> tools() {
      return tools;
    }

    @JsonProperty("messages")
    public List<Message> messages() {
      return messages;
    }

    @JsonProperty("parameters")
    public ModelParameters parameters() {
      return parameters;
    }

    @JsonProperty("route")
    public String route() {
      return route;
    }

    /** The SHA-256 of the messages, parameters and route, in hex. */
    @JsonProperty("sha256")
    public String sha256() {
      String digest = sha256;
      if (digest == null) {
        digest = RequestDigest.sha256(messages, parameters, route, tools);
        sha256 = digest;
      }
      return digest;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Request r
          && messages.equals(r.messages)
          && parameters.equals(r.parameters)
          && java.util.Objects.equals(route, r.route)
          && tools.equals(r.tools);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(messages, parameters, route, tools);
    }

    @Override
    public String toString() {
      return "Request[messages="
          + messages
          + ", parameters="
          + parameters
          + ", route="
          + route
          + "]";
    }
  }

  /**
   * One call of the model and what the review made of it.
   *
   * @param request the request this attempt sent; the trace's JSON gives only its SHA-256
   * @param review {@code accepted}, {@code rejected} or {@code replaced}
   * @param reason the reason of the rejection, or {@code null}
   * @param addedConstruct the construct the retry adds, or {@code null}
   */
  @JsonPropertyOrder({"attempt", "requestSha256", "reply"})
  public record Attempt(
      int attempt,
      @JsonIgnore Request request,
      String reply,
      String finishReason,
      int inputTokens,
      int outputTokens,
      String review,
      String reason,
      String addedConstruct) {
    /** The SHA-256 of the request this attempt sent. */
    @JsonProperty("requestSha256")
    public String requestSha256() {
      return request.sha256();
    }
  }

  /**
   * One call of a model: every try, retries and fast failures included.
   *
   * @param attempt the review attempt it served (1, or 2 for the corrective retry)
   * @param tryNumber 1 for the first call of that attempt, then each retry
   * @param outcome {@code ok}, or the kind of failure ({@code timeout}, {@code rate-limited}, ...)
   * @param waitedMillis how long Armature waited before this try
   */
  public record ModelCall(
      int attempt,
      int tryNumber,
      String route,
      String outcome,
      String message,
      long waitedMillis) {}

  /**
   * One tool call of the turn and what became of it.
   *
   * @param round the model's answer it came in (1 for the first)
   * @param arguments the arguments as JSON text, as the model wrote them
   * @param outcome {@code ran}, {@code failed}, {@code timeout}, {@code denied}, {@code parked}
   *     (waiting for the customer's yes), {@code confirmed} (a parked call run after the yes),
   *     {@code dropped} (a parked call the customer did not confirm), {@code responded} (a rule
   *     answered in its place), {@code invalid-arguments}, {@code not-offered}, {@code over-limit},
   *     or {@code client} (handed to the caller, which runs the tool itself; {@link ClientTools})
   * @param rule the rule that denied, parked or answered it, or for a call that ran the tool-phase
   *     rules that judged it and let it run ({@code null} when none did)
   * @param detail the result as JSON text, the failure, or the reason given to the model
   * @param nanos how long the tool ran (0 when it did not run)
   */
  public record ToolUse(
      int round,
      String tool,
      String arguments,
      String outcome,
      String rule,
      String detail,
      long nanos) {}

  /**
   * Nanoseconds spent in each stage of the turn.
   *
   * @param tools the tool stage outside the model's answers: checking, judging and running each
   *     call, and reading its result (at least the sum of {@link ToolUse#nanos()}); 0 when the
   *     model called no tool
   */
  public record Timings(
      long signals,
      long decide,
      long resolve,
      long assemble,
      long model,
      long review,
      long commit,
      long total,
      long tools) {
    /** All zero: for comparing traces without their timings. */
    public static final Timings NONE = new Timings(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Timings of a turn without a tool stage. */
    public Timings(
        long signals,
        long decide,
        long resolve,
        long assemble,
        long model,
        long review,
        long commit,
        long total) {
      this(signals, decide, resolve, assemble, model, review, commit, total, 0);
    }
  }

  /** This trace with every timing set to zero. */
  public Trace withoutTimings() {
    Trace zeroed = completed(warnings, Timings.NONE);
    if (tools.isEmpty()) {
      return zeroed;
    }
    List<ToolUse> untimed =
        tools.stream()
            .map(
                t ->
                    new ToolUse(
                        t.round(), t.tool(), t.arguments(), t.outcome(), t.rule(), t.detail(), 0))
            .toList();
    return new Trace(
        conversation,
        turn,
        ruleSet,
        ruleSetVersion,
        time,
        input,
        signals,
        rules,
        decisions,
        directives,
        variables,
        request,
        attempts,
        calls,
        untimed,
        outcome,
        reply,
        warnings,
        Timings.NONE);
  }

  /** This trace with the warnings and timings known once the turn has committed. */
  Trace completed(List<String> warnings, Timings timings) {
    return new Trace(
        conversation,
        turn,
        ruleSet,
        ruleSetVersion,
        time,
        input,
        signals,
        rules,
        decisions,
        directives,
        variables,
        request,
        attempts,
        calls,
        tools,
        outcome,
        reply,
        warnings,
        timings);
  }

  /** The constructs kept in this turn, in the order they appear in the request. */
  public List<String> constructs() {
    return directives.stream().filter(Directive::kept).map(Directive::construct).toList();
  }

  /** The names of the rules that fired, in firing order. */
  public List<String> firedRules() {
    return rules.stream().map(FiredRule::rule).toList();
  }

  /** This trace as JSON, with stable field names and order. */
  public String toJson() {
    return TraceJson.write(this);
  }
}
