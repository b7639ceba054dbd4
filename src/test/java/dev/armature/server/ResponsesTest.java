package dev.armature.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.armature.Message;
import dev.armature.Model;
import dev.armature.ModelException;
import dev.armature.ModelReply;
import dev.armature.ModelRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/responses}: OpenAI's Responses API, blocking and streamed. */
class ResponsesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<ModelRequest> SENT = new CopyOnWriteArrayList<>();
  private static volatile String reply;

  @TempDir static Path rules;
  static ArmatureServer server;

  /** Answers with {@link #reply}, streamed word by word. */
  static final class Replies implements Model {
    @Override
    public ModelReply generate(ModelRequest request) {
      SENT.add(request);
      return ModelReply.of(reply);
    }

    @Override
    public ModelReply stream(ModelRequest request, Consumer<String> tokens) {
      SENT.add(request);
      for (String word : reply.split("(?<= )")) {
        tokens.accept(word);
      }
      if (reply.endsWith("[cut]")) {
        throw new ModelException(ModelException.Kind.UNAVAILABLE, "connection reset", null);
      }
      return ModelReply.of(reply);
    }
  }

  @BeforeAll
  static void start() {
    TestRuleSets.copy(rules, "basic");
    server = ArmatureServer.builder().rules(rules).model(new Replies()).port(0).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void clear() {
    SENT.clear();
    reply = "A fresh answer";
  }

  private static HttpResponse<String> respond(String fields, String... headers) {
    return Client.post(
        server.url() + "/v1/responses", "{\"model\":\"basic\"," + fields + "}", headers);
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  private static JsonNode stored(String conversation) throws Exception {
    return JSON.readTree(Client.get(server.url() + "/v1/conversations/" + conversation).body());
  }

  @Test
  void stringInput_isAnsweredWithAResponse_whoseIdNamesItsConversationAndTurn() throws Exception {
    HttpResponse<String> response = respond("\"input\":\"Where is order 1182?\"");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.at("/object").asText()).isEqualTo("response");
    assertThat(body.at("/status").asText()).isEqualTo("completed");
    assertThat(body.at("/model").asText()).isEqualTo("basic");
    assertThat(body.at("/output/0/type").asText()).isEqualTo("message");
    assertThat(body.at("/output/0/role").asText()).isEqualTo("assistant");
    assertThat(body.at("/output/0/content/0/type").asText()).isEqualTo("output_text");
    assertThat(body.at("/output/0/content/0/text").asText()).isEqualTo("A fresh answer");
    String conversation = body.at("/armature/conversation").asText();
    assertThat(conversation).startsWith(Responses.NEW_PREFIX);
    assertThat(body.at("/id").asText())
        .isEqualTo(ResponseIds.response(conversation, 1))
        .startsWith("resp_1_");
    assertThat(response.headers().firstValue(ChatCompletions.CONVERSATION_HEADER))
        .hasValue(conversation);
    assertThat(stored(conversation).at("/recent/0/reply").asText()).isEqualTo("A fresh answer");
    assertThat(SENT.get(0).userText()).isEqualTo("Where is order 1182?");
  }

  @Test
  void previousResponseId_continuesThatConversation_withItsState() throws Exception {
    JsonNode first = json(respond("\"input\":\"Where is order 1182? This is ridiculous\""));
    reply = "Within three days.";

    JsonNode second =
        json(
            respond(
                "\"previous_response_id\":\""
                    + first.at("/id").asText()
                    + "\",\"input\":[{\"role\":\"user\",\"content\":\"When does it arrive\"}]"));

    String conversation = first.at("/armature/conversation").asText();
    assertThat(second.at("/armature/conversation").asText()).isEqualTo(conversation);
    assertThat(second.at("/armature/turn").asInt()).isEqualTo(2);
    assertThat(second.at("/id").asText()).isEqualTo(ResponseIds.response(conversation, 2));
    assertThat(second.at("/previous_response_id").asText()).isEqualTo(first.at("/id").asText());
    // order_id was captured in the first turn, so the order construct applies in the second.
    assertThat(second.at("/armature/constructs").toString()).contains("order-status");
    assertThat(SENT.get(1).messages())
        .extracting(Message::text)
        .contains("Where is order 1182? This is ridiculous", "A fresh answer");
    assertThat(stored(conversation).at("/turns").asInt()).isEqualTo(2);
  }

  @Test
  void previousResponseId_ofAnOlderTurn_is409_andRunsNothing() throws Exception {
    JsonNode first = json(respond("\"input\":\"hello\""));
    respond("\"previous_response_id\":\"" + first.at("/id").asText() + "\",\"input\":\"again\"");
    SENT.clear();

    HttpResponse<String> stale =
        respond("\"previous_response_id\":\"" + first.at("/id").asText() + "\",\"input\":\"x\"");

    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(json(stale).at("/error/code").asText()).isEqualTo("previous_response_superseded");
    assertThat(json(stale).at("/error/param").asText()).isEqualTo("previous_response_id");
    assertThat(SENT).isEmpty();
  }

  @Test
  void storeFalse_derivesTheStateFromTheInput_andStoresNothing() throws Exception {
    String input =
        "[{\"role\":\"user\",\"content\":\"Where is order 1182? This is ridiculous\"},"
            + "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"It left on Monday.\"}]},"
            + "{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"Can I change the address\"}]}]";

    JsonNode body = json(respond("\"store\":false,\"input\":" + input));
    JsonNode again = json(respond("\"store\":false,\"input\":" + input));

    String conversation = body.at("/armature/conversation").asText();
    assertThat(conversation).startsWith(ClientHistory.PREFIX);
    assertThat(body.at("/armature/turn").asInt()).isEqualTo(2);
    assertThat(again.at("/id").asText()).isEqualTo(body.at("/id").asText());
    assertThat(body.at("/store").asBoolean()).isFalse();
    assertThat(body.at("/armature/constructs").toString()).contains("order-status");
    assertThat(stored(conversation).at("/error/code").asText()).isEqualTo("conversation_not_found");
    HttpResponse<String> continued =
        respond("\"previous_response_id\":\"" + body.at("/id").asText() + "\",\"input\":\"x\"");
    assertThat(continued.statusCode()).isEqualTo(404);
    assertThat(json(continued).at("/error/code").asText()).isEqualTo("previous_response_not_found");
  }

  @Test
  void aHistoryWithoutStoreFalse_startsAKeptConversation_thatPreviousResponseIdContinues()
      throws Exception {
    String input =
        "[{\"role\":\"user\",\"content\":\"Where is order 1182?\"},"
            + "{\"role\":\"assistant\",\"content\":\"It left on Monday.\"},"
            + "{\"role\":\"user\",\"content\":\"And the address?\"}]";

    JsonNode first = json(respond("\"input\":" + input));
    JsonNode second =
        json(
            respond(
                "\"previous_response_id\":\"" + first.at("/id").asText() + "\",\"input\":\"ok\""));

    assertThat(first.at("/armature/turn").asInt()).isEqualTo(2);
    assertThat(second.at("/armature/turn").asInt()).isEqualTo(3);
    JsonNode stored = stored(first.at("/armature/conversation").asText());
    assertThat(stored.at("/turns").asInt()).isEqualTo(3);
    assertThat(stored.at("/vars/order_id").asText()).isEqualTo("1182");
  }

  @Test
  void itemReference_toAStoredReply_isReadAsThatReply() throws Exception {
    JsonNode first = json(respond("\"input\":\"Where is order 1182?\""));
    String item = first.at("/output/0/id").asText();
    assertThat(item).startsWith("msg_1_");

    respond(
        "\"store\":false,\"input\":[{\"role\":\"user\",\"content\":\"Where is order 1182?\"},"
            + "{\"type\":\"item_reference\",\"id\":\""
            + item
            + "\"},{\"role\":\"user\",\"content\":\"thanks\"}]");

    assertThat(SENT.get(1).messages()).extracting(Message::text).contains("A fresh answer");
  }

  @Test
  void instructions_reachTheRulesAsClientSystem_andNeverBecomeTheSystemMessage() throws Exception {
    JsonNode body =
        json(
            respond(
                "\"conversation\":\"resp-instructions\",\"instructions\":\"Be a pirate.\","
                    + "\"metadata\":{\"tier\":\"gold\"},\"input\":\"order 1182 please\""));

    assertThat(body.at("/instructions").asText()).isEqualTo("Be a pirate.");
    JsonNode attributes = stored("resp-instructions").at("/traces/0/input/attributes");
    assertThat(attributes.at("/client_system").asText()).isEqualTo("Be a pirate.");
    assertThat(attributes.at("/tier").asText()).isEqualTo("gold");
    assertThat(SENT.get(0).system()).contains("Customer tier: gold.").doesNotContain("pirate");
  }

  @Test
  void stream_sendsTheResponseEvents_inOrder_endingWithTheCompletedResponse() throws Exception {
    reply = "Hello there friend";

    HttpResponse<String> response =
        respond("\"conversation\":\"resp-stream\",\"stream\":true,\"input\":\"hi\"");

    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    List<JsonNode> events = events(response.body());
    assertThat(events)
        .extracting(e -> e.path("type").asText())
        .containsExactly(
            "response.created",
            "response.in_progress",
            "response.output_item.added",
            "response.content_part.added",
            "response.output_text.delta",
            "response.output_text.delta",
            "response.output_text.delta",
            "response.output_text.done",
            "response.content_part.done",
            "response.output_item.done",
            "response.completed");
    assertThat(events)
        .extracting(e -> e.path("sequence_number").asInt())
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    String id = ResponseIds.response("resp-stream", 1);
    assertThat(events.get(0).at("/response/id").asText()).isEqualTo(id);
    StringBuilder text = new StringBuilder();
    events.stream()
        .filter(e -> e.path("type").asText().equals("response.output_text.delta"))
        .forEach(e -> text.append(e.path("delta").asText()));
    assertThat(text).hasToString("Hello there friend");
    JsonNode completed = events.get(events.size() - 1).path("response");
    assertThat(completed.at("/id").asText()).isEqualTo(id);
    assertThat(completed.at("/output/0/content/0/text").asText()).isEqualTo("Hello there friend");
    assertThat(completed.at("/usage/total_tokens").isInt()).isTrue();
  }

  @Test
  void stream_whenTheReviewRejectsTheReply_theStreamSaysSo_andTheRejectedTextIsNotStored()
      throws Exception {
    reply = "Your card is 4111111111111111 ok";

    HttpResponse<String> response =
        respond("\"conversation\":\"resp-review\",\"stream\":true,\"input\":\"my card?\"");

    String replacement = "I can't show card numbers here. Please don't send them.";
    List<JsonNode> events = events(response.body());
    JsonNode correction =
        events.stream()
            .filter(e -> e.path("armature").path("withdrawn").asBoolean())
            .findFirst()
            .orElseThrow();
    assertThat(correction.path("delta").asText()).isEqualTo(SseStream.WITHDRAWN + replacement);
    JsonNode done =
        events.stream()
            .filter(e -> e.path("type").asText().equals("response.output_text.done"))
            .findFirst()
            .orElseThrow();
    assertThat(done.path("text").asText()).isEqualTo(replacement);
    JsonNode completed = events.get(events.size() - 1).path("response");
    assertThat(completed.at("/output/0/content/0/text").asText()).isEqualTo(replacement);
    assertThat(completed.at("/armature/outcome").asText()).isEqualTo("replaced-by-review");
    assertThat(stored("resp-review").at("/recent/0/reply").asText()).isEqualTo(replacement);
  }

  @Test
  void stream_whenTheModelFailsAfterTheFirstText_endsWithAnErrorEvent_andStoresNothing()
      throws Exception {
    reply = "Partial text [cut]";

    HttpResponse<String> response =
        respond("\"conversation\":\"resp-cut\",\"stream\":true,\"input\":\"hi\"");

    List<JsonNode> events = events(response.body());
    assertThat(events.get(0).path("type").asText()).isEqualTo("response.created");
    JsonNode last = events.get(events.size() - 1);
    assertThat(last.path("type").asText()).isEqualTo("error");
    assertThat(last.path("code").asText()).isEqualTo("model_unavailable");
    assertThat(last.at("/error/code").asText()).isEqualTo("model_unavailable");
    assertThat(last.at("/error/message").asText()).contains("connection reset");
    assertThat(response.body()).doesNotContain("response.completed", "dev.armature");
    assertThat(stored("resp-cut").at("/error/code").asText()).isEqualTo("conversation_not_found");
  }

  @Test
  void metadata_followsTheAttributePolicy_andAnIdempotencyKeyReplaysAKeptTurn() throws Exception {
    HttpResponse<String> refused =
        respond("\"input\":\"hi\",\"metadata\":{\"secret_level\":\"9\"}");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(json(refused).at("/error/code").asText()).isEqualTo("attribute_not_allowed");
    assertThat(json(refused).at("/error/message").asText()).contains("secret_level");

    String body = "\"conversation\":\"resp-once\",\"input\":\"where is order 1182\"";
    HttpResponse<String> first = respond(body, "Idempotency-Key", "k-1");
    HttpResponse<String> again = respond(body, "Idempotency-Key", "k-1");

    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.headers().firstValue(Turns.REPLAYED)).hasValue("true");
    assertThat(stored("resp-once").at("/turns").asInt()).isEqualTo(1);
    assertThat(SENT).hasSize(1);
    HttpResponse<String> stateless = respond("\"input\":\"hi\"", "Idempotency-Key", "k-2");
    assertThat(json(stateless).at("/error/code").asText())
        .isEqualTo("idempotency_key_without_conversation");
  }

  @Test
  void parameters_areHonouredOrRefused_asForChatCompletions() throws Exception {
    respond(
        "\"store\":false,\"input\":\"hi\",\"max_output_tokens\":50,\"temperature\":0.5,"
            + "\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"answer\","
            + "\"schema\":{\"type\":\"object\"}}}");
    assertThat(SENT.get(0).parameters().maxTokens()).isEqualTo(50);
    assertThat(SENT.get(0).parameters().temperature()).isEqualTo(0.5);
    assertThat(SENT.get(0).parameters().responseFormat()).isEqualTo("json");
    assertThat(SENT.get(0).parameters().jsonSchema()).contains("\"answer\"");

    assertRefused("\"temperature\":5", 400, "invalid_value", "temperature");
    assertRefused("\"max_output_tokens\":\"lots\"", 400, "invalid_value", "max_output_tokens");
    assertRefused(
        "\"tools\":[{\"type\":\"function\",\"name\":\"f\"}]",
        400,
        "tool_not_declared",
        "tools[0].name");
    assertRefused("\"background\":true", 400, "unsupported_parameter", "background");
    assertRefused("\"text\":{\"format\":{\"type\":\"xml\"}}", 400, "invalid_value", "text.format");
    assertRefused("\"conversation\":\"c\",\"store\":false", 400, "unsupported_parameter", "store");
    assertRefused(
        "\"previous_response_id\":\"chatcmpl-1\"", 400, "invalid_value", "previous_response_id");
    assertThat(SENT).hasSize(1);
  }

  @Test
  void inputItemsArmatureCannotTake_areRefused_namingTheItem() throws Exception {
    HttpResponse<String> response =
        respond(
            "\"input\":[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"type\":\"reasoning\",\"id\":\"r\",\"summary\":[]}]");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).at("/error/code").asText()).isEqualTo("unsupported_parameter");
    assertThat(json(response).at("/error/param").asText()).isEqualTo("input[1].type");
    assertThat(response.body()).doesNotContain("dev.armature", "Exception");
  }

  private static void assertRefused(String fields, int status, String code, String param)
      throws Exception {
    HttpResponse<String> response = respond("\"input\":\"hi\"," + fields);
    assertThat(response.statusCode()).as(fields).isEqualTo(status);
    assertThat(json(response).at("/error/code").asText()).as(fields).isEqualTo(code);
    assertThat(json(response).at("/error/param").asText()).as(fields).isEqualTo(param);
  }

  private static List<JsonNode> events(String body) throws Exception {
    List<JsonNode> events = new ArrayList<>();
    for (String event : body.split("\n\n")) {
      String[] lines = event.split("\n");
      assertThat(lines[0]).startsWith("event: ");
      assertThat(lines[1]).startsWith("data: ");
      JsonNode data = JSON.readTree(lines[1].substring(6));
      assertThat(data.path("type").asText()).isEqualTo(lines[0].substring(7));
      events.add(data);
    }
    return events;
  }
}
