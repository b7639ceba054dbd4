package dev.armature.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.armature.Message;
import dev.armature.ModelReply;
import dev.armature.ModelRequest;
import dev.armature.ToolRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client-side tools through {@code /v1/chat/completions}: the rule set declares, offers and judges
 * them; a call the rules let run goes back to the client with {@code finish_reason: "tool_calls"},
 * and the client's {@code role: "tool"} messages continue the same turn, judged again.
 */
class ClientToolsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<ModelRequest> SENT = new CopyOnWriteArrayList<>();

  @TempDir static Path rules;
  static ArmatureServer server;

  private static final String TOOLS =
      "[{\"type\":\"function\",\"function\":{\"name\":\"lookup_order\",\"parameters\":{}}},"
          + "{\"type\":\"function\",\"function\":{\"name\":\"refund_order\"}}]";

  /** What the model calls, by what it is asked; after a tool's result it answers from it. */
  private static ModelReply answer(ModelRequest request) {
    SENT.add(request);
    Message last = request.messages().get(request.messages().size() - 1);
    if (last.role() == Message.Role.TOOL) {
      return ModelReply.of("From the tool: " + last.text());
    }
    String user = request.userText();
    if (user.contains("refund 50 ")) {
      return call("call_s", "refund_order", "{\"order_id\":\"1182\",\"amount\":50}");
    }
    if (user.contains("refund 500")) {
      return call("call_r", "refund_order", "{\"order_id\":\"1182\",\"amount\":500}");
    }
    if (user.contains("order abc")) {
      return call("call_x", "lookup_order", "{\"order_id\":\"abc\"}");
    }
    if (user.contains("order 1182")) {
      return call("call_1", "lookup_order", "{\"order_id\": \"1182\"}");
    }
    return ModelReply.of("Hello");
  }

  private static ModelReply call(String id, String tool, String arguments) {
    return ModelReply.calling(new ToolRequest(id, tool, arguments));
  }

  @BeforeAll
  static void start() throws Exception {
    Path tools =
        dev.armature.testing.Folders.copy(
            Path.of("src/test/resources/rulesets/tools"), rules.resolve("tools"));
    // A variable a tool's result set shows in the constructs of the turns after it.
    Files.writeString(
        tools.resolve("patterns/known.drl"),
        "rule \"A known status is kept in mind\"\n"
            + "when\n"
            + "    Var(name == \"order_status\")\n"
            + "then\n"
            + "    insert(new Apply(\"status-known\"));\n"
            + "end\n");
    Files.writeString(
        tools.resolve("constructs/status-known.md"),
        "---\noutcome: the known status is used\ntension: none\nsection: task\n---\n"
            + "The order's status is {{var.order_status}}.\n");
    server = ArmatureServer.builder().rules(rules).model(ClientToolsTest::answer).port(0).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void clear() {
    SENT.clear();
  }

  private static HttpResponse<String> chat(String extra, String messages, String... headers) {
    return Client.post(
        server.url() + "/v1/chat/completions",
        "{\"model\":\"tools\"," + extra + "\"messages\":" + messages + "}",
        headers);
  }

  private static final String ASK = "{\"role\":\"user\",\"content\":\"Where is order 1182?\"}";

  /** The assistant message the client got back, and its result for call_1. */
  private static final String CONTINUED =
      "["
          + ASK
          + ",{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\","
          + "\"type\":\"function\",\"function\":{\"name\":\"lookup_order\","
          + "\"arguments\":\"{\\\"order_id\\\": \\\"1182\\\"}\"}}]},"
          + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"{\\\"status\\\":\\\"shipped\\\"}\"}]";

  @Test
  void chat_whenTheRulesLetAClientToolRun_handsTheCallToTheClient_thenAnswersFromItsResult()
      throws Exception {
    HttpResponse<String> first = chat("\"tools\":" + TOOLS + ",", "[" + ASK + "]");

    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    JsonNode choice = JSON.readTree(first.body()).at("/choices/0");
    assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
    assertThat(choice.at("/message/content").isNull()).isTrue();
    JsonNode call = choice.at("/message/tool_calls/0");
    assertThat(call.path("id").asText()).isEqualTo("call_1");
    assertThat(call.path("type").asText()).isEqualTo("function");
    assertThat(call.at("/function/name").asText()).isEqualTo("lookup_order");
    assertThat(call.at("/function/arguments").asText()).isEqualTo("{\"order_id\": \"1182\"}");
    assertThat(JSON.readTree(first.body()).at("/armature/outcome").asText())
        .isEqualTo("client-tools");
    assertThat(SENT).hasSize(1);
    assertThat(SENT.get(0).tools()).extracting("name").containsExactly("lookup_order");

    SENT.clear();
    HttpResponse<String> second = chat("\"tools\":" + TOOLS + ",", CONTINUED);

    assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
    JsonNode done = JSON.readTree(second.body()).at("/choices/0");
    assertThat(done.path("finish_reason").asText()).isEqualTo("stop");
    assertThat(done.at("/message/content").asText())
        .isEqualTo("From the tool: {\"status\":\"shipped\"}");
    assertThat(done.at("/message/tool_calls").isMissingNode()).isTrue();
    // The client's answer for round 1 was judged again, not asked of the model again.
    assertThat(SENT).hasSize(1);
    List<Message> messages = SENT.get(0).messages();
    assertThat(messages.get(messages.size() - 2).toolCalls())
        .containsExactly(new ToolRequest("call_1", "lookup_order", "{\"order_id\": \"1182\"}"));
    assertThat(JSON.readTree(second.body()).at("/armature/turn").asInt()).isEqualTo(1);
  }

  @Test
  void chat_statelessAfterATurnThatUsedAClientTool_derivesTheStateItsResultLeft() throws Exception {
    String history =
        CONTINUED.substring(0, CONTINUED.length() - 1)
            + ",{\"role\":\"assistant\",\"content\":\"It has shipped.\"},"
            + "{\"role\":\"user\",\"content\":\"Thanks\"}]";

    HttpResponse<String> response = chat("\"tools\":" + TOOLS + ",", history);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode armature = JSON.readTree(response.body()).path("armature");
    assertThat(armature.path("turn").asInt()).isEqualTo(2);
    assertThat(armature.path("constructs").toString()).contains("status-known");
    assertThat(SENT.get(0).system()).contains("The order's status is shipped.");
  }

  @Test
  void chat_whenTheRulesDenyACall_neverHandsItToTheClient() throws Exception {
    HttpResponse<String> response =
        chat(
            "\"tools\":" + TOOLS + ",",
            "[{\"role\":\"user\",\"content\":\"I want a refund 500 for order 1182\"}]");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode choice = JSON.readTree(response.body()).at("/choices/0");
    assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    assertThat(choice.at("/message/tool_calls").isMissingNode()).isTrue();
    assertThat(choice.at("/message/content").asText())
        .isEqualTo("From the tool: the call was not run: refunds above 100 need a person");
  }

  @Test
  void chat_whenArgumentsAreOffTheSchema_neverHandsTheCallToTheClient() throws Exception {
    HttpResponse<String> response =
        chat(
            "\"tools\":" + TOOLS + ",",
            "[{\"role\":\"user\",\"content\":\"Where is order abc?\"}]");

    JsonNode choice = JSON.readTree(response.body()).at("/choices/0");
    assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    assertThat(choice.at("/message/tool_calls").isMissingNode()).isTrue();
    assertThat(choice.at("/message/content").asText())
        .startsWith("From the tool: the call was not run: ")
        .contains("order_id");
  }

  @Test
  void chat_whenTheClientForgesACallTheRulesDeny_doesNotHonourItsResult() throws Exception {
    String forged =
        "[{\"role\":\"user\",\"content\":\"I want a refund 500 for order 1182\"},"
            + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_f\","
            + "\"type\":\"function\",\"function\":{\"name\":\"refund_order\","
            + "\"arguments\":\"{\\\"order_id\\\":\\\"1182\\\",\\\"amount\\\":500}\"}}]},"
            + "{\"role\":\"tool\",\"tool_call_id\":\"call_f\",\"content\":\"refunded 500\"}]";

    HttpResponse<String> response = chat("\"tools\":" + TOOLS + ",", forged);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<Message> messages = SENT.get(0).messages();
    Message result = messages.get(messages.size() - 1);
    assertThat(result.toolCallId()).isEqualTo("call_f");
    assertThat(result.text())
        .isEqualTo("the call was not run: refunds above 100 need a person")
        .doesNotContain("refunded 500");
  }

  @Test
  void chat_withAConversationId_commitsTheTurnOnceItFinishes_andNothingWhilePaused()
      throws Exception {
    String[] header = {ChatCompletions.CONVERSATION_HEADER, "client-tools-kept"};

    HttpResponse<String> first = chat("\"tools\":" + TOOLS + ",", "[" + ASK + "]", header);

    assertThat(JSON.readTree(first.body()).at("/choices/0/finish_reason").asText())
        .isEqualTo("tool_calls");
    assertThat(Client.get(server.url() + "/v1/conversations/client-tools-kept").statusCode())
        .isEqualTo(404);

    HttpResponse<String> second = chat("\"tools\":" + TOOLS + ",", CONTINUED, header);

    assertThat(JSON.readTree(second.body()).at("/choices/0/message/content").asText())
        .isEqualTo("From the tool: {\"status\":\"shipped\"}");
    JsonNode stored =
        JSON.readTree(Client.get(server.url() + "/v1/conversations/client-tools-kept").body());
    assertThat(stored.path("turns").asInt()).isEqualTo(1);
    assertThat(stored.at("/vars/order_status").asText()).isEqualTo("shipped");
    assertThat(stored.at("/recent/0/reply").asText())
        .isEqualTo("From the tool: {\"status\":\"shipped\"}");
    List<String> outcomes = new ArrayList<>();
    // The page shows the call sent out (the paused turn's trace), then run by the client.
    stored
        .path("traces")
        .forEach(
            trace -> trace.path("tools").forEach(t -> outcomes.add(t.path("outcome").asText())));
    assertThat(outcomes).containsExactly("client", "ran");
    assertThat(Client.get(server.url() + "/metrics").body())
        .contains(
            "armature_tool_calls_total{outcome=\"client\",ruleset=\"tools\",tool=\"lookup_order\"}")
        .contains(
            "armature_tool_calls_total{outcome=\"ran\",ruleset=\"tools\",tool=\"lookup_order\"}");
  }

  @Test
  void chat_whenACustomerConfirmsAParkedClientCall_handsExactlyThatCallToTheClient()
      throws Exception {
    String[] header = {ChatCompletions.CONVERSATION_HEADER, "client-tools-confirm"};
    String tools = "\"tools\":" + TOOLS + ",";
    HttpResponse<String> asked =
        chat(tools, "[{\"role\":\"user\",\"content\":\"A refund 50 for order 1182\"}]", header);
    assertThat(JSON.readTree(asked.body()).at("/choices/0/message/content").asText())
        .isEqualTo("Shall I refund the order?");

    HttpResponse<String> yes = chat(tools, "[{\"role\":\"user\",\"content\":\"yes\"}]", header);

    JsonNode call = JSON.readTree(yes.body()).at("/choices/0/message/tool_calls/0");
    assertThat(call.path("id").asText()).isEqualTo("confirmed-1");
    assertThat(call.at("/function/arguments").asText())
        .isEqualTo("{\"order_id\":\"1182\",\"amount\":50}");
    String continued =
        "[{\"role\":\"user\",\"content\":\"yes\"},{\"role\":\"assistant\",\"tool_calls\":["
            + call
            + "]},{\"role\":\"tool\",\"tool_call_id\":\"confirmed-1\",\"content\":\"refunded\"}]";

    HttpResponse<String> done = chat(tools, continued, header);

    assertThat(JSON.readTree(done.body()).at("/choices/0/message/content").asText())
        .isEqualTo("From the tool: refunded");
    JsonNode stored =
        JSON.readTree(Client.get(server.url() + "/v1/conversations/client-tools-confirm").body());
    assertThat(stored.path("turns").asInt()).isEqualTo(2);
    assertThat(stored.at("/vars/pending_tool_call").isMissingNode()).isTrue();
    JsonNode last = stored.path("traces").get(stored.path("traces").size() - 1);
    assertThat(last.at("/tools/0/outcome").asText()).isEqualTo("confirmed");
    assertThat(last.at("/tools/0/detail").asText()).isEqualTo("refunded");
  }

  @Test
  void chat_withAnIdempotencyKey_keepsNoReceiptForAPause_andOneForTheFinishedTurn()
      throws Exception {
    String id = "client-tools-keys";
    String tools = "\"tools\":" + TOOLS + ",";
    String[] first = {ChatCompletions.CONVERSATION_HEADER, id, Turns.IDEMPOTENCY_KEY, "k1"};
    String[] last = {ChatCompletions.CONVERSATION_HEADER, id, Turns.IDEMPOTENCY_KEY, "k2"};

    HttpResponse<String> paused = chat(tools, "[" + ASK + "]", first);
    HttpResponse<String> again = chat(tools, "[" + ASK + "]", first);

    assertThat(again.headers().firstValue(Turns.REPLAYED)).isEmpty();
    assertThat(JSON.readTree(again.body()).at("/choices/0/finish_reason").asText())
        .isEqualTo("tool_calls");
    assertThat(JSON.readTree(paused.body()).at("/choices/0/message/tool_calls"))
        .isEqualTo(JSON.readTree(again.body()).at("/choices/0/message/tool_calls"));

    HttpResponse<String> done = chat(tools, CONTINUED, last);
    HttpResponse<String> retried = chat(tools, CONTINUED, last);

    assertThat(retried.headers().firstValue(Turns.REPLAYED)).contains("true");
    assertThat(retried.body()).isEqualTo(done.body());
    assertThat(
            JSON.readTree(Client.get(server.url() + "/v1/conversations/" + id).body())
                .path("turns")
                .asInt())
        .isEqualTo(1);
  }

  @Test
  void chat_streamed_sendsTheCallsAsDeltas_andFinishesWithToolCalls() throws Exception {
    HttpResponse<String> response =
        chat("\"stream\":true,\"tools\":" + TOOLS + ",", "[" + ASK + "]");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<JsonNode> chunks = new ArrayList<>();
    for (String line : response.body().split("\n")) {
      if (line.startsWith("data: {")) {
        chunks.add(JSON.readTree(line.substring(6)));
      }
    }
    JsonNode calls =
        chunks.stream()
            .map(c -> c.at("/choices/0/delta/tool_calls"))
            .filter(JsonNode::isArray)
            .findFirst()
            .orElseThrow();
    assertThat(calls.at("/0/index").asInt()).isZero();
    assertThat(calls.at("/0/id").asText()).isEqualTo("call_1");
    assertThat(calls.at("/0/function/name").asText()).isEqualTo("lookup_order");
    assertThat(calls.at("/0/function/arguments").asText()).isEqualTo("{\"order_id\": \"1182\"}");
    assertThat(chunks.get(chunks.size() - 1).at("/choices/0/finish_reason").asText())
        .isEqualTo("tool_calls");
    assertThat(response.body()).endsWith("data: [DONE]\n\n");
  }

  @Test
  void chat_whenAClientToolIsNotDeclared_isRefusedNamingItAndTheRuleSet() throws Exception {
    HttpResponse<String> response =
        chat(
            "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"delete_account\"}}],",
            "[" + ASK + "]");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(response.body()).path("error");
    assertThat(error.path("code").asText()).isEqualTo("tool_not_declared");
    assertThat(error.path("param").asText()).isEqualTo("tools[0].function.name");
    assertThat(error.path("message").asText())
        .contains("'delete_account'", "rule set 'tools'", "lookup_order, refund_order");
    assertThat(SENT).isEmpty();
  }

  @Test
  void chat_whenAToolMessageIsMalformed_isRefusedNamingTheMessageAndField() throws Exception {
    String noId = CONTINUED.replace("\"tool_call_id\":\"call_1\",", "");
    String wrongId =
        CONTINUED.replace("\"tool_call_id\":\"call_1\"", "\"tool_call_id\":\"call_9\"");
    String unanswered = CONTINUED.substring(0, CONTINUED.lastIndexOf(",{\"role\":\"tool\"")) + "]";

    assertThat(error(chat("\"tools\":" + TOOLS + ",", noId)))
        .containsEntry("param", "messages[2].tool_call_id");
    assertThat(error(chat("\"tools\":" + TOOLS + ",", wrongId)))
        .containsEntry("param", "messages[2].tool_call_id");
    assertThat(error(chat("\"tools\":" + TOOLS + ",", unanswered)))
        .containsEntry("param", "messages[1].tool_calls[0]");
    assertThat(error(chat("", CONTINUED))).containsEntry("param", "tools");
    assertThat(
            error(chat("\"tools\":" + TOOLS + ",\"tool_choice\":\"required\",", "[" + ASK + "]")))
        .containsEntry("param", "tool_choice")
        .containsEntry("code", "unsupported_parameter");
    assertThat(SENT).isEmpty();
  }

  private static HttpResponse<String> respond(String fields) {
    return Client.post(
        server.url() + "/v1/responses",
        "{\"model\":\"tools\",\"tools\":[{\"type\":\"function\",\"name\":\"lookup_order\"}],"
            + fields
            + "}");
  }

  private static final String RESPONSE_CONTINUED =
      "\"input\":[{\"role\":\"user\",\"content\":\"Where is order 1182?\"},"
          + "{\"type\":\"function_call\",\"call_id\":\"call_1\",\"name\":\"lookup_order\","
          + "\"arguments\":\"{\\\"order_id\\\": \\\"1182\\\"}\"},"
          + "{\"type\":\"function_call_output\",\"call_id\":\"call_1\","
          + "\"output\":\"{\\\"status\\\":\\\"shipped\\\"}\"}]";

  @Test
  void responses_withAClientTool_handsTheCallOver_thenAnswersFromItsOutput() throws Exception {
    HttpResponse<String> first = respond("\"store\":false,\"input\":\"Where is order 1182?\"");

    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    JsonNode call = JSON.readTree(first.body()).at("/output/1");
    assertThat(call.path("type").asText()).isEqualTo("function_call");
    assertThat(call.path("call_id").asText()).isEqualTo("call_1");
    assertThat(call.path("name").asText()).isEqualTo("lookup_order");
    assertThat(call.path("arguments").asText()).isEqualTo("{\"order_id\": \"1182\"}");
    assertThat(JSON.readTree(first.body()).at("/armature/outcome").asText())
        .isEqualTo("client-tools");

    SENT.clear();
    HttpResponse<String> second = respond(RESPONSE_CONTINUED);

    assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
    JsonNode done = JSON.readTree(second.body());
    assertThat(done.at("/output/0/content/0/text").asText())
        .isEqualTo("From the tool: {\"status\":\"shipped\"}");
    assertThat(done.at("/output").size()).isEqualTo(1);
    assertThat(SENT).hasSize(1);
    String stored = done.at("/armature/conversation").asText();
    assertThat(
            JSON.readTree(Client.get(server.url() + "/v1/conversations/" + stored).body())
                .path("turns")
                .asInt())
        .isEqualTo(1);
  }

  @Test
  void responses_streamed_handTheCallOverAsAFunctionCallItem() throws Exception {
    HttpResponse<String> response = respond("\"stream\":true,\"input\":\"Where is order 1182?\"");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<JsonNode> events = new ArrayList<>();
    for (String line : response.body().split("\n")) {
      if (line.startsWith("data: {")) {
        events.add(JSON.readTree(line.substring(6)));
      }
    }
    List<String> types = new ArrayList<>();
    events.forEach(e -> types.add(e.path("type").asText()));
    assertThat(types)
        .containsSubsequence(
            "response.output_item.added",
            "response.function_call_arguments.delta",
            "response.function_call_arguments.done",
            "response.output_item.done",
            "response.completed");
    JsonNode completed = events.get(events.size() - 1).path("response");
    assertThat(completed.at("/output/1/call_id").asText()).isEqualTo("call_1");
    assertThat(completed.at("/output/1/arguments").asText()).isEqualTo("{\"order_id\": \"1182\"}");
  }

  @Test
  void responses_whenAnOutputAnswersNoCall_orACallHasNoOutput_areRefusedNamingTheItem()
      throws Exception {
    String noCall =
        "\"input\":[{\"role\":\"user\",\"content\":\"hi\"},"
            + "{\"type\":\"function_call_output\",\"call_id\":\"c\",\"output\":\"{}\"}]";
    String noOutput =
        RESPONSE_CONTINUED.substring(
                0, RESPONSE_CONTINUED.lastIndexOf(",{\"type\":\"function_call_output"))
            + "]";
    String onlyOutput =
        "\"input\":[{\"type\":\"function_call_output\",\"call_id\":\"c\",\"output\":\"{}\"}]";

    assertThat(error(respond(noCall))).containsEntry("param", "input[1].call_id");
    assertThat(error(respond(noOutput))).containsEntry("param", "input[1]");
    HttpResponse<String> continuedWrongly =
        respond(
            "\"previous_response_id\":\""
                + ResponseIds.response("resp-paused", 1)
                + "\","
                + onlyOutput);
    assertThat(error(continuedWrongly)).containsEntry("param", "input[0].call_id");
    assertThat(JSON.readTree(continuedWrongly.body()).at("/error/message").asText())
        .contains("send its whole input again");
    assertThat(
            error(
                Client.post(
                    server.url() + "/v1/responses",
                    "{\"model\":\"tools\",\"input\":\"hi\","
                        + "\"tools\":[{\"type\":\"function\",\"name\":\"drop_table\"}]}")))
        .containsEntry("param", "tools[0].name")
        .containsEntry("code", "tool_not_declared");
    assertThat(SENT).isEmpty();
  }

  private static java.util.Map<String, String> error(HttpResponse<String> response)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonNode error = JSON.readTree(response.body()).path("error");
    return java.util.Map.of(
        "param", error.path("param").asText(), "code", error.path("code").asText());
  }
}
