package dev.armature.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.armature.ModelPolicy;
import dev.armature.model.Models;
import dev.armature.testing.OpenAiStub;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider that echoes the request's {@code Authorization} header in its 401 body (and names a
 * Java type) leaks neither the key nor the type: not to the client's 502, not to the trace's calls,
 * not to the log.
 */
class ProviderSecretsTest {
  static final String KEY = "sk-armature-test-5ecret-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path rules;
  static OpenAiStub upstream;
  static ArmatureServer server;

  @BeforeAll
  static void start() throws IOException {
    TestRuleSets.copy(rules, "basic");
    Path kind = TestRuleSets.copy(rules, "kind");
    Files.writeString(
        kind.resolve("patterns/fallback.drl"),
        "rule \"A failed model gets an apology\"\n@phase(fallback)\nwhen\n    ModelFailed()\n"
            + "then\n    insert(new Respond(\"Sorry, try again later.\"));\nend\n");
    upstream = new OpenAiStub();
    upstream.echoAuthorization = true;
    server =
        ArmatureServer.builder()
            .rules(rules)
            .model(
                Models.fromSpec(
                    "openai:stub-model",
                    Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", upstream.baseUrl())))
            .modelPolicy(
                new ModelPolicy(
                    Duration.ofSeconds(5), 0, Duration.ofMillis(10), 1000, Duration.ofSeconds(1)))
            .port(0)
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
    upstream.close();
  }

  private static void assertClean(String text) {
    assertThat(text)
        .doesNotContain(
            KEY, "5ecret", "0123456789abcdef", "Bearer sk", "$Builder", "dev.langchain4j");
  }

  private static HttpResponse<String> complete(String ruleSet, String user, boolean stream) {
    return Client.post(
        server.url() + "/v1/chat/completions",
        "{\"model\":\""
            + ruleSet
            + "\",\"conversation\":\""
            + user
            + "\",\"stream\":"
            + stream
            + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");
  }

  @Test
  void keyEchoedByTheProvider_reachesNeitherTheClientNorTheLog() throws Exception {
    List<String> logged;
    HttpResponse<String> blocking;
    HttpResponse<String> streamed;
    try (LogCapture log = new LogCapture()) {
      blocking = complete("basic", "echo-1", false);
      streamed = complete("basic", "echo-2", true);
      logged = log.awaitLine("echo-2");
    }
    // The stub did receive the key: the test would prove nothing otherwise.
    assertThat(upstream.requests.get()).isGreaterThanOrEqualTo(2);

    assertThat(blocking.statusCode()).as(blocking.body()).isEqualTo(502);
    JsonNode error = JSON.readTree(blocking.body()).path("error");
    assertThat(error.path("code").asText()).isEqualTo("model_refused");
    assertThat(error.path("message").asText())
        .contains("HTTP 401", "invalid_request_error", "Incorrect API key provided");
    assertClean(blocking.body());
    assertThat(streamed.statusCode()).isEqualTo(502);
    assertClean(streamed.body());
    assertThat(logged).anyMatch(l -> l.contains("echo-1"));
    assertClean(String.join("\n", logged));
  }

  @Test
  void keyEchoedByTheProvider_staysOutOfTheTraceOfAFallbackTurn() throws IOException {
    HttpResponse<String> turn =
        Client.post(
            server.url() + "/v1/conversations/echo-3/turns",
            "{\"text\":\"hello\",\"ruleset\":\"kind\"}");

    assertThat(turn.statusCode()).as(turn.body()).isEqualTo(200);
    JsonNode calls = JSON.readTree(turn.body()).path("trace").path("calls");
    assertThat(calls.path(0).path("outcome").asText()).isEqualTo("refused");
    assertThat(calls.path(0).path("message").asText()).contains("HTTP 401");
    assertClean(turn.body());
    assertClean(Client.get(server.url() + "/v1/conversations/echo-3").body());
  }
}
