package dev.armature.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.armature.Message;
import dev.armature.ModelReply;
import dev.armature.ModelRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request that names no conversation is served from the messages it carries: their state is
 * derived by running the earlier turns through the rules, and nothing is stored.
 */
class StatelessTurnsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<ModelRequest> SENT = new CopyOnWriteArrayList<>();

  @TempDir static Path rules;
  static ArmatureServer server;

  @BeforeAll
  static void start() throws Exception {
    Path basic = TestRuleSets.copy(rules, "basic");
    Files.writeString(
        basic.resolve("patterns/repeats.drl"),
        "rule \"Repeats are noted\"\n"
            + "when\n"
            + "    Signal(name == \"repeated\")\n"
            + "then\n"
            + "    insert(new SetVar(\"repeated\", \"yes\"));\n"
            + "end\n");
    server =
        ArmatureServer.builder()
            .rules(rules)
            .model(
                request -> {
                  SENT.add(request);
                  return ModelReply.of("A fresh answer");
                })
            .port(0)
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void clear() {
    SENT.clear();
  }

  private static HttpResponse<String> chat(String messages, String... headers) {
    return Client.post(
        server.url() + "/v1/chat/completions",
        "{\"model\":\"basic\",\"user\":\"person-1\",\"messages\":" + messages + "}",
        headers);
  }

  private static final String HISTORY =
      "[{\"role\":\"system\",\"content\":\"Be kind.\"},"
          + "{\"role\":\"user\",\"content\":\"Where is order 1182? This is ridiculous\"},"
          + "{\"role\":\"assistant\",\"content\":\"It left the warehouse on Monday.\"},"
          + "{\"role\":\"user\",\"content\":\"And when does it arrive at my door\"},"
          + "{\"role\":\"assistant\",\"content\":\"Within three days.\"},"
          + "{\"role\":\"user\",\"content\":\"Can I change the delivery address\"}]";

  @Test
  void noConversationId_theTurnIsServed_withTheStateOfTheEarlierMessages() throws Exception {
    HttpResponse<String> response = chat(HISTORY);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode armature = JSON.readTree(response.body()).path("armature");
    assertThat(armature.path("turn").asInt()).isEqualTo(3);
    assertThat(armature.path("conversation").asText()).startsWith("stateless-");
    // order_id was captured in the first turn, so the order construct applies in the third.
    assertThat(armature.path("constructs").toString()).contains("order-status");
    ModelRequest sent = SENT.get(0);
    assertThat(sent.messages())
        .extracting(Message::text)
        .contains(
            "Where is order 1182? This is ridiculous",
            "It left the warehouse on Monday.",
            "Within three days.");
    assertThat(sent.userText()).isEqualTo("Can I change the delivery address");
    assertThat(sent.system()).contains("1182");
  }

  @Test
  void theSameMessagesTwice_giveTheSameTurn_notARepeat() throws Exception {
    JsonNode first = JSON.readTree(chat(HISTORY).body()).path("armature");
    JsonNode second = JSON.readTree(chat(HISTORY).body()).path("armature");

    assertThat(second.path("turn").asInt()).isEqualTo(first.path("turn").asInt()).isEqualTo(3);
    assertThat(second.path("conversation").asText()).isEqualTo(first.path("conversation").asText());
    assertThat(SENT).hasSize(2);
    assertThat(SENT.get(1)).isEqualTo(SENT.get(0));
    JsonNode trace =
        JSON.readTree(
            Client.get(server.url() + "/v1/conversations/" + second.path("conversation").asText())
                .body());
    assertThat(trace.at("/error/code").asText()).isEqualTo("conversation_not_found");
  }

  @Test
  void regenerate_isNotCountedAsTheUserRepeatingThemselves() throws Exception {
    String one = "[{\"role\":\"user\",\"content\":\"Where is order 1182 right now\"}]";

    chat(one);
    HttpResponse<String> again = chat(one);

    JsonNode armature = JSON.readTree(again.body()).path("armature");
    assertThat(armature.path("turn").asInt()).isEqualTo(1);
    assertThat(SENT.get(1)).isEqualTo(SENT.get(0));
    assertThat(SENT.get(1).system()).doesNotContain("repeated");
  }

  @Test
  void user_isTheEndUsersId_itNamesNoConversation_andReachesTheRulesAsAnAttribute()
      throws Exception {
    JsonNode first =
        JSON.readTree(chat("[{\"role\":\"user\",\"content\":\"Where is order 1182\"}]").body());
    JsonNode second =
        JSON.readTree(chat("[{\"role\":\"user\",\"content\":\"Do you sell gift cards\"}]").body());

    assertThat(second.at("/armature/turn").asInt()).isEqualTo(1);
    assertThat(second.at("/armature/constructs").toString()).doesNotContain("order-status");
    assertThat(first.at("/armature/conversation").asText())
        .isNotEqualTo(second.at("/armature/conversation").asText());
  }

  @Test
  void withAConversationId_theServerKeepsTheState_andIgnoresTheResentHistory() throws Exception {
    HttpResponse<String> response = chat(HISTORY, "X-Armature-Conversation", "kept-1");

    JsonNode armature = JSON.readTree(response.body()).path("armature");
    assertThat(armature.path("turn").asInt()).isEqualTo(1);
    assertThat(armature.path("conversation").asText()).isEqualTo("kept-1");
    assertThat(Client.get(server.url() + "/v1/conversations/kept-1").statusCode()).isEqualTo(200);
  }
}
