package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolsTest {
  static final Path RULES = Path.of("src/test/resources/rulesets/tools");

  private final List<Map<String, Object>> lookups = new ArrayList<>();
  private final List<Map<String, Object>> refunds = new ArrayList<>();

  private static final dev.armature.ruleset.RuleSet LOADED =
      dev.armature.ruleset.RuleSetLoader.load(RULES);

  private Orchestrator orchestrator(Model model) {
    return Orchestrator.builder()
        .ruleSet(LOADED)
        .model(model)
        .tool(
            "lookup_order",
            args -> {
              lookups.add(args);
              return Map.of("status", "shipped", "order_id", args.get("order_id"));
            })
        .tool(
            "refund_order",
            args -> {
              refunds.add(args);
              return Map.of("refunded", args.get("amount"));
            })
        .build();
  }

  @Test
  void turn_whenToolsAreOffered_sendsOnlyTheOfferedOnes() {
    ReplyScript model = new ReplyScript(ModelReply.of("Hello"));
    orchestrator(model).turn("c", "where is my parcel");
    assertThat(model.requests.get(0).tools())
        .extracting(ToolSpec::name)
        .containsExactly("lookup_order");
    assertThat(model.requests.get(0).tools().get(0).parameters())
        .contains("\"additionalProperties\":false");
  }

  @Test
  void turn_whenTheModelCallsAnAllowedTool_runsItAndAnswersFromTheResult() {
    ReplyScript model =
        new ReplyScript(
            ReplyScript.call("lookup_order", "{\"order_id\":\"1182\"}"),
            ModelReply.of("Order 1182 has shipped."));
    Orchestrator o = orchestrator(model);
    TurnResult result = o.turn("c", "where is order 1182");
    assertThat(result.reply()).isEqualTo("Order 1182 has shipped.");
    assertThat(lookups).containsExactly(Map.of("order_id", "1182"));
    ModelRequest second = model.requests.get(1);
    Message last = second.messages().get(second.messages().size() - 1);
    assertThat(last.role()).isEqualTo(Message.Role.TOOL);
    assertThat(last.text()).contains("\"status\":\"shipped\"");
    assertThat(result.trace().tools())
        .extracting(Trace.ToolUse::tool, Trace.ToolUse::outcome)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("lookup_order", "ran"));
    assertThat(o.conversation("c").vars()).containsEntry("order_status", "shipped");
  }

  @Test
  void turn_whenArgumentsAreOffTheSchema_neverRunsTheTool() {
    ReplyScript model =
        new ReplyScript(
            ReplyScript.call("lookup_order", "{\"order_id\":\"abc\",\"extra\":1}"),
            ModelReply.of("I could not look it up."));
    TurnResult result = orchestrator(model).turn("c", "where is my order");
    assertThat(lookups).isEmpty();
    Trace.ToolUse use = result.trace().tools().get(0);
    assertThat(use.outcome()).isEqualTo("invalid-arguments");
    assertThat(use.detail())
        .contains("argument 'order_id' is 'abc'; expected text matching \\d{4,8}")
        .contains("argument 'extra' is not in the schema");
  }

  @Test
  void turn_whenTheModelCallsAToolNotOffered_neverRunsIt() {
    ReplyScript model =
        new ReplyScript(
            ReplyScript.call("refund_order", "{\"order_id\":\"1182\",\"amount\":5}"),
            ModelReply.of("I can't do that here."));
    TurnResult result = orchestrator(model).turn("c", "where is my order");
    assertThat(refunds).isEmpty();
    assertThat(result.trace().tools().get(0).outcome()).isEqualTo("not-offered");
  }

  @Test
  void turn_whenARuleDenies_givesTheReasonToTheModelAndRunsNothing() {
    ReplyScript model =
        new ReplyScript(
            ReplyScript.call("refund_order", "{\"order_id\":\"1182\",\"amount\":500}"),
            ModelReply.of("A person will handle that refund."));
    TurnResult result = orchestrator(model).turn("c", "refund order 1182 please");
    assertThat(refunds).isEmpty();
    Trace.ToolUse use = result.trace().tools().get(0);
    assertThat(use.outcome()).isEqualTo("denied");
    assertThat(use.rule()).isEqualTo("Large refunds are denied");
    List<Message> sent = model.requests.get(1).messages();
    assertThat(sent.get(sent.size() - 1).text())
        .isEqualTo("the call was not run: refunds above 100 need a person");
  }

  @Test
  void turn_whenARuleAsksForConfirmation_parksTheCallUntilAYes() {
    ReplyScript model =
        new ReplyScript(
            ReplyScript.call("refund_order", "{\"order_id\":\"1182\",\"amount\":40}"),
            ModelReply.of("Done: 40 refunded."));
    Orchestrator o = orchestrator(model);
    TurnResult asked = o.turn("c", "refund order 1182 please");
    assertThat(asked.reply()).isEqualTo("Shall I refund the order?");
    assertThat(asked.trace().outcome()).isEqualTo("confirming");
    assertThat(refunds).isEmpty();
    assertThat(o.conversation("c").vars()).containsKey(ToolStage.PENDING);

    TurnResult done = o.turn("c", "Yes, please.");
    assertThat(refunds).containsExactly(Map.of("order_id", "1182", "amount", 40));
    assertThat(done.reply()).isEqualTo("Done: 40 refunded.");
    assertThat(done.trace().tools())
        .extracting(Trace.ToolUse::outcome, Trace.ToolUse::rule)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "confirmed", "Refunds are confirmed by the customer"));
    assertThat(model.requests.get(1).tools()).isEmpty();
    assertThat(o.conversation("c").vars()).doesNotContainKey(ToolStage.PENDING);
  }

  @Test
  void turn_whenTheCustomerDoesNotSayYes_dropsTheParkedCall() {
    ReplyScript model =
        new ReplyScript(
            ReplyScript.call("refund_order", "{\"order_id\":\"1182\",\"amount\":40}"),
            ModelReply.of("Alright, no refund."));
    Orchestrator o = orchestrator(model);
    o.turn("c", "refund order 1182 please");
    TurnResult next = o.turn("c", "actually, what is the status?");
    assertThat(refunds).isEmpty();
    assertThat(next.trace().tools()).extracting(Trace.ToolUse::outcome).containsExactly("dropped");
    assertThat(o.conversation("c").vars()).doesNotContainKey(ToolStage.PENDING);
  }

  @Test
  void turn_whenAToolFails_theToolRulesAnswer() {
    ReplyScript model =
        new ReplyScript(ReplyScript.call("refund_order", "{\"order_id\":\"1182\",\"amount\":40}"));
    Orchestrator o =
        Orchestrator.builder()
            .ruleSet(LOADED)
            .model(model)
            .tool(
                "refund_order",
                args -> {
                  throw new IllegalStateException("payment service down");
                })
            .build();
    o.turn("c", "refund order 1182");
    TurnResult result = o.turn("c", "yes");
    assertThat(result.reply()).isEqualTo("The refund did not go through; a person will follow up.");
    assertThat(result.trace().tools().get(0).outcome()).isEqualTo("error");
    assertThat(result.trace().tools().get(0).detail())
        .isEqualTo("tool 'refund_order' failed: payment service down");
  }

  @Test
  void turn_whenToolRoundsRunOut_theLastRequestOffersNoTool() {
    ReplyScript model =
        new ReplyScript(
            ReplyScript.call("lookup_order", "{\"order_id\":\"1182\"}"),
            ReplyScript.call("lookup_order", "{\"order_id\":\"1183\"}"),
            ModelReply.of("Both have shipped."));
    TurnResult result = orchestrator(model).turn("c", "where are my orders");
    assertThat(result.reply()).isEqualTo("Both have shipped.");
    assertThat(model.requests).extracting(r -> r.tools().size()).containsExactly(1, 1, 0);
    assertThat(lookups).hasSize(2);
  }

  @Test
  void turn_whenNothingIsOffered_sendsNoTools() throws Exception {
    ReplyScript model = new ReplyScript(ModelReply.of("Hi"));
    Orchestrator.builder()
        .ruleSet(dev.armature.ruleset.RuleSetLoader.load(TestRules.BASIC))
        .model(model)
        .build()
        .turn("c", "hello");
    assertThat(model.requests.get(0).tools()).isEmpty();
  }

  @Test
  void turn_whenAToolRunsPastItsTimeout_theRulesSeeATimeout() {
    ReplyScript model =
        new ReplyScript(ReplyScript.call("refund_order", "{\"order_id\":\"1182\",\"amount\":40}"));
    java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
    Orchestrator o =
        Orchestrator.builder()
            .ruleSet(LOADED)
            .model(model)
            .tool(
                "refund_order",
                args -> {
                  never.await();
                  return Map.of();
                })
            .build();
    o.turn("c", "refund order 1182");
    TurnResult result = o.turn("c", "yes");
    Trace.ToolUse use = result.trace().tools().get(0);
    assertThat(use.outcome()).isEqualTo("timeout");
    assertThat(use.detail())
        .isEqualTo("tool 'refund_order' gave no result within its timeout of 200 ms");
    assertThat(result.reply()).isEqualTo("The refund did not go through; a person will follow up.");
  }

  @Test
  void turn_whenADeclaredToolHasNoImplementation_failsTheCallInWords() {
    ReplyScript model =
        new ReplyScript(
            ReplyScript.call("lookup_order", "{\"order_id\":\"1182\"}"), ModelReply.of("Sorry."));
    TurnResult result =
        Orchestrator.builder().ruleSet(LOADED).model(model).build().turn("c", "where is 1182");
    assertThat(result.trace().tools().get(0).detail())
        .isEqualTo("tool 'lookup_order' has no implementation in this application");
    List<Message> sent = model.requests.get(1).messages();
    assertThat(sent.get(sent.size() - 1).text())
        .isEqualTo(
            "the call failed: tool 'lookup_order' has no implementation in this application");
  }
}
