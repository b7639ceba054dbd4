package dev.armature.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.armature.Message;
import dev.armature.Model;
import dev.armature.ModelException;
import dev.armature.ModelParameters;
import dev.armature.ModelReply;
import dev.armature.ModelRequest;
import dev.armature.testing.OpenAiStub;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LangChain4jModelTest {
  private static final ModelRequest REQUEST =
      new ModelRequest(
          List.of(
              new Message(Message.Role.SYSTEM, "Be brief."), new Message(Message.Role.USER, "Hi")),
          new ModelParameters(0.2, null, 50, null, null, null),
          List.of("concise"),
          null);

  @Test
  void generate_sendsTheRequestThroughAnOpenAiCompatibleServer() {
    try (OpenAiStub stub = new OpenAiStub()) {
      Model model =
          Models.fromSpec(
              "openai:gpt-test",
              Map.of("OPENAI_API_KEY", "sk-test", "OPENAI_BASE_URL", stub.baseUrl()));

      ModelReply reply = model.generate(REQUEST);

      assertThat(reply).isEqualTo(new ModelReply("Hello from the stub", "stop", 12, 5));
      assertThat(stub.bodies).hasSize(1);
      assertThat(stub.bodies.get(0).replaceAll("\\s", ""))
          .contains(
              "\"model\":\"gpt-test\"", "\"temperature\":0.2", "\"Bebrief.\"", "\"max_tokens\":50");
    }
  }

  @Test
  void generate_sendsEveryParameter_includingTheSeedAndAJsonSchema() throws Exception {
    try (OpenAiStub stub = new OpenAiStub()) {
      Model model =
          Models.fromSpec(
              "openai:gpt-test",
              Map.of("OPENAI_API_KEY", "sk-test", "OPENAI_BASE_URL", stub.baseUrl()));
      String schema =
          "{\"name\":\"answer\",\"schema\":{\"type\":\"object\",\"properties\":"
              + "{\"ok\":{\"type\":\"boolean\"}}}}";
      ModelRequest request =
          new ModelRequest(
              REQUEST.messages(),
              new ModelParameters(0.1, 0.5, 60, 7, "json", List.of("END"), schema),
              List.of(),
              null);

      model.generate(request);

      com.fasterxml.jackson.databind.JsonNode sent =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(stub.bodies.get(0));
      assertThat(sent.path("temperature").asDouble()).isEqualTo(0.1);
      assertThat(sent.path("top_p").asDouble()).isEqualTo(0.5);
      assertThat(sent.path("max_tokens").asInt()).isEqualTo(60);
      assertThat(sent.path("seed").asInt()).isEqualTo(7);
      assertThat(sent.path("stop").get(0).asText()).isEqualTo("END");
      assertThat(sent.at("/response_format/type").asText()).isEqualTo("json_schema");
      assertThat(sent.at("/response_format/json_schema/name").asText()).isEqualTo("answer");
      assertThat(sent.at("/response_format/json_schema/schema/properties/ok/type").asText())
          .isEqualTo("boolean");
    }
  }

  @Test
  void rateLimited_theProvidersRetryAfter_isKept_blockingAndStreaming() {
    try (OpenAiStub stub = new OpenAiStub()) {
      Model model =
          Models.fromSpec(
              "openai:gpt-test",
              Map.of("OPENAI_API_KEY", "sk-test", "OPENAI_BASE_URL", stub.baseUrl()));
      stub.script.add(OpenAiStub.Fault.RATE_LIMITED);
      ModelException blocking =
          catchThrowableOfType(ModelException.class, () -> model.generate(REQUEST));
      stub.script.add(OpenAiStub.Fault.RATE_LIMITED);
      ModelException streamed =
          catchThrowableOfType(ModelException.class, () -> model.stream(REQUEST, piece -> {}));

      assertThat(blocking.kind()).isEqualTo(ModelException.Kind.RATE_LIMITED);
      assertThat(blocking.retryAfter()).isEqualTo(java.time.Duration.ofSeconds(2));
      assertThat(streamed.kind()).isEqualTo(ModelException.Kind.RATE_LIMITED);
      assertThat(streamed.retryAfter()).isEqualTo(java.time.Duration.ofSeconds(2));
    }
  }

  @Test
  void stream_handsOverEachPieceAsItArrives() {
    try (OpenAiStub stub = new OpenAiStub()) {
      Model model =
          Models.fromSpec(
              "openai:gpt-test",
              Map.of("OPENAI_API_KEY", "sk-test", "OPENAI_BASE_URL", stub.baseUrl()));
      java.util.List<String> pieces = new java.util.ArrayList<>();

      ModelReply reply = model.stream(REQUEST, pieces::add);

      assertThat(pieces).containsExactly("Hello ", "from ", "the ", "stub");
      assertThat(reply.text()).isEqualTo("Hello from the stub");
      assertThat(reply.finishReason()).isEqualTo("stop");
    }
  }

  @Test
  void generate_whenServerRateLimits_throwsRetriableModelException() {
    try (OpenAiStub stub = new OpenAiStub()) {
      stub.status = 429;
      Model model =
          Models.fromSpec(
              "openai:gpt-test",
              Map.of("OPENAI_API_KEY", "sk-test", "OPENAI_BASE_URL", stub.baseUrl()));

      ModelException e = catchThrowableOfType(ModelException.class, () -> model.generate(REQUEST));

      assertThat(e.retriable()).isTrue();
      assertThat(e).hasMessageContaining("stub says 429");
      assertThat(stub.bodies).as("no retries inside the client").hasSize(1);
    }
  }

  @Test
  void generate_whenServerRefusesTheRequest_throwsNonRetriableModelException() {
    try (OpenAiStub stub = new OpenAiStub()) {
      stub.status = 400;
      Model model =
          Models.fromSpec(
              "openai:gpt-test",
              Map.of("OPENAI_API_KEY", "sk-test", "OPENAI_BASE_URL", stub.baseUrl()));

      assertThat(
              catchThrowableOfType(ModelException.class, () -> model.generate(REQUEST)).retriable())
          .isFalse();
    }
  }

  @Test
  void fromSpec_refusesUnknownSpecsAndMissingKeys_withoutShowingAKey() {
    assertThat(Models.fromSpec("dry-run", Map.of())).isInstanceOf(DryRunModel.class);
    assertThatThrownBy(() -> Models.fromSpec("gpt4", Map.of()))
        .hasMessage("model 'gpt4' is not dry-run, openai:<model> or ollama:<model>");
    assertThatThrownBy(() -> Models.fromSpec("openai:gpt-test", Map.of()))
        .hasMessage("model 'openai:gpt-test' needs OPENAI_API_KEY in the environment");
    assertThat(Models.fromSpec("ollama:llama3", Map.of())).isInstanceOf(LangChain4jModel.class);
  }

  @Test
  void dryRun_answersWithTheDirectives_sameEveryTime() {
    DryRunModel dryRun = new DryRunModel();

    assertThat(dryRun.generate(REQUEST).text()).isEqualTo("[dry-run] applying concise to: \"Hi\"");
    assertThat(dryRun.generate(REQUEST)).isEqualTo(dryRun.generate(REQUEST));
  }

  @Test
  void generate_offersTools_andReturnsTheModelsToolCalls_thenSendsTheResultsBack()
      throws Exception {
    try (OpenAiStub stub = new OpenAiStub()) {
      Model model =
          Models.fromSpec(
              "openai:gpt-test",
              Map.of("OPENAI_API_KEY", "sk-test", "OPENAI_BASE_URL", stub.baseUrl()));
      stub.toolCalls.add(
          "[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"lookup_order\","
              + "\"arguments\":\"{\\\"order_id\\\":\\\"1182\\\"}\"}}]");
      dev.armature.ToolSpec lookup =
          new dev.armature.ToolSpec(
              "lookup_order",
              "Looks up an order.",
              "{\"type\":\"object\",\"properties\":{\"order_id\":{\"type\":\"string\","
                  + "\"description\":\"the number\"}},\"required\":[\"order_id\"]}");
      ModelRequest offering =
          new ModelRequest(
              REQUEST.messages(), REQUEST.parameters(), List.of(), null, List.of(lookup));

      ModelReply calling = model.generate(offering);

      assertThat(calling.toolCalls())
          .containsExactly(
              new dev.armature.ToolRequest("call_1", "lookup_order", "{\"order_id\":\"1182\"}"));
      com.fasterxml.jackson.databind.JsonNode sent =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(stub.bodies.get(0));
      assertThat(sent.path("tools").get(0).path("function").path("name").asText())
          .isEqualTo("lookup_order");
      assertThat(
              sent.path("tools")
                  .get(0)
                  .path("function")
                  .path("parameters")
                  .path("required")
                  .get(0)
                  .asText())
          .isEqualTo("order_id");

      List<Message> more =
          List.of(
              Message.calls("", calling.toolCalls()),
              Message.toolResult("call_1", "{\"status\":\"shipped\"}"));
      List<Message> all = new java.util.ArrayList<>(REQUEST.messages());
      all.addAll(more);
      ModelReply answer =
          model.generate(
              new ModelRequest(all, REQUEST.parameters(), List.of(), null, List.of(lookup)));

      assertThat(answer.text()).isEqualTo("Hello from the stub");
      com.fasterxml.jackson.databind.JsonNode second =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(stub.bodies.get(1));
      com.fasterxml.jackson.databind.JsonNode messages = second.path("messages");
      assertThat(messages.get(2).path("tool_calls").get(0).path("id").asText()).isEqualTo("call_1");
      assertThat(messages.get(3).path("role").asText()).isEqualTo("tool");
      assertThat(messages.get(3).path("tool_call_id").asText()).isEqualTo("call_1");
      assertThat(messages.get(3).path("content").asText()).isEqualTo("{\"status\":\"shipped\"}");
    }
  }
}
