package dev.armature.ruleset;

import dev.armature.RuleException;
import dev.armature.Trace;
import dev.armature.facts.Decision;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.AgendaFilter;

/**
 * The rule engine session of one turn: facts go in, rules of one phase fire, and every firing and
 * every decision is recorded with the rule behind it. Not thread-safe; one per turn, closed after.
 */
public final class RuleSession implements AutoCloseable {
  private final RuleSet ruleSet;
  private final KieSession session;
  private final List<Trace.FiredRule> fired = new ArrayList<>();
  private final List<Trace.Decided> decided = new ArrayList<>();
  private Phase phase = Phase.DECIDE;
  private String running;

  private final DefaultAgendaEventListener agendaListener;
  private final DefaultRuleRuntimeEventListener insertListener;

  RuleSession(RuleSet ruleSet, KieSession session) {
    this.ruleSet = ruleSet;
    this.session = session;
    this.agendaListener =
        new DefaultAgendaEventListener() {
          @Override
          public void beforeMatchFired(BeforeMatchFiredEvent event) {
            running = event.getMatch().getRule().getName();
          }

          @Override
          public void afterMatchFired(AfterMatchFiredEvent event) {
            fired.add(
                new Trace.FiredRule(
                    fired.size() + 1,
                    running,
                    phase.label(),
                    MatchedFacts.of(event.getMatch().getObjects(), ruleSet.signals())));
            running = null;
          }
        };
    this.insertListener =
        new DefaultRuleRuntimeEventListener() {
          @Override
          public void objectInserted(ObjectInsertedEvent event) {
            if (event.getObject() instanceof Decision && event.getRule() != null) {
              decided.add(
                  new Trace.Decided(
                      event.getRule().getName(), phase.label(), (Decision) event.getObject()));
            }
          }
        };
    session.addEventListener(agendaListener);
    session.addEventListener(insertListener);
  }

  /** The rules that fired in one phase and the decisions they made, in order. */
  public record Firing(List<Trace.FiredRule> fired, List<Trace.Decided> decisions) {
    public Firing {
      fired = List.copyOf(fired);
      decisions = List.copyOf(decisions);
    }
  }

  /**
   * Inserts the facts and fires the rules of the phase, at most the rule set's bound of firings.
   *
   * @throws RuleException naming the rule, when a rule's action throws or the bound is reached
   */
  public Firing fire(Phase phase, Collection<?> facts) {
    this.phase = phase;
    int firstFired = fired.size();
    int firstDecided = decided.size();
    AgendaFilter filter = ruleSet.filter(phase);
    int bound = ruleSet.maxFirings();
    int count;
    try {
      for (Object fact : facts) {
        session.insert(fact);
      }
      count = filter == null ? session.fireAllRules(bound) : session.fireAllRules(filter, bound);
    } catch (RuntimeException e) {
      throw failure(e);
    }
    if (count >= bound) {
      String rule = mostFired(firstFired);
      throw new RuleException(
          rule,
          "rule '"
              + rule
              + "' keeps firing: the "
              + phase.label()
              + " phase reached the bound of "
              + bound
              + " firings (limits.max_firings); "
              + "a rule that inserts what it matches re-fires itself",
          null);
    }
    return new Firing(
        fired.subList(firstFired, fired.size()), decided.subList(firstDecided, decided.size()));
  }

  /** Removes a fact this session was given, such as a reply that a retry replaces. */
  public void retract(Object fact) {
    org.kie.api.runtime.rule.FactHandle handle = session.getFactHandle(fact);
    if (handle != null) {
      session.delete(handle);
    }
  }

  /**
   * Sets a conversation variable for the rules that fire after this in the turn: the {@code Var} of
   * that name is replaced ({@code value} null removes it). The tool phase uses it, so that a result
   * kept by one tool rule is seen by the rules judging the next call.
   */
  public void setVar(String name, String value) {
    for (Object fact :
        new ArrayList<>(session.getObjects(o -> o instanceof dev.armature.facts.Var))) {
      if (((dev.armature.facts.Var) fact).name().equals(name)) {
        retract(fact);
      }
    }
    if (value != null) {
      session.insert(new dev.armature.facts.Var(name, value));
    }
  }

  private String mostFired(int from) {
    Map<String, Integer> counts = new HashMap<>();
    String best = "?";
    int most = 0;
    for (Trace.FiredRule f : fired.subList(from, fired.size())) {
      int n = counts.merge(f.rule(), 1, Integer::sum);
      if (n > most) {
        most = n;
        best = f.rule();
      }
    }
    return best;
  }

  private static final java.util.regex.Pattern CONDITION_RULE =
      java.util.regex.Pattern.compile("Rule \"([^\"]+)\"");

  /**
   * A rule that threw: while its action ran (the engine had started it), or while the engine
   * evaluated its condition (the engine names the rule whose constraint failed).
   */
  private RuleException failure(RuntimeException e) {
    if (running != null) {
      String rule = running;
      return new RuleException(
          rule, "rule '" + rule + "' failed in its action: " + rootMessage(e), e);
    }
    String rule = "?";
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      java.util.regex.Matcher m = CONDITION_RULE.matcher(String.valueOf(t.getMessage()));
      if (m.find()) {
        rule = m.group(1);
        break;
      }
    }
    return new RuleException(
        rule,
        "rule '"
            + rule
            + "' failed in its condition ("
            + phase.label()
            + " phase): "
            + rootMessage(e),
        e);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    // In words, not as a Java type name: the message reaches clients and logs.
    String kind =
        root.getClass()
            .getSimpleName()
            .replaceAll("([a-z])([A-Z])", "$1 $2")
            .toLowerCase(java.util.Locale.ROOT);
    return kind + (message == null ? "" : ": " + message);
  }

  @Override
  public void close() {
    session.dispose();
  }
}
