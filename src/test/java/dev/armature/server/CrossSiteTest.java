package dev.armature.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With no token (the default), another web site open in the user's browser must not be able to run
 * turns: state changes need JSON, a foreign {@code Origin} is refused, and so is a {@code Host} the
 * server does not serve (DNS rebinding). Origins and hosts the operator allows get through.
 */
class CrossSiteTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TURN = "{\"text\":\"hi\",\"ruleset\":\"basic\"}";

  @TempDir static Path rules;
  static ArmatureServer server;

  @BeforeAll
  static void start() {
    TestRuleSets.copy(rules, "basic");
    server =
        ArmatureServer.builder()
            .rules(rules)
            .port(0)
            .allowOrigin("https://app.example")
            .allowHost("armature.internal")
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String local() {
    return "127.0.0.1:" + server.port();
  }

  private static RawHttp.Response turn(String conversation, String host, String... headers) {
    String[] all = new String[headers.length + 1];
    System.arraycopy(headers, 0, all, 0, headers.length);
    all[headers.length] = TURN;
    return RawHttp.send(
        server.port(),
        RawHttp.request("POST", "/v1/conversations/" + conversation + "/turns", host, all));
  }

  private static void assertRefused(RawHttp.Response r, int status, String code, String id)
      throws IOException {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.hasHeader("content-type: application/json")).as(r.headers()).isTrue();
    JsonNode error = JSON.readTree(r.body()).path("error");
    assertThat(error.path("code").asText()).isEqualTo(code);
    assertThat(error.path("message").asText()).isNotBlank();
    assertThat(Client.get(server.url() + "/v1/conversations/" + id).statusCode())
        .as("the refused request ran a turn")
        .isEqualTo(404);
  }

  @Test
  void turnSentAsTextPlainFromAnotherSite_isRefusedAndRunsNothing() throws IOException {
    RawHttp.Response r =
        turn("csrf-1", local(), "Content-Type: text/plain", "Origin: http://evil.example");

    assertRefused(r, 403, "origin_not_allowed", "csrf-1");
  }

  @Test
  void bodyThatIsNotDeclaredJson_is415() throws IOException {
    assertRefused(
        turn("csrf-2", local(), "Content-Type: text/plain"),
        415,
        "unsupported_media_type",
        "csrf-2");
    assertRefused(
        turn("csrf-3", local(), "Content-Type: application/x-www-form-urlencoded"),
        415,
        "unsupported_media_type",
        "csrf-3");
    assertRefused(turn("csrf-4", local()), 415, "unsupported_media_type", "csrf-4");
  }

  @Test
  void foreignOrigin_is403_evenWithJson() throws IOException {
    assertRefused(
        turn("csrf-5", local(), "Content-Type: application/json", "Origin: http://evil.example"),
        403,
        "origin_not_allowed",
        "csrf-5");
    assertRefused(
        turn("csrf-6", local(), "Content-Type: application/json", "Origin: null"),
        403,
        "origin_not_allowed",
        "csrf-6");
  }

  @Test
  void hostTheServerDoesNotServe_is403_asARebindingAttackSendsIt() throws IOException {
    assertRefused(
        turn("csrf-7", "attacker.example:" + server.port(), "Content-Type: application/json"),
        403,
        "host_not_allowed",
        "csrf-7");
    RawHttp.Response health =
        RawHttp.send(server.port(), RawHttp.request("GET", "/healthz", "attacker.example"));
    assertThat(health.status()).isEqualTo(403);
  }

  @Test
  void ownOriginLoopbackNamesAndAllowedHosts_areServed() {
    assertThat(
            turn("own-1", local(), "Content-Type: application/json", "Origin: http://" + local())
                .status())
        .isEqualTo(200);
    assertThat(
            turn(
                    "own-2",
                    "localhost:" + server.port(),
                    "Content-Type: application/json; charset=utf-8",
                    "Origin: http://localhost:" + server.port())
                .status())
        .isEqualTo(200);
    assertThat(turn("own-3", "armature.internal", "Content-Type: application/json").status())
        .isEqualTo(200);
  }

  @Test
  void allowedOrigin_isServedWithCorsHeaders_andItsPreflightAnswered() {
    RawHttp.Response r =
        turn("cors-1", local(), "Content-Type: application/json", "Origin: https://app.example");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.hasHeader("access-control-allow-origin: https://app.example")).isTrue();

    RawHttp.Response preflight =
        RawHttp.send(
            server.port(),
            RawHttp.request(
                "OPTIONS",
                "/v1/chat/completions",
                local(),
                "Origin: https://app.example",
                "Access-Control-Request-Method: POST",
                "Access-Control-Request-Headers: content-type, authorization"));
    assertThat(preflight.status()).isEqualTo(204);
    assertThat(preflight.headers())
        .contains(
            "access-control-allow-origin: https://app.example",
            "access-control-allow-methods: get, post",
            "access-control-allow-headers: authorization, content-type");
  }

  @Test
  void preflightFromAnotherOrigin_is403WithoutCorsHeaders() {
    RawHttp.Response preflight =
        RawHttp.send(
            server.port(),
            RawHttp.request(
                "OPTIONS",
                "/v1/chat/completions",
                local(),
                "Origin: http://evil.example",
                "Access-Control-Request-Method: POST"));

    assertThat(preflight.status()).isEqualTo(403);
    assertThat(preflight.headers()).doesNotContain("access-control-allow");
  }
}
