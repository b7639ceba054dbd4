package dev.armature.assembly;

import dev.armature.ModelParameters;
import dev.armature.RuleException;
import dev.armature.Trace;
import dev.armature.facts.Apply;
import dev.armature.facts.ClearVar;
import dev.armature.facts.Decision;
import dev.armature.facts.Param;
import dev.armature.facts.Respond;
import dev.armature.facts.Route;
import dev.armature.facts.SetVar;
import dev.armature.facts.Suppress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a turn's decisions into directives, variables and parameters. When two rules decide the
 * same thing (a variable, a parameter, a route, a response), the decision made first wins: rules
 * with higher salience fire first. The same decisions always resolve to the same result.
 */
public final class Resolver {
  private final Map<String, Construct> constructs;
  private final Map<String, Integer> sectionIndex = new HashMap<>();
  private final Comparator<Construct> requestOrder;
  private final Comparator<Construct> precedence;

  public Resolver(Map<String, Construct> constructs, List<String> sections) {
    this.constructs = constructs;
    for (int i = 0; i < sections.size(); i++) {
      sectionIndex.put(sections.get(i), i);
    }
    Comparator<Construct> bySection = Comparator.comparingInt(c -> sectionIndex.get(c.section()));
    Comparator<Construct> byPriority = Comparator.comparingInt(c -> -c.priority());
    this.requestOrder = bySection.thenComparing(byPriority).thenComparing(Construct::id);
    this.precedence = byPriority.thenComparing(bySection).thenComparing(Construct::id);
  }

  /**
   * Resolves the decide phase's decisions.
   *
   * @param decisions the decisions in the order rules made them
   * @param stored the variables the conversation had before this turn
   * @param captured the variables signal captures set in this turn
   * @param capturedBy for each captured variable, the signal that captured it
   * @param defaults the rule set's model parameters
   * @throws RuleException naming the rule, when a decision names an unknown construct or an invalid
   *     parameter
   */
  public Resolution resolve(
      List<Trace.Decided> decisions,
      Map<String, String> stored,
      Map<String, String> captured,
      Map<String, String> capturedBy,
      Map<String, String> defaults) {
    Map<String, String> appliedBy = new LinkedHashMap<>();
    Map<String, String> suppressedBy = new HashMap<>();
    Map<String, Trace.Decided> varDecisions = new LinkedHashMap<>();
    Map<String, String> paramDecisions = new TreeMap<>();
    List<String> warnings = new ArrayList<>();
    String route = null;
    String respond = null;
    String responder = null;
    for (Trace.Decided d : decisions) {
      Decision decision = d.decision();
      if (decision instanceof Apply) {
        appliedBy.putIfAbsent(known(((Apply) decision).construct(), d), d.rule());
      } else if (decision instanceof Suppress) {
        suppressedBy.putIfAbsent(known(((Suppress) decision).construct(), d), d.rule());
      } else if (decision instanceof SetVar || decision instanceof ClearVar) {
        String name =
            decision instanceof SetVar ? ((SetVar) decision).name() : ((ClearVar) decision).name();
        if (varDecisions.putIfAbsent(name, d) != null) {
          warnings.add(
              "rule '"
                  + d.rule()
                  + "': "
                  + decision
                  + " overridden by rule '"
                  + varDecisions.get(name).rule()
                  + "'");
        }
      } else if (decision instanceof Param) {
        Param p = (Param) decision;
        try {
          ModelParameters.validate(p.name(), p.value());
        } catch (IllegalArgumentException e) {
          throw new RuleException(d.rule(), "rule '" + d.rule() + "': " + e.getMessage(), e);
        }
        if (paramDecisions.putIfAbsent(p.name(), p.value()) != null) {
          warnings.add("rule '" + d.rule() + "': " + p + " overridden by an earlier Param");
        }
      } else if (decision instanceof Route) {
        route = first(route, ((Route) decision).model(), d, warnings);
      } else if (decision instanceof Respond) {
        responder = respond == null ? d.rule() : responder;
        respond = first(respond, ((Respond) decision).text(), d, warnings);
      } else if (decision instanceof dev.armature.facts.Offer) {
        continue; // the turn's tool stage reads the offers
      } else if (decision instanceof dev.armature.facts.Deny
          || decision instanceof dev.armature.facts.Confirm) {
        warnings.add(
            "rule '" + d.rule() + "': " + decision + " has no effect outside the tool phase");
      } else {
        warnings.add(
            "rule '" + d.rule() + "': " + decision + " has no effect outside the review phase");
      }
    }
    List<Trace.Directive> directives = new ArrayList<>();
    List<Construct> kept = directives(appliedBy, suppressedBy, directives);
    if (respond != null) {
      // The rule's answer is the reply: no request is sent, so no construct reaches the model, and
      // later turns must not see them as Applied.
      kept = List.of();
      directives = unsent(directives, responder);
    }
    Map<String, String> vars = new TreeMap<>(stored);
    List<Trace.VarChange> changes = new ArrayList<>();
    captured.forEach(
        (name, value) -> {
          String before = vars.put(name, value);
          if (!value.equals(before)) {
            changes.add(
                new Trace.VarChange(name, before, value, "signal '" + capturedBy.get(name) + "'"));
          }
        });
    varDecisions.forEach((name, d) -> change(vars, changes, d));
    return new Resolution(
        kept,
        directives,
        params(kept, paramDecisions, defaults),
        vars,
        changes,
        route,
        respond,
        warnings);
  }

