package dev.armature.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.armature.Message;
import dev.armature.ModelReply;
import dev.armature.ModelRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LangChain4j's {@code OpenAiChatModel} pointed at the server with no conversation id, as an
 * application that keeps its own chat memory uses it: the history it sends is the turn's state.
 * (OpenAiCompatibilityTest covers it with an id, blocking and streamed.)
 */
class LangChain4jClientTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<ModelRequest> SENT = new CopyOnWriteArrayList<>();

  @TempDir static Path rules;
  static ArmatureServer server;

  @BeforeAll
  static void start() {
    TestRuleSets.copy(rules, "basic");
    server =
        ArmatureServer.builder()
            .rules(rules)
            .model(
                request -> {
                  SENT.add(request);
                  return ModelReply.of("Within three days.");
                })
            .port(0)
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void withoutAConversationId_theHistoryItSendsIsTheState_andNothingIsStored() throws Exception {
    OpenAiChatModel client =
        OpenAiChatModel.builder()
            .baseUrl(server.url() + "/v1")
            .apiKey("unused")
            .modelName("basic")
            .timeout(Duration.ofSeconds(20))
            .maxRetries(0)
            .build();

    String reply =
        client
            .chat(
                SystemMessage.from("Be brief."),
                UserMessage.from("Where is order 1182? This is ridiculous"),
                AiMessage.from("It left the warehouse on Monday."),
                UserMessage.from("When does it arrive"))
            .aiMessage()
            .text();

    assertThat(reply).isEqualTo("Within three days.");
    ModelRequest sent = SENT.get(0);
    assertThat(sent.system()).contains("1182").doesNotContain("Be brief.");
    assertThat(sent.messages())
        .extracting(Message::text)
        .contains("Where is order 1182? This is ridiculous", "It left the warehouse on Monday.");
    String id =
        ClientHistory.id(
            List.of(
                new Message(Message.Role.USER, "Where is order 1182? This is ridiculous"),
                new Message(Message.Role.ASSISTANT, "It left the warehouse on Monday.")),
            "When does it arrive");
    assertThat(
            JSON.readTree(Client.get(server.url() + "/v1/conversations/" + id).body())
                .at("/error/code")
                .asText())
        .isEqualTo("conversation_not_found");
  }
}
