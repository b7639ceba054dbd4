package dev.armature.server;

import dev.armature.Trace;
import dev.armature.ruleset.RuleSetEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;

/**
 * What the server counts, in Prometheus form: turns by rule set and outcome, the time of each stage
 * of a turn, rules fired, directives kept and dropped, model latency, calls and tokens, rule set
 * reloads and rejected edits.
 */
final class Metrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /** Records a completed turn from its trace. */
  void turn(Trace trace, String api) {
    String ruleSet = trace.ruleSet();
    turns(ruleSet, trace.outcome(), api);
    Trace.Timings t = trace.timings();
    stage(ruleSet, "signals", t.signals());
    stage(ruleSet, "decide", t.decide());
    stage(ruleSet, "resolve", t.resolve());
    stage(ruleSet, "assemble", t.assemble());
    stage(ruleSet, "model", t.model());
    stage(ruleSet, "review", t.review());
    if (!trace.tools().isEmpty()) {
      stage(ruleSet, "tools", t.tools());
    }
    stage(ruleSet, "commit", t.commit());
    stage(ruleSet, "total", t.total());
    for (Trace.FiredRule rule : trace.rules()) {
      Counter.builder("armature.rules.fired")
          .description("Rules fired, by rule and phase")
          .tag("ruleset", ruleSet)
          .tag("rule", rule.rule())
          .tag("phase", rule.phase())
          .register(registry)
          .increment();
    }
    for (Trace.Directive d : trace.directives()) {
      Counter.builder("armature.directives")
          .description("Constructs applied by rules, kept or dropped")
          .tag("ruleset", ruleSet)
          .tag("construct", d.construct())
          .tag("kept", Boolean.toString(d.kept()))
          .register(registry)
          .increment();
    }
    if (trace.request() != null) {
      Timer.builder("armature.model.latency")
          .description("Time spent waiting for the model in a turn")
          .tag("ruleset", ruleSet)
          .register(registry)
          .record(t.model(), TimeUnit.NANOSECONDS);
    }
    for (Trace.ModelCall call : trace.calls()) {
      Counter.builder("armature.model.calls")
          .description("Model calls, retries included, by outcome")
          .tag("ruleset", ruleSet)
          .tag("route", call.route() == null ? "default" : call.route())
          .tag("outcome", call.outcome())
          .register(registry)
          .increment();
    }
    for (Trace.ToolUse use : trace.tools()) {
      Counter.builder("armature.tool.calls")
          .description("Tool calls the model asked for, by tool and what became of them")
          .tag("ruleset", ruleSet)
          .tag("tool", use.tool())
          .tag("outcome", use.outcome())
          .register(registry)
          .increment();
      if (use.nanos() > 0) {
        Timer.builder("armature.tool.duration")
            .description("Time the tools took, per call that ran")
            .tag("ruleset", ruleSet)
            .tag("tool", use.tool())
            .register(registry)
            .record(use.nanos(), TimeUnit.NANOSECONDS);
      }
    }
    for (Trace.Attempt a : trace.attempts()) {
      tokens(ruleSet, "input", a.inputTokens());
      tokens(ruleSet, "output", a.outputTokens());
    }
  }

  /** Records a turn that failed, by the code of its error. */
  void failed(String ruleSet, String code, String api) {
    turns(ruleSet, code, api);
  }

  /** Counts swaps and rejected edits of a live rule set. */
  void ruleSetEvent(RuleSetEvent event) {
    if (event instanceof RuleSetEvent.Swapped) {
      Counter.builder("armature.ruleset.reloads")
          .description("New rule set versions swapped in")
          .tag("ruleset", event.ruleSet())
          .register(registry)
          .increment();
      Timer.builder("armature.ruleset.build")
          .description("Time to load, check and compile a new version")
          .tag("ruleset", event.ruleSet())
          .register(registry)
          .record(((RuleSetEvent.Swapped) event).buildNanos(), TimeUnit.NANOSECONDS);
    } else {
      Counter.builder("armature.ruleset.reload.errors")
          .description("Rule set edits rejected; the last good version kept serving")
          .tag("ruleset", event.ruleSet())
          .register(registry)
          .increment();
    }
  }

  /** Makes the reload counters of a rule set visible at zero before its first reload. */
  void ruleSetServed(String ruleSet) {
    Counter.builder("armature.ruleset.reloads")
        .description("New rule set versions swapped in")
        .tag("ruleset", ruleSet)
        .register(registry);
    Counter.builder("armature.ruleset.reload.errors")
        .description("Rule set edits rejected; the last good version kept serving")
        .tag("ruleset", ruleSet)
        .register(registry);
  }

  /** Shows the turns running now and the most that may run at once. */
  void capacity(java.util.function.IntSupplier inFlight, int max) {
    io.micrometer.core.instrument.Gauge.builder("armature.turns.in.flight", inFlight::getAsInt)
        .description("Turns running now")
        .register(registry);
    io.micrometer.core.instrument.Gauge.builder("armature.turns.max.in.flight", () -> max)
        .description("The most turns that run at once (serve --max-in-flight)")
        .register(registry);
  }

  /** Shows how many conversations a store in memory keeps, and how many it has forgotten. */
  void store(dev.armature.ConversationStore store) {
    if (!(store instanceof dev.armature.state.InMemoryStore)) {
      return;
    }
    dev.armature.state.InMemoryStore memory = (dev.armature.state.InMemoryStore) store;
    io.micrometer.core.instrument.FunctionCounter.builder(
            "armature.store.evictions", memory, m -> m.evictions())
        .description("Conversations forgotten by the store in memory for its size or idle limit")
        .register(registry);
    io.micrometer.core.instrument.Gauge.builder("armature.store.conversations", memory::size)
        .description("Conversations kept by the store in memory")
        .register(registry);
  }

  /** The Prometheus text exposition of every meter. */
  String scrape() {
    return registry.scrape();
  }

  private void turns(String ruleSet, String outcome, String api) {
    Counter.builder("armature.turns")
        .description("Turns, by rule set, outcome and API")
        .tag("ruleset", ruleSet)
        .tag("outcome", outcome)
        .tag("api", api)
        .register(registry)
        .increment();
  }

  private void stage(String ruleSet, String stage, long nanos) {
    Timer.builder("armature.turn.stage")
        .description("Time spent in each stage of a turn")
        .tag("ruleset", ruleSet)
        .tag("stage", stage)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  private void tokens(String ruleSet, String kind, int count) {
    Counter.builder("armature.model.tokens")
        .description("Tokens reported by the model")
        .tag("ruleset", ruleSet)
        .tag("kind", kind)
        .register(registry)
        .increment(count);
  }
}
