package dev.armature.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.armature.ModelReply;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator who asks for it ({@code serve --keep-stateless}) gets each stateless turn stored
 * under its {@code stateless-} name; the same messages sent again store nothing more.
 */
class KeptStatelessTurnsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path rules;
  static ArmatureServer server;

  private static final String HISTORY =
      "[{\"role\":\"user\",\"content\":\"Where is order 1182? This is ridiculous\"},"
          + "{\"role\":\"assistant\",\"content\":\"It left the warehouse on Monday.\"},"
          + "{\"role\":\"user\",\"content\":\"Can I change the delivery address\"}]";

  @BeforeAll
  static void start() {
    TestRuleSets.copy(rules, "basic");
    server =
        ArmatureServer.builder()
            .rules(rules)
            .model(request -> ModelReply.of("A fresh answer"))
            .keepStatelessTurns()
            .port(0)
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode post(String path, String body, String... headers) throws Exception {
    return JSON.readTree(Client.post(server.url() + path, body, headers).body());
  }

  private static JsonNode stored(String conversation) throws Exception {
    return JSON.readTree(Client.get(server.url() + "/v1/conversations/" + conversation).body());
  }

  @Test
  void aStatelessTurn_isStored_andTheSameMessagesAgainStoreNothingMore() throws Exception {
    String body = "{\"model\":\"basic\",\"messages\":" + HISTORY + "}";
    JsonNode first = post("/v1/chat/completions", body).path("armature");
    JsonNode again = post("/v1/chat/completions", body).path("armature");

    String conversation = first.path("conversation").asText();
    assertThat(again.path("conversation").asText()).isEqualTo(conversation);
    assertThat(again.path("turn").asInt()).isEqualTo(2);
    JsonNode stored = stored(conversation);
    assertThat(stored.at("/turns").asInt()).isEqualTo(2);
    assertThat(stored.at("/version").asInt()).isEqualTo(1);
    assertThat(stored.at("/vars/order_id").asText()).isEqualTo("1182");

    JsonNode next =
        post(
                "/v1/chat/completions",
                "{\"model\":\"basic\",\"messages\":[{\"role\":\"user\",\"content\":\"ok\"}]}",
                ChatCompletions.CONVERSATION_HEADER,
                conversation)
            .path("armature");
    assertThat(next.path("turn").asInt()).isEqualTo(3);
  }

  @Test
  void aResponseWithStoreFalse_isNotStored_evenWhenStatelessTurnsAreKept() throws Exception {
    JsonNode response =
        post("/v1/responses", "{\"model\":\"basic\",\"store\":false,\"input\":\"hello there\"}");

    String conversation = response.at("/armature/conversation").asText();
    assertThat(conversation).startsWith(ClientHistory.PREFIX);
    assertThat(stored(conversation).at("/error/code").asText()).isEqualTo("conversation_not_found");
  }
}