  /**
   * The kept constructs with one more added, as a review's corrective retry asks: constructs that
   * exclude it, or that it excludes, give way to it.
   */
  public List<Construct> withConstruct(List<Construct> kept, String id) {
    Construct added = constructs.get(id);
    if (added == null) {
      throw new IllegalArgumentException("unknown construct '" + id + "'");
    }
    List<Construct> out = new ArrayList<>();
    for (Construct c : kept) {
      if (!c.id().equals(id) && !c.excludes().contains(id) && !added.excludes().contains(c.id())) {
        out.add(c);
      }
    }
    out.add(added);
    out.sort(requestOrder);
    return out;
  }

  private String known(String construct, Trace.Decided d) {
    if (!constructs.containsKey(construct)) {
      throw new RuleException(
          d.rule(),
          "rule '"
              + d.rule()
              + "' names unknown construct '"
              + construct
              + "' in "
              + d.decision().getClass().getSimpleName()
              + "; known constructs: "
              + String.join(", ", constructs.keySet()),
          null);
    }
    return construct;
  }

  private static String first(
      String current, String value, Trace.Decided d, List<String> warnings) {
    if (current != null) {
      warnings.add(
          "rule '" + d.rule() + "': " + d.decision() + " overridden by an earlier decision");
      return current;
    }
    return value;
  }

  private List<Construct> directives(
      Map<String, String> appliedBy, Map<String, String> suppressedBy, List<Trace.Directive> out) {
    List<Construct> candidates = new ArrayList<>();
    Map<String, String> dropped = new HashMap<>();
    for (String id : appliedBy.keySet()) {
      String suppressor = suppressedBy.get(id);
      if (suppressor != null) {
        dropped.put(id, "suppressed by rule '" + suppressor + "'");
      } else {
        candidates.add(constructs.get(id));
      }
    }
    candidates.sort(precedence);
    List<Construct> kept = new ArrayList<>();
    Set<String> keptIds = new HashSet<>();
    for (Construct c : candidates) {
      String by = excluder(c, kept);
      if (by == null) {
        kept.add(c);
        keptIds.add(c.id());
      } else {
        dropped.put(c.id(), "excluded by construct '" + by + "'");
      }
    }
    kept.sort(requestOrder);
    List<Construct> all = new ArrayList<>();
    appliedBy.keySet().forEach(id -> all.add(constructs.get(id)));
    all.sort(requestOrder);
    for (Construct c : all) {
      out.add(
          new Trace.Directive(
              c.id(), appliedBy.get(c.id()), keptIds.contains(c.id()), dropped.get(c.id())));
    }
    return kept;
  }

  private static List<Trace.Directive> unsent(List<Trace.Directive> directives, String responder) {
    List<Trace.Directive> out = new ArrayList<>(directives.size());
    for (Trace.Directive d : directives) {
      out.add(
          d.kept()
              ? new Trace.Directive(
                  d.construct(),
                  d.rule(),
                  false,
                  "not sent: rule '" + responder + "' answered with Respond")
              : d);
    }
    return out;
  }

  private static String excluder(Construct c, List<Construct> kept) {
    for (Construct k : kept) {
      if (k.excludes().contains(c.id()) || c.excludes().contains(k.id())) {
        return k.id();
      }
    }
    return null;
  }

  private Map<String, String> params(
      List<Construct> kept, Map<String, String> decided, Map<String, String> defaults) {
    Map<String, String> params = new TreeMap<>(defaults);
    List<Construct> byPrecedence = new ArrayList<>(kept);
    byPrecedence.sort(precedence.reversed());
    for (Construct c : byPrecedence) {
      params.putAll(c.params());
    }
    params.putAll(decided);
    return params;
  }

  private static void change(
      Map<String, String> vars, List<Trace.VarChange> changes, Trace.Decided d) {
    String name;
    String after;
    if (d.decision() instanceof SetVar) {
      name = ((SetVar) d.decision()).name();
      after = ((SetVar) d.decision()).value();
    } else {
      name = ((ClearVar) d.decision()).name();
      after = null;
    }
    String before = vars.get(name);
    if (Objects.equals(before, after)) {
      return;
    }
    if (after == null) {
      vars.remove(name);
    } else {
      vars.put(name, after);
    }
    changes.add(new Trace.VarChange(name, before, after, "rule '" + d.rule() + "'"));
  }
}
