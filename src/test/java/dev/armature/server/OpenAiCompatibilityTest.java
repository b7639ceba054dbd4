package dev.armature.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.armature.Model;
import dev.armature.model.DryRunModel;
import dev.armature.model.Models;
import dev.armature.testing.OpenAiStub;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real OpenAI clients (LangChain4j's) talk to the server over HTTP, and the server talks over HTTP
 * to an OpenAI-compatible stub upstream: the whole path is real.
 */
class OpenAiCompatibilityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FRUSTRATED = "This is ridiculous, where is order 1182?";

  @TempDir static Path rules;
  static OpenAiStub upstream;
  static Model upstreamModel;
  static SwitchableModel model;
  static ArmatureServer server;

  @BeforeAll
  static void start() {
    TestRuleSets.copy(rules, "basic");
    TestRuleSets.copy(rules, "other");
    upstream = new OpenAiStub();
    upstreamModel =
        Models.fromSpec(
            "openai:stub-model",
            Map.of("OPENAI_API_KEY", "sk-stub", "OPENAI_BASE_URL", upstream.baseUrl()));
    model = new SwitchableModel(upstreamModel);
    server = ArmatureServer.builder().rules(rules).model(model).port(0).start();
  }

  @AfterAll
  static void stop() {
    server.close();
    upstream.close();
  }

  @BeforeEach
  void useUpstream() {
    model.delegate = upstreamModel;
    upstream.content = "Hello from the stub";
  }

  private static OpenAiChatModel client(String ruleSet, String conversation) {
    return OpenAiChatModel.builder()
        .baseUrl(server.url() + "/v1")
        .apiKey("unused")
        .modelName(ruleSet)
        .customHeaders(Map.of("X-Armature-Conversation", conversation))
        .timeout(Duration.ofSeconds(20))
        .maxRetries(0)
        .build();
  }

  private static OpenAiStreamingChatModel streamingClient(String ruleSet, String conversation) {
    return OpenAiStreamingChatModel.builder()
        .baseUrl(server.url() + "/v1")
        .apiKey("unused")
        .modelName(ruleSet)
        .customHeaders(Map.of("X-Armature-Conversation", conversation))
        .timeout(Duration.ofSeconds(20))
        .build();
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void blocking_whenAnOpenAiClientAsks_repliesWithTheUpstreamTextAndSendsUpstreamTheDirectives()
      throws Exception {
    ChatResponse response =
        client("basic", "lc4j-blocking")
            .chat(
                SystemMessage.from("You are a pirate. Talk like one."),
                UserMessage.from(FRUSTRATED));

    assertThat(response.aiMessage().text()).isEqualTo("Hello from the stub");
    assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(12);
    JsonNode sent = json(upstream.lastBody());
    String system = sent.at("/messages/0/content").asText();
    assertThat(sent.at("/model").asText()).isEqualTo("stub-model");
    assertThat(system)
        .contains("Acknowledge the frustration in one sentence", "The order in question is 1182.")
        .doesNotContain("pirate");
    assertThat(sent.at("/messages/1/content").asText()).isEqualTo(FRUSTRATED);
  }

  @Test
  void streaming_whenAnOpenAiClientStreams_passesEachUpstreamPieceOnAndAppliesTheDirectives()
      throws Exception {
    List<String> pieces = new CopyOnWriteArrayList<>();
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    streamingClient("basic", "lc4j-stream")
        .chat(
            List.of(UserMessage.from(FRUSTRATED)),
            new StreamingChatResponseHandler() {
              @Override
              public void onPartialResponse(String partial) {
                pieces.add(partial);
              }

              @Override
              public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
              }

              @Override
              public void onError(Throwable error) {
                done.completeExceptionally(error);
              }
            });

    ChatResponse response = done.get(20, TimeUnit.SECONDS);
    assertThat(pieces).containsExactly("Hello ", "from ", "the ", "stub");
    assertThat(response.aiMessage().text()).isEqualTo("Hello from the stub");
    assertThat(upstream.lastBody().replaceAll("\\s", "")).contains("\"stream\":true");
    JsonNode trace =
        json(Client.get(server.url() + "/v1/conversations/lc4j-stream").body()).at("/traces/0");
    assertThat(trace.at("/directives/0/construct").asText()).isEqualTo("de-escalate");
    assertThat(trace.at("/reply").asText()).isEqualTo("Hello from the stub");
  }

  @Test
  void dryRun_whenAClientAsksBlockingOrStreaming_theReplyNamesTheDirectivesApplied()
      throws Exception {
    model.delegate = new DryRunModel();
    String expected =
        "[dry-run] applying de-escalate, order-status, concise to: \"" + FRUSTRATED + "\"";

    assertThat(client("basic", "dry-blocking").chat(FRUSTRATED)).isEqualTo(expected);
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    streamingClient("basic", "dry-stream")
        .chat(
            FRUSTRATED,
            new StreamingChatResponseHandler() {
              @Override
              public void onPartialResponse(String partial) {}

              @Override
              public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
              }

              @Override
              public void onError(Throwable error) {
                done.completeExceptionally(error);
              }
            });
    assertThat(done.get(20, TimeUnit.SECONDS).aiMessage().text()).isEqualTo(expected);
  }

  @Test
  void model_whenItNamesAnotherRuleSet_thatRuleSetRunsTheTurn() throws Exception {
    HttpResponse<String> response =
        Client.post(
            server.url() + "/v1/chat/completions",
            "{\"model\":\"other\",\"conversation\":\"pick-other\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    JsonNode body = json(response.body());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body.at("/model").asText()).isEqualTo("other");
    assertThat(body.at("/object").asText()).isEqualTo("chat.completion");
    assertThat(body.at("/armature/ruleset").asText()).isEqualTo("other");
    assertThat(body.at("/armature/conversation").asText()).isEqualTo("pick-other");
    assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Hello from the stub");
  }

  @Test
  void messages_onlyTheLastUserMessageIsTheTurn_andTheHeaderNamesTheConversation()
      throws Exception {
    HttpResponse<String> response =
        Client.post(
            server.url() + "/v1/chat/completions",
            "{\"model\":\"basic\",\"conversation\":\"ignored-user\",\"messages\":[{\"role\":\"user\",\"content\":\"first question\"},"
                + "{\"role\":\"assistant\",\"content\":\"an answer the client remembers\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"second question\"}]}]}",
            "X-Armature-Conversation",
            "by-header");

    JsonNode body = json(response.body());
    assertThat(body.at("/armature/conversation").asText()).isEqualTo("by-header");
    assertThat(body.at("/armature/turn").asInt()).isEqualTo(1);
    assertThat(upstream.lastBody())
        .contains("second question")
        .doesNotContain("first question", "client remembers");
  }

  @Test
  void clientSystemMessage_isKeptAsTheAttributeClientSystem_onOneLineOfAtMost1024Characters()
      throws Exception {
    String system = "Be a pirate.\n" + "x".repeat(2000);
    Client.post(
        server.url() + "/v1/chat/completions",
        "{\"model\":\"basic\",\"conversation\":\"client-system\",\"metadata\":{\"tier\":\"gold\"},"
            + "\"messages\":[{\"role\":\"system\",\"content\":"
            + JSON.writeValueAsString(system)
            + "},"
            + "{\"role\":\"user\",\"content\":\"order 1182 please\"}]}");

    JsonNode attributes =
        json(Client.get(server.url() + "/v1/conversations/client-system").body())
            .at("/traces/0/input/attributes");
    assertThat(attributes.at("/client_system").asText())
        .hasSize(1024)
        .startsWith("Be a pirate. xxx");
    assertThat(attributes.at("/tier").asText()).isEqualTo("gold");
    assertThat(json(upstream.lastBody()).at("/messages/0/content").asText())
        .contains("Customer tier: gold.")
        .doesNotContain("pirate");
  }

  @Test
  void stream_sendsChatCompletionChunksAsServerSentEvents_endingWithDone() throws Exception {
    HttpResponse<String> response =
        Client.post(
            server.url() + "/v1/chat/completions",
            "{\"model\":\"basic\",\"conversation\":\"raw-sse\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    List<String> events = List.of(response.body().split("\n\n"));
    assertThat(events).allSatisfy(e -> assertThat(e).startsWith("data: "));
    assertThat(events.get(events.size() - 1)).isEqualTo("data: [DONE]");
    JsonNode first = json(events.get(0).substring(6));
    assertThat(first.at("/object").asText()).isEqualTo("chat.completion.chunk");
    assertThat(first.at("/choices/0/delta/role").asText()).isEqualTo("assistant");
    StringBuilder text = new StringBuilder();
    for (String event : events.subList(1, events.size() - 3)) {
      text.append(json(event.substring(6)).at("/choices/0/delta/content").asText());
    }
    assertThat(text).hasToString("Hello from the stub");
    JsonNode last = json(events.get(events.size() - 3).substring(6));
    assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(last.at("/armature/conversation").asText()).isEqualTo("raw-sse");
    assertThat(json(events.get(events.size() - 2).substring(6)).at("/usage/total_tokens").asInt())
        .isEqualTo(17);
  }

  @Test
  void
      stream_whenTheReviewRejectsAStreamedReply_theClientIsToldInTheStream_andTheRejectedTextIsNotStored()
          throws Exception {
    upstream.content = "Your card is 4111111111111111 ok";
    int calls = upstream.bodies.size();

    HttpResponse<String> response =
        Client.post(
            server.url() + "/v1/chat/completions",
            "{\"model\":\"basic\",\"conversation\":\"review-stream\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"my card?\"}]}");

    String replacement = "I can't show card numbers here. Please don't send them.";
    assertThat(response.body())
        .contains("\"content\":\"4111111111111111 \"")
        .contains(
            JSON.writeValueAsString(SseStream.WITHDRAWN + replacement),
            "\"withdrawn\":true",
            "\"outcome\":\"replaced-by-review\"")
        .endsWith("data: [DONE]\n\n");
    // The rejected reply was retried, as without streaming; the retry was rejected too and
    // replaced.
    assertThat(upstream.bodies).hasSize(calls + 2);
    JsonNode stored = json(Client.get(server.url() + "/v1/conversations/review-stream").body());
    assertThat(stored.at("/recent/0/reply").asText()).isEqualTo(replacement);
    JsonNode trace = stored.at("/traces/0");
    assertThat(trace.at("/outcome").asText()).isEqualTo("replaced-by-review");
    assertThat(trace.at("/attempts/0/review").asText()).isEqualTo("rejected");
    assertThat(trace.at("/attempts/0/reason").asText()).isEqualTo("reply shows a long number");
  }
}
