package dev.armature.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.armature.ModelParameters;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every OpenAI parameter is honoured within its bounds, or refused with a 400 naming it; rules see
 * what the client asked for and may override it.
 */
class ParametersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<ModelRequest> SENT = new CopyOnWriteArrayList<>();

  @TempDir static Path rules;
  static ArmatureServer server;

  @BeforeAll
  static void start() throws Exception {
    Path basic = TestRuleSets.copy(rules, "basic");
    Files.writeString(
        basic.resolve("patterns/request.drl"),
        "rule \"A JSON request is noted\"\n"
            + "when\n"
            + "    Attribute(name == \"request.response_format\", value == \"json_schema\")\n"
            + "then\n"
            + "    insert(new SetVar(\"format\", \"schema\"));\n"
            + "end\n");
    server =
        ArmatureServer.builder()
            .rules(rules)
            .model(
                request -> {
                  SENT.add(request);
                  return new ModelReply("{\"ok\":true}", "stop", 3, 4);
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

  private static HttpResponse<String> complete(String conversation, String fields) {
    return Client.post(
        server.url() + "/v1/chat/completions",
        "{\"model\":\"basic\",\"conversation\":\""
            + conversation
            + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello there\"}]"
            + fields
            + "}");
  }

  private static ModelParameters sent() {
    assertThat(SENT).hasSize(1);
    return SENT.get(0).parameters();
  }

  @Test
  void parameters_whenWithinBounds_reachTheModel() {
    HttpResponse<String> response =
        complete(
            "p-honoured",
            ",\"temperature\":0.1,\"top_p\":0.5,\"max_completion_tokens\":100,\"seed\":7,"
                + "\"stop\":[\"END\",\"STOP\"],\"response_format\":{\"type\":\"json_object\"},"
                + "\"n\":1,\"logprobs\":false,\"tools\":[],\"frequency_penalty\":0");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(sent())
        .isEqualTo(new ModelParameters(0.1, 0.5, 100, 7, "json", List.of("END", "STOP")));
  }

  @Test
  void maxTokens_aboveTheRuleSetsLimit_isLoweredToIt_andWithoutParameters_theDefaultsStay() {
    assertThat(complete("p-cap", ",\"max_tokens\":5000").statusCode()).isEqualTo(200);
    assertThat(sent().maxTokens()).isEqualTo(300);
    SENT.clear();

    assertThat(complete("p-none", "").statusCode()).isEqualTo(200);
    assertThat(sent()).isEqualTo(new ModelParameters(0.5, null, 300, null, null, null));
  }

  @Test
  void jsonSchema_reachesTheModel_andRulesSeeTheRequest() throws Exception {
    String schema =
        "{\"name\":\"answer\",\"schema\":{\"type\":\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"}}}}";
    HttpResponse<String> response =
        complete(
            "p-schema",
            ",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":" + schema + "}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(sent().responseFormat()).isEqualTo("json");
    assertThat(JSON.readTree(sent().jsonSchema())).isEqualTo(JSON.readTree(schema));
    JsonNode conversation =
        JSON.readTree(Client.get(server.url() + "/v1/conversations/p-schema").body());
    assertThat(conversation.at("/vars/format").asText()).isEqualTo("schema");
  }

  @Test
  void aRulesParam_overridesTheClientsValue() {
    HttpResponse<String> response =
        Client.post(
            server.url() + "/v1/chat/completions",
            "{\"model\":\"basic\",\"conversation\":\"p-rule\",\"temperature\":1.5,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Where is my parcel?\"}]}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(sent().temperature()).isEqualTo(0.2);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'\"temperature\":5' | temperature | invalid_value",
        "'\"temperature\":\"hot\"' | temperature | invalid_value",
        "'\"temperature\":-0.1' | temperature | invalid_value",
        "'\"top_p\":1.5' | top_p | invalid_value",
        "'\"max_tokens\":\"lots\"' | max_tokens | invalid_value",
        "'\"max_tokens\":0' | max_tokens | invalid_value",
        "'\"max_completion_tokens\":2.5' | max_completion_tokens | invalid_value",
        "'\"seed\":\"x\"' | seed | invalid_value",
        "'\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]' | stop | invalid_value",
        "'\"stop\":7' | stop | invalid_value",
        "'\"response_format\":{\"type\":\"xml\"}' | response_format | invalid_value",
        "'\"response_format\":{\"type\":\"json_schema\"}' | response_format | invalid_value",
        "'\"n\":2' | n | unsupported_parameter",
        "'\"n\":\"two\"' | n | invalid_value",
        "'\"logprobs\":true' | logprobs | unsupported_parameter",
        "'\"top_logprobs\":2' | top_logprobs | unsupported_parameter",
        "'\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]' | tools[0].function.name | tool_not_declared",
        "'\"tools\":[{\"type\":\"web_search\"}]' | tools[0].type | unsupported_parameter",
        "'\"tools\":{}' | tools | invalid_value",
        "'\"functions\":[{\"name\":\"f\"}]' | functions | unsupported_parameter",
        "'\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"f\"}}' | tool_choice | unsupported_parameter",
        "'\"tool_choice\":\"required\"' | tool_choice | unsupported_parameter",
        "'\"presence_penalty\":0.5' | presence_penalty | unsupported_parameter",
        "'\"logit_bias\":{\"50256\":-100}' | logit_bias | unsupported_parameter",
      })
  void badOrUnsupportedParameter_is400NamingIt_andNoTurnRuns(
      String field, String param, String code) throws Exception {
    HttpResponse<String> response = complete("p-refused", "," + field);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(response.body()).path("error");
    assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(error.path("code").asText()).isEqualTo(code);
    assertThat(error.path("param").asText()).isEqualTo(param);
    assertThat(error.path("message").asText()).contains(param);
    assertThat(SENT).isEmpty();
  }

  @Test
  void anArrayBody_is400_withoutJavaNames() throws Exception {
    HttpResponse<String> response =
        Client.post(server.url() + "/v1/chat/completions", "[{\"model\":\"basic\"}]");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).doesNotContain("dev.armature", "CompletionRequest", "java.");
    assertThat(JSON.readTree(response.body()).at("/error/code").asText()).isEqualTo("invalid_json");
  }

  @Test
  void completionIds_areUniqueAndNotCounters() throws Exception {
    String first = JSON.readTree(complete("p-id", "").body()).path("id").asText();
    String second = JSON.readTree(complete("p-id", "").body()).path("id").asText();

    assertThat(first).matches("chatcmpl-[0-9a-f-]{36}").isNotEqualTo(second);
    assertThat(second).matches("chatcmpl-[0-9a-f-]{36}");
  }

  @Test
  void oneModel_isFoundByItsId_andAnUnknownOneIs404() throws Exception {
    HttpResponse<String> found = Client.get(server.url() + "/v1/models/basic");
    HttpResponse<String> missing = Client.get(server.url() + "/v1/models/nope");

    assertThat(found.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(found.body()).path("id").asText()).isEqualTo("basic");
    assertThat(JSON.readTree(found.body()).path("object").asText()).isEqualTo("model");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(missing.body()).at("/error/code").asText())
        .isEqualTo("model_not_found");
  }

  @Test
  void aWrongMethodOnAKnownPath_is405_withAllow_inTheErrorShape() throws Exception {
    HttpResponse<String> response = Client.get(server.url() + "/v1/chat/completions");

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow"))
        .hasValueSatisfying(v -> assertThat(v).contains("POST"));
    assertThat(JSON.readTree(response.body()).at("/error/code").asText())
        .isEqualTo("method_not_allowed");
  }
}
