package dev.armature.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.ModelPolicy;
import dev.armature.model.Models;
import dev.armature.testing.OpenAiStub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the operator reads in the log: one line for a broken rule and one for a failed model, each
 * naming the conversation and the rule set, and an access log line per request when asked for.
 */
class OperatorLogTest {
  @TempDir static Path rules;
  static OpenAiStub upstream;
  static ArmatureServer server;

  @BeforeAll
  static void start() throws IOException {
    Path basic = TestRuleSets.copy(rules, "basic");
    Files.writeString(
        basic.resolve("patterns/explodes.drl"),
        "rule \"Sets a null on request\"\nwhen\n    Turn(text == \"explode\")\nthen\n"
            + "    insert(new SetVar(\"x\", null));\nend\n");
    upstream = new OpenAiStub();
    server =
        ArmatureServer.builder()
            .rules(rules)
            .model(
                Models.fromSpec(
                    "openai:stub-model",
                    Map.of("OPENAI_API_KEY", "sk-log-test", "OPENAI_BASE_URL", upstream.baseUrl())))
            .modelPolicy(
                new ModelPolicy(
                    Duration.ofSeconds(5), 0, Duration.ofMillis(10), 1000, Duration.ofSeconds(1)))
            .accessLog()
            .port(0)
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
    upstream.close();
  }

  @BeforeEach
  void healthy() {
    upstream.status = 200;
  }

  private static List<String> linesAbout(List<String> lines, String text) {
    return lines.stream().filter(l -> l.contains(text)).toList();
  }

  @Test
  void ruleError_isOneErrorLineNamingConversationAndRuleSet() throws Exception {
    List<String> lines;
    try (LogCapture log = new LogCapture()) {
      int status =
          Client.post(
                  server.url() + "/v1/conversations/log-rule/turns",
                  "{\"text\":\"explode\",\"ruleset\":\"basic\"}")
              .statusCode();
      assertThat(status).isEqualTo(500);
      lines = log.awaitLine("log-rule");
    }

    assertThat(linesAbout(lines, "turn failed"))
        .singleElement()
        .satisfies(
            l ->
                assertThat(l)
                    .contains(
                        "ERROR", "'log-rule'", "'basic'", "rule_error", "Sets a null on request"));
    assertThat(lines).noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception"));
  }

  @Test
  void modelFailure_isOneWarningLineNamingConversationAndRuleSet() throws Exception {
    upstream.status = 500;
    List<String> lines;
    try (LogCapture log = new LogCapture()) {
      int status =
          Client.post(
                  server.url() + "/v1/conversations/log-model/turns",
                  "{\"text\":\"hello\",\"ruleset\":\"basic\"}")
              .statusCode();
      assertThat(status).isEqualTo(502);
      lines = log.awaitLine("log-model");
    }

    assertThat(linesAbout(lines, "turn failed"))
        .singleElement()
        .satisfies(
            l ->
                assertThat(l)
                    .contains("WARN", "'log-model'", "'basic'", "model_unavailable", "HTTP 500"));
    assertThat(lines).noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception"));
  }

  @Test
  void accessLog_isOneLinePerRequest_withoutTheQuery() throws Exception {
    List<String> lines;
    try (LogCapture log = new LogCapture()) {
      Client.get(server.url() + "/healthz?secret=abc");
      lines = log.awaitLine("/healthz");
    }

    assertThat(linesAbout(lines, "/healthz"))
        .singleElement()
        .satisfies(
            l ->
                assertThat(l)
                    .contains("dev.armature.access", "\"GET /healthz\" 200")
                    .doesNotContain("secret"));
  }

  @Test
  void circuitOpening_isOneWarningLineNamingTheRoute() throws Exception {
    upstream.status = 503;
    List<String> lines;
    try (LogCapture log = new LogCapture();
        ArmatureServer fragile =
            ArmatureServer.builder()
                .rules(rules)
                .model(
                    Models.fromSpec(
                        "openai:stub-model",
                        Map.of(
                            "OPENAI_API_KEY",
                            "sk-log-test",
                            "OPENAI_BASE_URL",
                            upstream.baseUrl())))
                .modelPolicy(
                    new ModelPolicy(
                        Duration.ofSeconds(5), 1, Duration.ofMillis(10), 2, Duration.ofMinutes(1)))
                .port(0)
                .start()) {
      Client.post(
          fragile.url() + "/v1/conversations/log-breaker/turns",
          "{\"text\":\"hello\",\"ruleset\":\"basic\"}");
      lines = log.awaitLine("circuit opened");
    }

    assertThat(linesAbout(lines, "retrying in"))
        .singleElement()
        .satisfies(
            l -> assertThat(l).contains("INFO", "route 'default'", "try 1 failed", "HTTP 503"));
    assertThat(linesAbout(lines, "circuit opened"))
        .singleElement()
        .satisfies(
            l -> assertThat(l).contains("WARN", "route 'default'", "after 2 failures in a row"));
  }
}
