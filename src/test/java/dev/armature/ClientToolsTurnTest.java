package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Client tools through the library: who runs a call, what a paused turn commits. */
class ClientToolsTurnTest {
  private static final dev.armature.ruleset.RuleSet LOADED =
      dev.armature.ruleset.RuleSetLoader.load(ToolsTest.RULES);

  private final List<Map<String, Object>> lookups = new ArrayList<>();

  private static final ToolRequest LOOKUP =
      new ToolRequest("call_1", "lookup_order", "{\"order_id\":\"1182\"}");

  private Orchestrator orchestrator(Model model, boolean serverLooksUp) {
    Orchestrator.Builder builder = Orchestrator.builder().ruleSet(LOADED).model(model);
    if (serverLooksUp) {
      builder.tool(
          "lookup_order",
          args -> {
            lookups.add(args);
            return Map.of("status", "shipped");
          });
    }
    return builder.build();
  }

  private static TurnOptions client(List<ClientTools.Round> rounds) {
    return TurnOptions.NONE.withClientTools(
        new ClientTools(Set.of("lookup_order", "refund_order"), rounds));
  }

  @Test
  void turn_whenTheApplicationAlsoImplementsAClientTool_runsItOnTheServer() {
    ReplyScript model = new ReplyScript(ModelReply.calling(LOOKUP), ModelReply.of("Shipped."));

    TurnResult result =
        orchestrator(model, true).turn("c", "where is order 1182", Map.of(), client(List.of()));

    assertThat(result.paused()).isFalse();
    assertThat(result.reply()).isEqualTo("Shipped.");
    assertThat(lookups).containsExactly(Map.of("order_id", "1182"));
  }

  @Test
  void turn_whenPausedForTheClient_commitsNothing_andTheFinishedTurnOnce() {
    ReplyScript model = new ReplyScript(ModelReply.calling(LOOKUP), ModelReply.of("Shipped."));
    Orchestrator o = orchestrator(model, false);

    TurnResult paused = o.turn("c", "where is order 1182", Map.of(), client(List.of()));

    assertThat(paused.clientCalls()).containsExactly(LOOKUP);
    assertThat(paused.trace().outcome()).isEqualTo("client-tools");
    assertThat(o.conversation("c").turns()).isZero();

    TurnResult done =
        o.turn(
            "c",
            "where is order 1182",
            Map.of(),
            client(
                List.of(
                    new ClientTools.Round(
                        "", List.of(LOOKUP), Map.of("call_1", "{\"status\":\"lost\"}")))));

    assertThat(done.paused()).isFalse();
    assertThat(done.reply()).isEqualTo("Shipped.");
    assertThat(o.conversation("c").turns()).isEqualTo(1);
    assertThat(o.conversation("c").vars()).containsEntry("order_status", "lost");
    assertThat(model.requests).hasSize(2);
  }

  @Test
  void turn_whenTheClientSendsBackACallOfAToolItDoesNotRun_runsItNowhere() {
    ReplyScript model = new ReplyScript(ModelReply.of("I could not look it up."));
    Orchestrator o = orchestrator(model, true);
    TurnOptions onlyRefunds =
        TurnOptions.NONE.withClientTools(
            new ClientTools(
                Set.of("refund_order"),
                List.of(new ClientTools.Round("", List.of(LOOKUP), Map.of("call_1", "{}")))));

    TurnResult result = o.turn("c", "where is order 1182", Map.of(), onlyRefunds);

    assertThat(lookups).isEmpty();
    assertThat(result.trace().tools())
        .extracting(Trace.ToolUse::outcome)
        .containsExactly("not-offered");
    assertThat(result.trace().tools().get(0).detail()).contains("is not one the client runs");
  }

  @Test
  void turn_whenTheModelCallsAClientToolAndAServerToolAtOnce_runsNeitherBeforeTheClientAnswers(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    TestRules.write(
        dir.resolve("ruleset.yaml"),
        "name: mixed\nframe: f\nsections: [task]\ntools:\n"
            + "  here: {description: runs on the server, parameters: {properties: {}}}\n"
            + "  there: {description: runs in the client, parameters: {properties: {}}}\n");
    TestRules.write(
        dir.resolve("patterns/offer.drl"),
        "rule \"Both are offered\"\nwhen\n    Turn()\nthen\n"
            + "    insert(new Offer(\"here\"));\n    insert(new Offer(\"there\"));\nend\n");
    List<String> ran = new ArrayList<>();
    ToolRequest here = new ToolRequest("c1", "here", "{}");
    ToolRequest there = new ToolRequest("c2", "there", "{}");
    ReplyScript model =
        new ReplyScript(
            ModelReply.calling(here, there), ModelReply.calling(here), ModelReply.of("Done."));
    Orchestrator o =
        Orchestrator.builder()
            .ruleSet(dev.armature.ruleset.RuleSetLoader.load(dir))
            .model(model)
            .tool(
                "here",
                args -> {
                  ran.add("here");
                  return Map.of("ok", true);
                })
            .build();
    TurnOptions options =
        TurnOptions.NONE.withClientTools(new ClientTools(Set.of("there"), List.of()));

    TurnResult paused = o.turn("m", "go", Map.of(), options);

    assertThat(paused.clientCalls()).containsExactly(there);
    assertThat(ran).isEmpty();
    assertThat(paused.trace().tools())
        .extracting(Trace.ToolUse::outcome)
        .containsExactly("dropped", "client");

    TurnResult done =
        o.turn(
            "m",
            "go",
            Map.of(),
            options.withClientTools(
                new ClientTools(
                    Set.of("there"),
                    List.of(new ClientTools.Round("", List.of(there), Map.of("c2", "fine"))))));

    assertThat(done.reply()).isEqualTo("Done.");
    assertThat(ran).containsExactly("here");
  }

  @Test
  void clientResult_readsAJsonObjectsFields_andAnyOtherTextAsContent() {
    assertThat(ToolStage.clientResult("{\"status\":\"shipped\"}"))
        .isEqualTo(Map.of("status", "shipped"));
    assertThat(ToolStage.clientResult("shipped today"))
        .isEqualTo(Map.of("content", "shipped today"));
    assertThat(ToolStage.clientResult("{not json")).isEqualTo(Map.of("content", "{not json"));
  }
}
