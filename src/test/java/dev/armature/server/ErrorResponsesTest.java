package dev.armature.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.armature.Model;
import dev.armature.ModelPolicy;
import dev.armature.model.Models;
import dev.armature.testing.OpenAiStub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every error answers in the OpenAI error shape with the status a client can act on; bad input is
 * never a 500.
 */
class ErrorResponsesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "s3cret-token";
  private static final String[] AUTH = {"Authorization", "Bearer " + TOKEN};
  private static final String HELLO = "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]";

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
    server =
        ArmatureServer.builder()
            .rules(rules)
            .model(model)
            .token(TOKEN)
            .port(0)
            .modelPolicy(
                new ModelPolicy(
                    Duration.ofMillis(700), 0, Duration.ofMillis(10), 1000, Duration.ofSeconds(1)))
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
    upstream.close();
  }

  @BeforeEach
  void healthyUpstream() {
    model.delegate = upstreamModel;
    upstream.status = 200;
    upstream.delayMillis = 0;
  }

  private static HttpResponse<String> complete(String body) {
    return Client.post(server.url() + "/v1/chat/completions", body, AUTH);
  }

  /** Checks the status and the OpenAI error shape, and returns the error object. */
  private static JsonNode error(HttpResponse<String> response, int status, String type, String code)
      throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode error = JSON.readTree(response.body()).path("error");
    assertThat(error.isObject()).as(response.body()).isTrue();
    assertThat(error.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("message", "type", "param", "code");
    assertThat(error.path("type").asText()).isEqualTo(type);
    assertThat(error.path("code").asText()).isEqualTo(code);
    return error;
  }

  @Test
  void malformedJson_is400InvalidJson_withWhereItBroke() throws IOException {
    JsonNode e =
        error(
            complete("{\"model\": \"basic\", messages"),
            400,
            "invalid_request_error",
            "invalid_json");

    assertThat(e.path("message").asText())
        .startsWith("the request body is not valid JSON at line 1, column ");
  }

  @Test
  void fieldOfTheWrongType_is400NamingTheField() throws IOException {
    JsonNode e =
        error(
            complete("{\"model\":\"basic\",\"conversation\":\"c\",\"messages\":\"hello\"}"),
            400,
            "invalid_request_error",
            "invalid_value");

    assertThat(e.path("param").asText()).isEqualTo("messages");
    assertThat(e.path("message").asText()).isEqualTo("field 'messages' must be a list");
    JsonNode flag =
        error(
            complete("{\"model\":\"basic\",\"conversation\":\"c\",\"stream\":[1],\"messages\":[]}"),
            400,
            "invalid_request_error",
            "invalid_value");
    assertThat(flag.path("message").asText()).isEqualTo("field 'stream' must be true or false");
  }

  @Test
  void missingMessages_is400() throws IOException {
    JsonNode e =
        error(
            complete("{\"model\":\"basic\",\"conversation\":\"c\"}"),
            400,
            "invalid_request_error",
            "missing_messages");

    assertThat(e.path("param").asText()).isEqualTo("messages");
    error(
        complete(
            "{\"model\":\"basic\",\"conversation\":\"c\",\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]}"),
        400,
        "invalid_request_error",
        "missing_user_message");
    error(
        complete("{\"conversation\":\"c\"," + HELLO + "}"),
        400,
        "invalid_request_error",
        "missing_model");
  }

  @Test
  void unknownRuleSet_is404ModelNotFound_listingTheServedOnes() throws IOException {
    JsonNode e =
        error(
            complete("{\"model\":\"gpt-4o\",\"conversation\":\"c\"," + HELLO + "}"),
            404,
            "invalid_request_error",
            "model_not_found");

    assertThat(e.path("param").asText()).isEqualTo("model");
    assertThat(e.path("message").asText())
        .isEqualTo("rule set 'gpt-4o' is not served here; served: basic, other");
  }

  @Test
  void invalidConversationId_is400() throws IOException {
    error(
        complete("{\"model\":\"basic\",\"conversation\":\"not a valid id!\"," + HELLO + "}"),
        400,
        "invalid_request_error",
        "invalid_input");
  }

  @Test
  void refusedInput_is400_forOversizedTextAndBadAttributes() throws IOException {
    JsonNode text =
        error(
            complete(
                "{\"model\":\"basic\",\"conversation\":\"big\",\"messages\":[{\"role\":\"user\",\"content\":\""
                    + "x".repeat(40_000)
                    + "\"}]}"),
            400,
            "invalid_request_error",
            "invalid_input");
    assertThat(text.path("message").asText())
        .isEqualTo("conversation 'big': the user's text is 40000 bytes; the limit is 32768");

    error(
        complete(
            "{\"model\":\"basic\",\"conversation\":\"c\",\"metadata\":{\"Bad Name\":\"x\"},"
                + HELLO
                + "}"),
        400,
        "invalid_request_error",
        "invalid_input");
  }

  /** A completion request of 1.1 MB, over the server's 1 MiB limit. */
  private static byte[] oversizedBody() {
    return ("{\"model\":\"basic\",\"conversation\":\"c\",\"pad\":\""
            + "x".repeat(1_100_000)
            + "\","
            + HELLO
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void oversizedBody_is413() throws IOException {
    JsonNode e =
        error(
            Client.post(server.url() + "/v1/chat/completions", oversizedBody(), AUTH),
            413,
            "invalid_request_error",
            "request_too_large");

    assertThat(e.path("message").asText()).endsWith("the limit is 1048576 bytes");
  }

  @Test
  void oversizedChunkedBody_is413() throws IOException {
    JsonNode e =
        error(
            Client.postChunked(server.url() + "/v1/chat/completions", oversizedBody(), AUTH),
            413,
            "invalid_request_error",
            "request_too_large");

    assertThat(e.path("message").asText())
        .isEqualTo("the request body is more than 1048576 bytes; the limit is 1048576 bytes");
  }

  @Test
  void chunkedBodyWithinTheLimit_isRead() throws IOException {
    byte[] body =
        ("{\"model\":\"basic\",\"conversation\":\"chunked\",\"pad\":\""
                + "x".repeat(20_000)
                + "\","
                + HELLO
                + "}")
            .getBytes(StandardCharsets.UTF_8);

    var response = Client.postChunked(server.url() + "/v1/chat/completions", body, AUTH);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(
            JSON.readTree(response.body())
                .path("choices")
                .path(0)
                .path("message")
                .path("content")
                .asText())
        .isNotBlank();
  }

  @Test
  void providerDown_is502WithTheCause() throws IOException {
    model.delegate =
        Models.fromSpec(
            "openai:stub-model",
            Map.of(
                "OPENAI_API_KEY",
                "sk-stub",
                "OPENAI_BASE_URL",
                "http://127.0.0.1:" + closedPort() + "/v1"));

    JsonNode e =
        error(
            complete("{\"model\":\"basic\",\"conversation\":\"down\"," + HELLO + "}"),
            502,
            "upstream_error",
            "model_unavailable");

    assertThat(e.path("message").asText())
        .startsWith("the model failed (unavailable): ")
        .containsIgnoringCase("connect");
  }

  @Test
  void providerFailing_is502_andTooSlow_is504() throws IOException {
    upstream.status = 500;
    JsonNode failing =
        error(
            complete("{\"model\":\"basic\",\"conversation\":\"failing\"," + HELLO + "}"),
            502,
            "upstream_error",
            "model_unavailable");
    assertThat(failing.path("message").asText()).contains("stub says 500");

    upstream.status = 200;
    upstream.delayMillis = 3000;
    JsonNode slow =
        error(
            complete("{\"model\":\"basic\",\"conversation\":\"slow\"," + HELLO + "}"),
            504,
            "upstream_error",
            "model_timeout");
    assertThat(slow.path("message").asText()).startsWith("the model failed (timeout): ");
  }

  @Test
  void rateLimited_is429_blockingAndBeforeAStreamStarts() throws IOException {
    upstream.status = 429;

    JsonNode e =
        error(
            complete("{\"model\":\"basic\",\"conversation\":\"limited\"," + HELLO + "}"),
            429,
            "rate_limit_error",
            "rate_limited");
    assertThat(e.path("message").asText()).contains("stub says 429");
    error(
        complete(
            "{\"model\":\"basic\",\"conversation\":\"limited\",\"stream\":true," + HELLO + "}"),
        429,
        "rate_limit_error",
        "rate_limited");
  }

  @Test
  void missingOrWrongToken_is401_whileThePageAndHealthStayOpen() throws IOException {
    HttpResponse<String> none = Client.post(server.url() + "/v1/chat/completions", "{}");
    error(none, 401, "invalid_request_error", "invalid_api_key");
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    JsonNode wrong =
        error(
            Client.get(server.url() + "/v1/rulesets", "Authorization", "Bearer nope"),
            401,
            "invalid_request_error",
            "invalid_api_key");
    assertThat(wrong.path("message").asText()).doesNotContain(TOKEN);
    error(Client.get(server.url() + "/metrics"), 401, "invalid_request_error", "invalid_api_key");

    assertThat(Client.get(server.url() + "/healthz").statusCode()).isEqualTo(200);
    assertThat(Client.get(server.url() + "/").statusCode()).isEqualTo(200);
    assertThat(Client.get(server.url() + "/v1/rulesets", AUTH).statusCode()).isEqualTo(200);
  }

  @Test
  void nativeApi_errors_useTheSameShape() throws IOException {
    String turns = server.url() + "/v1/conversations/n-1/turns";
    error(
        Client.post(turns, "{\"ruleset\":\"basic\"}", AUTH),
        400,
        "invalid_request_error",
        "missing_text");
    error(
        Client.post(turns, "{\"text\":\"hi\"}", AUTH),
        400,
        "invalid_request_error",
        "missing_ruleset");
    error(
        Client.post(turns, "{\"text\":\"hi\",\"ruleset\":\"nope\"}", AUTH),
        404,
        "invalid_request_error",
        "model_not_found");
    error(Client.post(turns, "[1,2]", AUTH), 400, "invalid_request_error", "invalid_json");
    error(
        Client.get(server.url() + "/v1/conversations/never-seen", AUTH),
        404,
        "invalid_request_error",
        "conversation_not_found");
    error(
        Client.get(server.url() + "/v1/no-such-thing", AUTH),
        404,
        "invalid_request_error",
        "not_found");
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
