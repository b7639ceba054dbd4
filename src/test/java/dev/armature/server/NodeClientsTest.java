package dev.armature.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.armature.model.Models;
import dev.armature.testing.OpenAiStub;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real OpenAI clients in Node, the {@code openai} package and the Vercel AI SDK, talk to the server
 * over HTTP; the server talks to an OpenAI-compatible stub. Each scenario of {@code
 * src/test/node/clients.mjs} prints what its client saw; the test checks it, and what was stored.
 *
 * <p>The clients are installed by {@code src/test/node/install} (which {@code .ci/services} runs).
 * Without Node or without them installed the tests are skipped with the reason, unless {@code
 * ARMATURE_TEST_NODE_CLIENTS=required} (CI sets it): then they fail saying what is missing.
 */
class NodeClientsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path NODE = Path.of("src/test/node");
  private static final String REPLY = "Hello from the stub";

  @TempDir static Path rules;
  static OpenAiStub upstream;
  static ArmatureServer server;

  /** What is missing to run the clients, or null. */
  static String missing;

  @BeforeAll
  static void start() {
    missing = missing();
    if (missing != null) {
      if ("required".equals(System.getenv("ARMATURE_TEST_NODE_CLIENTS"))) {
        fail(missing + " (ARMATURE_TEST_NODE_CLIENTS=required)");
      }
      return;
    }
    TestRuleSets.copy(rules, "support");
    dev.armature.testing.Folders.copy(
        Path.of("src/test/resources/rulesets/tools"), rules.resolve("tools"));
    upstream = new OpenAiStub();
    upstream.echoToolResults = true;
    server =
        ArmatureServer.builder()
            .rules(rules)
            .model(
                Models.fromSpec(
                    "openai:stub-model",
                    Map.of("OPENAI_API_KEY", "sk-stub", "OPENAI_BASE_URL", upstream.baseUrl())))
            .port(0)
            .start();
  }

  /** Each test is skipped, with the reason, when the clients cannot run here. */
  @BeforeEach
  void clientsInstalled() {
    Assumptions.assumeTrue(missing == null, () -> missing + "; the real-client tests are skipped");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
      upstream.close();
    }
  }

  @Test
  void openaiChat_withoutAConversation_derivesTheTurnFromTheHistory_andStoresNothing()
      throws Exception {
    JsonNode seen = run("openai-chat-stateless");

    assertThat(seen.at("/0/reply").asText()).isEqualTo(REPLY);
    assertThat(seen.at("/0/armature/turn").asInt()).isEqualTo(1);
    assertThat(seen.at("/1/armature/turn").asInt()).isEqualTo(2);
    assertThat(seen.at("/1/armature/constructs").toString()).contains("order-status");
    String conversation = seen.at("/1/armature/conversation").asText();
    assertThat(conversation).startsWith(ClientHistory.PREFIX);
    assertThat(stored(conversation).at("/error/code").asText()).isEqualTo("conversation_not_found");
    assertThat(upstream.lastBody()).contains("This is ridiculous").doesNotContain("Be brief.");
  }

  @Test
  void openaiChat_inAKeptConversation_blockingThenStreamed_numbersAndStoresBothTurns()
      throws Exception {
    JsonNode seen = run("openai-chat-kept");

    assertThat(seen.at("/0/reply").asText()).isEqualTo(REPLY);
    assertThat(seen.at("/1/reply").asText()).isEqualTo(REPLY);
    assertThat(seen.at("/0/id").asText()).startsWith("chatcmpl-");
    assertThat(seen.at("/1/armature/turn").asInt()).isEqualTo(2);
    JsonNode stored = stored("node-openai-chat");
    assertThat(stored.at("/turns").asInt()).isEqualTo(2);
    assertThat(stored.at("/recent/1/user").asText()).isEqualTo("When does it arrive");
    assertThat(stored.at("/recent/1/reply").asText()).isEqualTo(REPLY);
  }

  @Test
  void openaiChat_streamedWithoutAConversation_getsTheWholeReply() throws Exception {
    JsonNode seen = run("openai-chat-stream-stateless");

    assertThat(seen.at("/0/reply").asText()).isEqualTo(REPLY);
    assertThat(seen.at("/0/armature/turn").asInt()).isEqualTo(1);
  }

  @Test
  void openaiResponses_previousResponseId_continuesTheConversation_blockingAndStreamed()
      throws Exception {
    JsonNode seen = run("openai-responses");

    String conversation = seen.at("/0/armature/conversation").asText();
    assertThat(conversation).startsWith(Responses.NEW_PREFIX);
    for (int i = 0; i < 3; i++) {
      assertThat(seen.path(i).path("reply").asText()).isEqualTo(REPLY);
      assertThat(seen.path(i).path("id").asText())
          .isEqualTo(ResponseIds.response(conversation, i + 1));
    }
    assertThat(seen.at("/2/deltas").asText()).isEqualTo(REPLY);
    assertThat(seen.at("/1/armature/constructs").toString()).contains("order-status");
    JsonNode stored = stored(conversation);
    assertThat(stored.at("/turns").asInt()).isEqualTo(3);
    assertThat(stored.at("/recent/2/user").asText()).isEqualTo("Thanks");
  }

  @Test
  void openaiResponses_streamedInAKeptConversation_numbersAndStoresBothTurns() throws Exception {
    JsonNode seen = run("openai-responses-kept");

    assertThat(seen.at("/0/reply").asText()).isEqualTo(REPLY);
    assertThat(seen.at("/1/deltas").asText()).isEqualTo(REPLY);
    assertThat(seen.at("/1/id").asText())
        .isEqualTo(ResponseIds.response("node-openai-responses", 2));
    assertThat(stored("node-openai-responses").at("/turns").asInt()).isEqualTo(2);
  }

  @Test
  void aiSdkDefaultProvider_speaksTheResponsesApi_andItsHistoryGivesTheNextTurn() throws Exception {
    JsonNode seen = run("ai-sdk-responses");

    assertThat(seen.at("/0/reply").asText()).isEqualTo(REPLY);
    assertThat(seen.at("/1/reply").asText()).isEqualTo(REPLY);
    ResponseIds.Turn second = ResponseIds.ofResponse(seen.at("/1/id").asText(), "id");
    assertThat(second.turn()).isEqualTo(2);
    JsonNode stored = stored(second.conversation());
    assertThat(stored.at("/turns").asInt()).isEqualTo(2);
    assertThat(stored.at("/vars/order_id").asText()).isEqualTo("1182");
    assertThat(stored.at("/recent/0/reply").asText()).isEqualTo(REPLY);
  }

  @Test
  void aiSdkChatProvider_inAKeptConversation_numbersAndStoresBothTurns() throws Exception {
    JsonNode seen = run("ai-sdk-chat");

    assertThat(seen.at("/0/reply").asText()).isEqualTo(REPLY);
    assertThat(seen.at("/1/reply").asText()).isEqualTo(REPLY);
    assertThat(seen.at("/0/armature/turn").asInt()).isEqualTo(1);
    JsonNode stored = stored("node-ai-sdk-chat");
    assertThat(stored.at("/turns").asInt()).isEqualTo(2);
    assertThat(stored.at("/recent/1/user").asText()).isEqualTo("When does it arrive");
  }

  /** The upstream model's one call of lookup_order, as OpenAI writes it. */
  private static final String LOOKUP =
      "[{\"id\":\"call_1182\",\"type\":\"function\",\"function\":{\"name\":\"lookup_order\","
          + "\"arguments\":\"{\\\"order_id\\\":\\\"1182\\\"}\"}}]";

  @Test
  void openaiChat_withAClientSideTool_runsTheCallTheRulesAllow_andAnswersFromItsResult()
      throws Exception {
    upstream.toolCalls.add(LOOKUP);

    JsonNode seen = run("openai-chat-client-tool");

    assertThat(seen.at("/0/finish").asText()).isEqualTo("tool_calls");
    assertThat(seen.at("/0/call/id").asText()).isEqualTo("call_1182");
    assertThat(seen.at("/0/usage/total_tokens").asInt()).isEqualTo(17);
    assertThat(seen.at("/0/call/function/name").asText()).isEqualTo("lookup_order");
    assertThat(seen.at("/0/call/function/arguments").asText()).isEqualTo("{\"order_id\":\"1182\"}");
    assertThat(seen.at("/1/finish").asText()).isEqualTo("stop");
    assertThat(seen.at("/1/reply").asText())
        .isEqualTo(
            "The tool said: {\"order_id\":\"1182\",\"status\":\"shipped\",\"carrier\":\"DHL\"}");
    assertThat(seen.at("/1/armature/turn").asInt()).isEqualTo(1);
    assertThat(seen.at("/1/armature/outcome").asText()).isEqualTo("generated");
  }

  @Test
  void openaiToolRunner_streamed_readsTheCallFromTheDeltas_andAnswersFromTheResult()
      throws Exception {
    upstream.toolCalls.add(LOOKUP);

    JsonNode seen = run("openai-chat-client-tool-runner");

    assertThat(seen.at("/ran/0/order_id").asText()).isEqualTo("1182");
    assertThat(seen.at("/ran").size()).isEqualTo(1);
    assertThat(seen.at("/reply").asText())
        .isEqualTo(
            "The tool said: {\"order_id\":\"1182\",\"status\":\"shipped\",\"carrier\":\"DHL\"}");
  }

  @Test
  void aiSdkChat_withAClientSideTool_runsItAndAnswersFromItsResult() throws Exception {
    upstream.toolCalls.add(LOOKUP);

    JsonNode seen = run("ai-sdk-chat-client-tool");

    assertThat(seen.at("/ran/0/order_id").asText()).isEqualTo("1182");
    assertThat(seen.at("/steps").toString()).isEqualTo("[\"tool-calls\",\"stop\"]");
    assertThat(seen.at("/reply").asText())
        .isEqualTo(
            "The tool said: {\"order_id\":\"1182\",\"status\":\"shipped\",\"carrier\":\"DHL\"}");
  }

  @Test
  void openaiResponses_withAClientSideTool_runsTheFunctionCallItem_andAnswersFromItsOutput()
      throws Exception {
    upstream.toolCalls.add(LOOKUP);

    JsonNode seen = run("openai-responses-client-tool");

    assertThat(seen.at("/0/call/call_id").asText()).isEqualTo("call_1182");
    assertThat(seen.at("/0/call/name").asText()).isEqualTo("lookup_order");
    assertThat(seen.at("/0/armature/outcome").asText()).isEqualTo("client-tools");
    assertThat(seen.at("/1/reply").asText())
        .isEqualTo(
            "The tool said: {\"order_id\":\"1182\",\"status\":\"shipped\",\"carrier\":\"DHL\"}");
    JsonNode stored = stored(seen.at("/1/armature/conversation").asText());
    assertThat(stored.at("/turns").asInt()).isEqualTo(1);
    assertThat(stored.at("/vars/order_status").asText()).isEqualTo("shipped");
  }

  @Test
  void aiSdkResponses_withAClientSideTool_runsItAndAnswersFromItsResult() throws Exception {
    upstream.toolCalls.add(LOOKUP);

    JsonNode seen = run("ai-sdk-responses-client-tool");

    assertThat(seen.at("/ran/0/order_id").asText()).isEqualTo("1182");
    assertThat(seen.at("/steps").toString()).isEqualTo("[\"tool-calls\",\"stop\"]");
    assertThat(seen.at("/reply").asText())
        .isEqualTo(
            "The tool said: {\"order_id\":\"1182\",\"status\":\"shipped\",\"carrier\":\"DHL\"}");
  }

  private static JsonNode stored(String conversation) throws Exception {
    return JSON.readTree(Client.get(server.url() + "/v1/conversations/" + conversation).body());
  }

  /** Runs a scenario of {@code clients.mjs}; its output, or a failure with the client's error. */
  private static JsonNode run(String scenario) throws Exception {
    Process node =
        new ProcessBuilder("node", "clients.mjs", scenario, server.url())
            .directory(NODE.toFile())
            .redirectErrorStream(false)
            .start();
    node.getOutputStream().close();
    if (!node.waitFor(90, TimeUnit.SECONDS)) {
      node.destroyForcibly();
      fail("node clients.mjs " + scenario + " did not finish in 90 s");
    }
    String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.exitValue()).as("node clients.mjs %s: %s", scenario, err).isZero();
    return JSON.readTree(out);
  }

  /** What keeps the clients from running here: Node, or the installed packages; null for none. */
  private static String missing() {
    if (!nodeRuns()) {
      return "Node.js ('node') is not on the PATH";
    }
    if (!Files.exists(NODE.resolve("node_modules/.armature-lock-sha256"))) {
      return "the Node clients are not installed: run src/test/node/install";
    }
    return null;
  }

  private static boolean nodeRuns() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
