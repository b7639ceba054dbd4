package dev.armature.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native API: turns with traces, conversations, rule set status through hot reloads, health,
 * metrics.
 */
class NativeApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path rules;
  static ArmatureServer server;

  @BeforeAll
  static void start() {
    TestRuleSets.copy(rules, "alpha");
    TestRuleSets.copy(rules, "beta");
    server = ArmatureServer.builder().rules(rules).port(0).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode get(String path) throws IOException {
    HttpResponse<String> response = Client.get(server.url() + path);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static JsonNode turn(String conversation, String body) throws IOException {
    HttpResponse<String> response =
        Client.post(server.url() + "/v1/conversations/" + conversation + "/turns", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  @Test
  void turn_returnsTheReplyAndTheFullTrace() throws IOException {
    JsonNode result =
        turn(
            "native-1",
            "{\"text\":\"this is ridiculous, order 1182\",\"attributes\":{\"tier\":\"gold\"},\"ruleset\":\"alpha\"}");

    assertThat(result.at("/reply").asText())
        .isEqualTo(
            "[dry-run] applying de-escalate, order-status to: \"this is ridiculous, order 1182\"");
    JsonNode trace = result.at("/trace");
    assertThat(trace.at("/ruleSet").asText()).isEqualTo("alpha");
    assertThat(trace.at("/rules/0/rule").asText()).isEqualTo("Frustrated users are heard first");
    assertThat(trace.at("/directives/1/construct").asText()).isEqualTo("upbeat");
    assertThat(trace.at("/directives/1/reason").asText())
        .isEqualTo("excluded by construct 'de-escalate'");
    assertThat(trace.at("/variables/0/name").asText()).isEqualTo("order_id");
    assertThat(trace.at("/request/messages/0/text").asText()).contains("Customer tier: gold.");
    assertThat(trace.at("/input/attributes/tier").asText()).isEqualTo("gold");
  }

  @Test
  void conversation_showsStateAndRecentTraces_acrossRuleSetsSharingOneStore() throws IOException {
    turn("native-2", "{\"text\":\"where is order 777?\",\"ruleset\":\"alpha\"}");
    turn("native-2", "{\"text\":\"thanks\",\"ruleset\":\"beta\"}");

    JsonNode conversation = get("/v1/conversations/native-2");
    assertThat(conversation.at("/turns").asInt()).isEqualTo(2);
    assertThat(conversation.at("/vars/order_id").asText()).isEqualTo("777");
    assertThat(conversation.at("/recent/1/user").asText()).isEqualTo("thanks");
    assertThat(conversation.at("/traces").size()).isEqualTo(2);
    assertThat(conversation.at("/traces/1/ruleSet").asText()).isEqualTo("beta");
  }

  @Test
  void ruleSets_reportVersionsAndTheLastRejectedEditWithItsLocation_thenTheRecovery()
      throws Exception {
    JsonNode before = get("/v1/rulesets");
    assertThat(before.at("/data/0/name").asText()).isEqualTo("alpha");
    assertThat(before.at("/data/1/name").asText()).isEqualTo("beta");
    assertThat(before.at("/data/1/lastError").size()).isZero();
    Path broken = rules.resolve("beta/patterns/broken.drl");

    Files.writeString(broken, "rule \"Broken\"\nwhen\n    Signal(name == \nthen\nend\n");
    JsonNode rejected = await(r -> r.at("/data/1/rejected").asInt() == 1);
    assertThat(rejected.at("/data/1/version").asText())
        .isEqualTo(before.at("/data/1/version").asText());
    assertThat(rejected.at("/data/1/lastError/0/file").asText()).isEqualTo("patterns/broken.drl");
    assertThat(rejected.at("/data/1/lastError/0/location").asText())
        .startsWith("patterns/broken.drl:");
    assertThat(rejected.at("/data/1/lastError/0/line").asInt()).isPositive();
    assertThat(
            turn("native-3", "{\"text\":\"still served\",\"ruleset\":\"beta\"}")
                .at("/trace/ruleSet")
                .asText())
        .isEqualTo("beta");

    // Undoing the rejected edit brings back the serving bytes: the error clears, and it is no
    // reload.
    Files.delete(broken);
    JsonNode recovered = await(r -> r.at("/data/1/lastError").size() == 0);
    assertThat(recovered.at("/data/1/lastError").size()).isZero();
    assertThat(recovered.at("/data/1/reloads").asInt()).isZero();
    assertThat(recovered.at("/data/1/version").asText())
        .isEqualTo(before.at("/data/1/version").asText());
    Files.writeString(
        rules.resolve("beta/patterns/added.drl"),
        "rule \"Added\"\nwhen\n    Turn(number == -1)\nthen\n    insert(new SetVar(\"x\", \"y\"));\nend\n");
    await(r -> r.at("/data/1/reloads").asInt() == 1);
    String metrics = Client.get(server.url() + "/metrics").body();
    assertThat(metrics)
        .contains(
            "armature_ruleset_reload_errors_total{ruleset=\"beta\"} 1.0",
            "armature_ruleset_reloads_total{ruleset=\"beta\"} 1.0",
            "armature_ruleset_reloads_total{ruleset=\"alpha\"} 0.0");
  }

  private static JsonNode await(Predicate<JsonNode> condition) throws Exception {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (true) {
      JsonNode status = get("/v1/rulesets");
      if (condition.test(status) || System.nanoTime() > deadline) {
        return status;
      }
      Thread.sleep(50);
    }
  }

  @Test
  void metrics_countTurnsStagesRulesDirectivesAndTokens_inPrometheusFormat() throws IOException {
    turn("native-4", "{\"text\":\"this is ridiculous\",\"ruleset\":\"alpha\"}");

    HttpResponse<String> response = Client.get(server.url() + "/metrics");
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(response.body())
        .contains(
            "armature_turns_total{api=\"native\",outcome=\"generated\",ruleset=\"alpha\"}",
            "armature_turn_stage_seconds_count{ruleset=\"alpha\",stage=\"decide\"}",
            "armature_turn_stage_seconds_count{ruleset=\"alpha\",stage=\"commit\"}",
            "armature_rules_fired_total{phase=\"decide\",rule=\"Frustrated users are heard first\",ruleset=\"alpha\"}",
            "armature_directives_total{construct=\"upbeat\",kept=\"false\",ruleset=\"alpha\"}",
            "armature_model_latency_seconds_count{ruleset=\"alpha\"}",
            "armature_model_tokens_total{kind=\"output\",ruleset=\"alpha\"}");
  }

  @Test
  void healthModelsAndPage_areServed() throws IOException {
    assertThat(get("/healthz").toString())
        .isEqualTo("{\"status\":\"ok\",\"rulesets\":[\"alpha\",\"beta\"]}");
    assertThat(get("/v1/models").at("/data/1/id").asText()).isEqualTo("beta");
    HttpResponse<String> page = Client.get(server.url() + "/");
    assertThat(page.body())
        .contains("<title>Armature</title>", "<script src=\"/app.js\" defer></script>");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(p -> assertThat(p).contains("default-src 'self'"));
    assertThat(Client.get(server.url() + "/app.js").body())
        .contains("textContent")
        .doesNotContain("innerHTML");
  }
}
