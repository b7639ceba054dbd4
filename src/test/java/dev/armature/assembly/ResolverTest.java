package dev.armature.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResolverTest {
  private static Construct construct(
      String id, String section, int priority, List<String> excludes, Map<String, String> params) {
    return new Construct(id, "", "", section, priority, excludes, params, Template.parse(id));
  }

  private final Map<String, Construct> constructs = new LinkedHashMap<>();
  private final Resolver resolver;

  ResolverTest() {
    constructs.put("safety", construct("safety", "safety", 10, List.of(), Map.of()));
    constructs.put(
        "calm", construct("calm", "stance", 80, List.of("cheerful"), Map.of("temperature", "0.3")));
    constructs.put(
        "cheerful", construct("cheerful", "stance", 20, List.of(), Map.of("temperature", "0.9")));
    constructs.put(
        "brief", construct("brief", "format", 50, List.of(), Map.of("max_tokens", "100")));
    constructs.put(
        "alpha", construct("alpha", "format", 50, List.of(), Map.of("max_tokens", "300")));
    resolver = new Resolver(constructs, List.of("safety", "stance", "format"));
  }

  private static Trace.Decided by(String rule, Decision d) {
    return new Trace.Decided(rule, "decide", d);
  }

  private Resolution resolve(List<Trace.Decided> decisions) {
    return resolver.resolve(
        decisions,
        Map.of("stage", "start"),
        Map.of(),
        Map.of(),
        Map.of("temperature", "0.5", "top_p", "0.9"));
  }

  @Test
  void resolve_ordersBySectionThenPriorityThenId_whateverTheDecisionOrder() {
    List<Trace.Decided> decisions =
        new ArrayList<>(
            List.of(
                by("a", new Apply("brief")),
                by("b", new Apply("alpha")),
                by("c", new Apply("cheerful")),
                by("d", new Apply("safety"))));
    List<String> first = ids(resolve(decisions));
    Collections.reverse(decisions);

    assertThat(first).containsExactly("safety", "cheerful", "alpha", "brief");
    assertThat(ids(resolve(decisions))).isEqualTo(first);
  }

  @Test
  void resolve_whenConstructsExcludeEachOther_higherPriorityWinsWhicheverDeclaresIt() {
    Resolution r = resolve(List.of(by("a", new Apply("cheerful")), by("b", new Apply("calm"))));

    assertThat(ids(r)).containsExactly("calm");
    assertThat(r.directives())
        .containsExactly(
            new Trace.Directive("calm", "b", true, null),
            new Trace.Directive("cheerful", "a", false, "excluded by construct 'calm'"));
  }

  @Test
  void resolve_whenSuppressed_dropsTheConstructAndSaysWhichRule() {
    Resolution r =
        resolve(
            List.of(
                by("a", new Apply("calm")),
                by("b", new Suppress("calm")),
                by("c", new Apply("cheerful"))));

    assertThat(ids(r)).containsExactly("cheerful");
    assertThat(r.directives())
        .contains(new Trace.Directive("calm", "a", false, "suppressed by rule 'b'"));
  }

  @Test
  void resolve_mergesParamsFromDefaultsThenConstructsByPriorityThenParamDecisions() {
    Resolution r =
        resolve(
            List.of(
                by("a", new Apply("brief")),
                by("b", new Apply("alpha")),
                by("c", new Apply("cheerful"))));
    assertThat(r.params())
        .containsExactly(
            Map.entry("max_tokens", "300"),
            Map.entry("temperature", "0.9"),
            Map.entry("top_p", "0.9"));

    Resolution decided =
        resolve(
            List.of(
                by("a", new Apply("cheerful")),
                by("b", new Param("temperature", 0.1)),
                by("c", new Param("temperature", 0.7))));
    assertThat(decided.params()).containsEntry("temperature", "0.1");
    assertThat(decided.warnings())
        .containsExactly(
            "rule 'c': Param[name=temperature, value=0.7] overridden by an earlier Param");
  }

  @Test
  void resolve_appliesVariableDecisionsFirstWins() {
    Resolution r =
        resolve(
            List.of(
                by("a", new SetVar("stage", "billing")),
                by("b", new SetVar("stage", "closing")),
                by("c", new SetVar("topic", "refund")),
                by("d", new ClearVar("missing"))));

    assertThat(r.vars())
        .containsExactly(Map.entry("stage", "billing"), Map.entry("topic", "refund"));
    assertThat(r.changes())
        .containsExactly(
            new Trace.VarChange("stage", "start", "billing", "rule 'a'"),
            new Trace.VarChange("topic", null, "refund", "rule 'c'"));
    assertThat(r.warnings()).hasSize(1);
    assertThat(resolve(List.of(by("x", new ClearVar("stage")))).vars()).isEmpty();
  }

  @Test
  void resolve_firstRouteAndRespondWin() {
    Resolution r =
        resolve(
            List.of(
                by("a", new Route("strong")),
                by("b", new Route("cheap")),
                by("c", new Respond("first")),
                by("d", new Respond("second"))));

    assertThat(r.route()).isEqualTo("strong");
    assertThat(r.respond()).isEqualTo("first");
  }

  @Test
  void resolve_whenDecisionIsInvalid_namesTheRule() {
    assertThatThrownBy(() -> resolve(List.of(by("Typo rule", new Suppress("calmm")))))
        .isInstanceOf(RuleException.class)
        .hasMessageStartingWith("rule 'Typo rule' names unknown construct 'calmm' in Suppress");
    assertThatThrownBy(() -> resolve(List.of(by("Hot rule", new Param("temperature", 7.0)))))
        .isInstanceOf(RuleException.class)
        .hasMessage(
            "rule 'Hot rule': parameter 'temperature' is '7.0'; expected a number from 0.0 to 2.0");
  }

  @Test
  void withConstruct_addsItAndDropsWhatItExcludes() {
    List<Construct> kept = List.of(constructs.get("cheerful"), constructs.get("brief"));

    assertThat(resolver.withConstruct(kept, "calm"))
        .extracting(Construct::id)
        .containsExactly("calm", "brief");
  }

  private static List<String> ids(Resolution r) {
    return r.kept().stream().map(Construct::id).toList();
  }
}
