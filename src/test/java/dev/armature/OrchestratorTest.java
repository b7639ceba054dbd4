package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.armature.facts.Apply;
import dev.armature.facts.Reject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrchestratorTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC);

  @TempDir Path tmp;

  private static Orchestrator basic(Model model) {
    return Orchestrator.builder()
        .rules(TestRules.BASIC)
        .clock(CLOCK)
        .model(model)
        .sleeper(d -> {})
        .build();
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Orchestrator withExtraRule(String drl, Model model) {
    Path dir = TestRules.copy(TestRules.BASIC, tmp.resolve("rules"));
    TestRules.write(dir.resolve("patterns/extra.drl"), drl);
    return Orchestrator.builder().rules(dir).clock(CLOCK).model(model).build();
  }

  @Test
  void turn_whenFrustratedQuestionAboutOrder_appliesDirectivesInSectionThenPriorityOrder() {
    ScriptedModel model = new ScriptedModel("It is on its way.");
    TurnResult r =
        basic(model).turn("c1", "This is ridiculous, where is order 1182?", Map.of("tier", "gold"));

    assertThat(r.reply()).isEqualTo("It is on its way.");
    assertThat(r.trace().constructs()).containsExactly("de-escalate", "order-status", "concise");
    assertThat(r.trace().directives())
        .contains(
            new Trace.Directive(
                "upbeat",
                "Everyone gets a friendly tone",
                false,
                "excluded by construct 'de-escalate'"));
    ModelRequest sent = model.requests.get(0);
    assertThat(sent.system())
        .isEqualTo(
            "You answer questions about orders for an online shop.\n\n"
                + "Acknowledge the frustration in one sentence, once. Then state the single next step.\n\n"
                + "The order in question is 1182. Customer tier: gold.\n\n"
                + "Answer in at most two sentences.");
    assertThat(sent.parameters()).isEqualTo(new ModelParameters(0.2, null, 120, null, null, null));
    assertThat(r.trace().request().sha256()).hasSize(64);
  }

  @Test
  void turn_overSeveralTurns_keepsVariablesHistoryAndReactsToIt() {
    Orchestrator o = basic(new ScriptedModel("one", "two", "three"));

    TurnResult first = o.turn("c", "I'm fed up, order 77123 is late");
    assertThat(first.trace().constructs()).containsExactly("de-escalate", "order-status");
    assertThat(o.conversation("c").vars()).containsExactly(Map.entry("order_id", "77123"));

    TurnResult second = o.turn("c", "still not here, so annoyed");
    assertThat(second.trace().firedRules()).contains("Frustration that persists is noted");
    assertThat(second.trace().constructs()).containsExactly("de-escalate", "order-status");
    assertThat(second.trace().variables())
        .containsExactly(
            new Trace.VarChange(
                "stage", null, "escalated", "rule 'Frustration that persists is noted'"));
    assertThat(o.conversation("c").vars())
        .containsOnly(Map.entry("order_id", "77123"), Map.entry("stage", "escalated"));

    TurnResult third = o.turn("c", "ok thanks");
    assertThat(third.trace().constructs()).containsExactly("upbeat", "order-status");
    assertThat(third.trace().turn()).isEqualTo(3);
    Conversation c = o.conversation("c");
    assertThat(c.turns()).isEqualTo(3);
    assertThat(c.recent())
        .extracting(Conversation.Exchange::reply)
        .containsExactly("one", "two", "three");
  }

  @Test
  void turn_carriesHistoryWindowCutToTheTokenBudget() {
    ScriptedModel model = new ScriptedModel("a".repeat(800), "short", "fine");
    Orchestrator o = basic(model);
    o.turn("h", "first message");
    o.turn("h", "second message");
    o.turn("h", "third message");

    List<Message> third = model.requests.get(2).messages();
    assertThat(third)
        .extracting(Message::text)
        .containsExactly(third.get(0).text(), "second message", "short", "third message");
  }

  @Test
  void turn_whenRuleResponds_answersWithoutCallingTheModel() {
    ScriptedModel model = new ScriptedModel();
    Orchestrator o =
        withExtraRule(
            "rule \"Safety first\"\nsalience 100\nwhen\n    Turn(text str[startsWith] \"help\")\n"
                + "then\n    insert(new Respond(\"Fixed answer.\"));\nend\n",
            model);

    TurnResult r = o.turn("s", "help me");

    assertThat(r.reply()).isEqualTo("Fixed answer.");
    assertThat(r.trace().outcome()).isEqualTo("responded");
    assertThat(r.trace().request()).isNull();
    assertThat(model.requests).isEmpty();
    assertThat(o.conversation("s").recent().get(0).reply()).isEqualTo("Fixed answer.");
    assertThat(r.trace().constructs()).as("nothing was sent").isEmpty();
    assertThat(r.trace().directives()).isNotEmpty().noneMatch(Trace.Directive::kept);
    assertThat(o.conversation("s").recent().get(0).constructs())
        .as("later turns see no construct Applied in a turn a rule answered")
        .isEmpty();
  }

  @Test
  void turn_whenReviewRejects_retriesOnceWithTheNamedConstruct() {
    ScriptedModel model =
        new ScriptedModel("Your card 4111111111111111 is fine", "Your card is fine");
    TurnResult r = basic(model).turn("r", "is my card ok");

    assertThat(r.reply()).isEqualTo("Your card is fine");
    assertThat(r.trace().outcome()).isEqualTo("retried-after-review");
    assertThat(r.trace().attempts())
        .extracting(Trace.Attempt::review)
        .containsExactly("rejected", "accepted");
    assertThat(r.trace().attempts().get(0).addedConstruct()).isEqualTo("no-card-numbers");
    assertThat(model.requests.get(1).directives())
        .containsExactly("no-card-numbers", "upbeat", "concise");
    assertThat(r.trace().decisions())
        .extracting(Trace.Decided::decision)
        .contains(new Reject("reply shows a long number", "no-card-numbers"));
  }

  @Test
  void trace_json_givesEachRequestsDigestOnceTheRequestIsRead() throws Exception {
    ScriptedModel model =
        new ScriptedModel("Your card 4111111111111111 is fine", "Your card is fine");
    Trace trace = basic(model).turn("d", "is my card ok").trace();

    com.fasterxml.jackson.databind.JsonNode json =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(trace.toJson());
    com.fasterxml.jackson.databind.JsonNode request = json.get("request");
    assertThat(request.fieldNames())
        .toIterable()
        .containsExactly("messages", "parameters", "route", "sha256");
    String first = sha(model.requests.get(0));
    String retry = sha(model.requests.get(1));
    assertThat(first).hasSize(64).isNotEqualTo(retry);
    assertThat(request.get("sha256").asText()).isEqualTo(first);
    com.fasterxml.jackson.databind.JsonNode attempts = json.get("attempts");
    assertThat(attempts.get(0).fieldNames())
        .toIterable()
        .startsWith("attempt", "requestSha256", "reply")
        .doesNotContain("request");
    assertThat(attempts.get(0).get("requestSha256").asText()).isEqualTo(first);
    assertThat(attempts.get(1).get("requestSha256").asText()).isEqualTo(retry);
    assertThat(trace.attempts().get(1).requestSha256()).isEqualTo(retry);
  }

  private static String sha(ModelRequest r) {
    return RequestDigest.sha256(r.messages(), r.parameters(), r.route());
  }

  @Test
  void stream_whenReviewRejectsAStreamedReply_retriesIt_andStoresTheRetryNeverTheRejectedText() {
    ScriptedModel model =
        new ScriptedModel("Your card 4111111111111111 is fine", "Your card is fine");
    Orchestrator o = basic(model);
    StringBuilder seen = new StringBuilder();
    TurnResult r = o.stream("s", "is my card ok", Map.of(), seen::append);

    assertThat(seen.toString()).isEqualTo("Your card 4111111111111111 is fine");
    assertThat(r.reply()).isEqualTo("Your card is fine");
    assertThat(r.trace().outcome()).isEqualTo("retried-after-review");
    assertThat(r.trace().attempts())
        .extracting(Trace.Attempt::review)
        .containsExactly("rejected", "accepted");
    assertThat(o.conversation("s").recent().get(0).reply()).isEqualTo("Your card is fine");
  }

  @Test
  void turn_whenRetriedReplyIsStillBad_reviewReplacesIt() {
    TurnResult r =
        basic(new ScriptedModel("card 4111111111111111", "again 4111111111111111")).turn("r", "hi");

    assertThat(r.reply()).isEqualTo("I can't show card numbers here. Please don't send them.");
    assertThat(r.trace().outcome()).isEqualTo("replaced-by-review");
    assertThat(r.trace().attempts())
        .extracting(Trace.Attempt::review)
        .containsExactly("rejected", "replaced");
  }

  @Test
  void turn_whenRetriedReplyIsRejectedAgain_failsAndChangesNothing() {
    Orchestrator o =
        withExtraRule(
            "rule \"Never say never\"\n@phase(review)\nwhen\n    Reply(text str[startsWith] \"never\")\n"
                + "then\n    insert(new Reject(\"says never\"));\nend\n",
            new ScriptedModel("never", "never again"));

    assertThatThrownBy(() -> o.turn("n", "hello"))
        .isInstanceOf(ReplyRejectedException.class)
        .hasMessageContaining("rule 'Never say never' rejected the retried reply too (says never)");
    assertThat(o.conversation("n").turns()).isZero();
  }

  @Test
  void turn_whenRuleFiresWithoutEnd_stopsAtTheBoundAndNamesTheRule() {
    Orchestrator o =
        withExtraRule(
            "rule \"Echo\"\nwhen\n    Apply(construct == \"upbeat\")\nthen\n"
                + "    insert(new Apply(\"upbeat\"));\nend\n",
            new ScriptedModel());

    RuleException e = catchThrowableOfType(RuleException.class, () -> o.turn("loop", "hello"));

    assertThat(e.rule()).isEqualTo("Echo");
    assertThat(e)
        .hasMessageContaining(
            "rule 'Echo' keeps firing: the decide phase reached the bound of 50 firings");
    assertThat(o.conversation("loop").version()).isZero();
  }

  @Test
  void turn_whenRuleActionThrows_namesTheRuleAndChangesNothing() {
    Orchestrator o =
        withExtraRule(
            "rule \"Sets a null\"\nwhen\n    Turn(number == 2)\nthen\n"
                + "    insert(new SetVar(\"x\", null));\nend\n",
            new ScriptedModel("ok"));
    o.turn("t", "order 1234 please");
    Conversation before = o.conversation("t");

    RuleException e = catchThrowableOfType(RuleException.class, () -> o.turn("t", "again"));

    assertThat(e.rule()).isEqualTo("Sets a null");
    assertThat(e)
        .hasMessageContaining(
            "rule 'Sets a null' failed in its action: null pointer exception: value of variable 'x' == null");
    assertThat(o.conversation("t")).isEqualTo(before);
  }

  @Test
  void turn_whenRuleConditionThrows_namesTheRuleAndSaysItWasTheCondition() {
    Orchestrator o =
        withExtraRule(
            "rule \"Reads the order as a number\"\nwhen\n"
                + "    Var(name == \"order_id\", Integer.parseInt(value) > 1000)\nthen\n"
                + "    insert(new Apply(\"concise\"));\nend\n"
                + "rule \"Sets a text order\"\nwhen\n    Turn(number == 1)\nthen\n"
                + "    insert(new SetVar(\"order_id\", \"abc\"));\nend\n",
            new ScriptedModel("ok", "ok"));
    o.turn("c", "hello");

    RuleException e = catchThrowableOfType(RuleException.class, () -> o.turn("c", "again"));

    assertThat(e.rule()).isEqualTo("Reads the order as a number");
    assertThat(e)
        .hasMessageStartingWith(
            "rule 'Reads the order as a number' failed in its condition (decide phase): ")
        .hasMessageContaining("number format exception");
  }

  @Test
  void turn_whenRuleNamesUnknownConstructAtRunTime_namesRuleAndConstruct() {
    Orchestrator o =
        withExtraRule(
            "rule \"Dynamic name\"\nwhen\n    Turn($t : text)\nthen\n"
                + "    insert(new Apply(\"x-\" + $t));\nend\n",
            new ScriptedModel());

    assertThatThrownBy(() -> o.turn("u", "hello"))
        .isInstanceOf(RuleException.class)
        .hasMessageStartingWith("rule 'Dynamic name' names unknown construct 'x-hello' in Apply");
  }

  @Test
  void turn_whenRuleRoutesToUnknownModel_namesRuleAndRoute() {
    Orchestrator o =
        withExtraRule(
            "rule \"Hard ones go to the strong model\"\nwhen\n    Turn($t : text)\nthen\n"
                + "    insert(new Route($t));\nend\n",
            new ScriptedModel());

    assertThatThrownBy(() -> o.turn("u", "strong"))
        .isInstanceOf(RuleException.class)
        .hasMessage(
            "rule 'Hard ones go to the strong model' routes to unknown model 'strong'; routes declared"
                + " in ruleset.yaml: none; routes bound by the application: none");
  }

  @Test
  void turn_whenDeclaredRouteIsNotBound_theDefaultModelAnswers() throws Exception {
    Path dir = TestRules.copy(TestRules.BASIC, tmp.resolve("declared"));
    Files.writeString(
        dir.resolve("ruleset.yaml"),
        Files.readString(dir.resolve("ruleset.yaml")) + "routes: { strong: default }\n");
    TestRules.write(
        dir.resolve("patterns/route.drl"),
        "rule \"Strong\"\nwhen\n    Turn()\nthen\n    insert(new Route(\"strong\"));\nend\n");
    ScriptedModel fallback = new ScriptedModel("from the default model");
    Orchestrator o = Orchestrator.builder().rules(dir).model(fallback).build();

    assertThat(o.turn("u", "hello").reply()).isEqualTo("from the default model");
    assertThat(fallback.requests.get(0).route()).isEqualTo("strong");
  }

  @Test
  void turn_whenRouteIsConfigured_usesThatModel() {
    Path dir = TestRules.copy(TestRules.BASIC, tmp.resolve("routed"));
    TestRules.write(
        dir.resolve("ruleset.yaml"),
        readString(dir.resolve("ruleset.yaml")) + "routes: { strong: default }\n");
    TestRules.write(
        dir.resolve("patterns/route.drl"),
        "rule \"Strong\"\nwhen\n    Turn()\nthen\n    insert(new Route(\"strong\"));\nend\n");
    ScriptedModel strong = new ScriptedModel("from strong");
    Orchestrator o =
        Orchestrator.builder()
            .rules(dir)
            .model(new ScriptedModel())
            .route("strong", strong)
            .build();

    assertThat(o.turn("u", "hello").reply()).isEqualTo("from strong");
    assertThat(strong.requests.get(0).route()).isEqualTo("strong");
  }

  @Test
  void turn_whenModelFails_changesNothing() {
    Orchestrator o =
        basic(
            request -> {
              throw new ModelException("provider down", true, null);
            });

    assertThatThrownBy(() -> o.turn("m", "order 5555 where"))
        .isInstanceOf(ModelException.class)
        .hasMessage("provider down");
    assertThat(o.conversation("m")).isEqualTo(Conversation.start("m"));
  }

  @Test
  void turn_whenModelThrowsSomethingElse_wrapsItInModelException() {
    Orchestrator o =
        basic(
            request -> {
              throw new IllegalStateException("socket closed");
            });

    assertThatThrownBy(() -> o.turn("m", "hi"))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("socket closed")
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void turn_whenInputIsRefused_saysWhyAndChangesNothing() {
    Orchestrator o = Orchestrator.builder().rules(TestRules.BASIC).maxTextBytes(10).build();

    assertThatThrownBy(() -> o.turn("c", "   "))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("conversation 'c': the user's text is empty");
    assertThatThrownBy(() -> o.turn("c", "éééééé"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("conversation 'c': the user's text is 12 bytes; the limit is 10");
    assertThatThrownBy(() -> o.turn("bad id!", "hi"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("conversation id 'bad id!'");
    assertThatThrownBy(() -> o.turn("c", "hi", Map.of("Tier", "gold")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("attribute name 'Tier'");
    assertThatThrownBy(() -> o.turn("c", "hi", Map.of("tier", "a\u0000b")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("attribute 'tier'");
    assertThat(o.conversation("c").version()).isZero();
  }

  @Test
  void turn_byDefault_acceptsTextUpTo32KiB() {
    Orchestrator o = basic(new ScriptedModel("ok"));

    assertThat(o.turn("big", "a".repeat(32 * 1024)).reply()).isEqualTo("ok");
    assertThatThrownBy(() -> o.turn("big", "a".repeat(32 * 1024 + 1)))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void turn_userTextWithPlaceholders_isInertData() {
    ScriptedModel model = new ScriptedModel("ok");
    basic(model).turn("p", "order 1182 {{var.order_id}} {{attr.tier}}");

    assertThat(model.requests.get(0).userText())
        .isEqualTo("order 1182 {{var.order_id}} {{attr.tier}}");
  }

  @Test
  void turn_whenCardNumberIsSent_itReachesNoVariableTraceOrRequest() {
    ScriptedModel model = new ScriptedModel("noted");
    Orchestrator o = basic(model);

    TurnResult r = o.turn("card", "my card 4111 1111 1111 1234 was charged");

    assertThat(r.trace().toJson()).doesNotContain("4111");
    assertThat(model.requests.get(0).messages()).noneMatch(m -> m.text().contains("4111"));
    assertThat(o.conversation("card").toString()).doesNotContain("4111");
    assertThat(r.trace().constructs()).containsExactly("no-card-numbers", "upbeat");
  }

  @Test
  void trace_isByteIdenticalAcrossRunsAndInstances() {
    List<String> script =
        List.of("I'm fed up, order 77123 is late!", "WHERE IS IT", "where is it?", "thanks");
    assertThat(traces(script)).isEqualTo(traces(script));
  }

  private static List<String> traces(List<String> script) {
    Orchestrator o = Orchestrator.builder().rules(TestRules.BASIC).clock(CLOCK).build();
    return script.stream()
        .map(text -> o.turn("d", text, Map.of("tier", "gold")).trace().withoutTimings().toJson())
        .toList();
  }

  @Test
  void trace_recordsEveryFiredRuleWithItsFactsAndDecisions() {
    TurnResult r = basic(new ScriptedModel("ok")).turn("t", "where is order 1182?");

    assertThat(r.trace().rules())
        .extracting(Trace.FiredRule::order, Trace.FiredRule::rule)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "Everyone gets a friendly tone"),
            org.assertj.core.groups.Tuple.tuple(2, "Known order numbers are used"),
            org.assertj.core.groups.Tuple.tuple(3, "Questions get short answers"));
    assertThat(r.trace().rules().get(1).facts()).containsExactly("Var[name=order_id, value=1182]");
    assertThat(r.trace().decisions())
        .extracting(Trace.Decided::rule, Trace.Decided::decision)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                "Known order numbers are used", new Apply("order-status")));
    assertThat(r.trace().toJson())
        .contains("\"decision\":{\"type\":\"Apply\",\"construct\":\"order-status\"}");
    assertThat(r.trace().timings().total()).isPositive();
  }

  @Test
  void stream_whenTheRetryIsStillBad_theReviewsReplacementIsTheReply_andIsNotStreamed() {
    ScriptedModel model = new ScriptedModel("card 4111111111111111 ok", "again 4111111111111111");
    Orchestrator o = basic(model);
    List<String> pieces = new java.util.ArrayList<>();

    TurnResult r = o.stream("s", "hello", Map.of(), pieces::add);

    assertThat(pieces).containsExactly("card 4111111111111111 ok");
    assertThat(r.reply()).isEqualTo("I can't show card numbers here. Please don't send them.");
    assertThat(r.trace().outcome()).isEqualTo("replaced-by-review");
    assertThat(o.conversation("s").recent().get(0).reply()).isEqualTo(r.reply());
    assertThat(model.requests).hasSize(2);
  }

  @Test
  void stream_whenRuleResponds_sendsTheResponseInOnePiece() {
    Orchestrator o =
        withExtraRule(
            "rule \"Safety first\"\nsalience 100\nwhen\n    Turn(text str[startsWith] \"help\")\n"
                + "then\n    insert(new Respond(\"Fixed answer.\"));\nend\n",
            new ScriptedModel());
    List<String> pieces = new java.util.ArrayList<>();

    assertThat(o.stream("s", "help me", Map.of(), pieces::add).reply()).isEqualTo("Fixed answer.");
    assertThat(pieces).containsExactly("Fixed answer.");
  }
}
