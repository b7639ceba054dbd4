package dev.armature.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests Jetty refuses before any route answer in the API's JSON error shape, not in Jetty's HTML
 * page; an over-limit length is refused before its body is sent; a client that goes away mid-body
 * is one short log line.
 */
class MalformedClientsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path rules;
  static ArmatureServer server;

  @BeforeAll
  static void start() {
    TestRuleSets.copy(rules, "basic");
    server = ArmatureServer.builder().rules(rules).port(0).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void assertJsonError(RawHttp.Response r, int status, String code)
      throws IOException {
    assertThat(r.status()).as(r.headers() + "\n" + r.body()).isEqualTo(status);
    assertThat(r.hasHeader("content-type: application/json")).as(r.headers()).isTrue();
    JsonNode error = JSON.readTree(r.body()).path("error");
    assertThat(error.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("message", "type", "param", "code");
    assertThat(error.path("code").asText()).isEqualTo(code);
    assertThat(r.body()).doesNotContain("<html", "Exception", "org.eclipse");
  }

  private static String host() {
    return "Host: 127.0.0.1:" + server.port() + "\r\n";
  }

  @Test
  void badPercentEscape_is400InJson() throws IOException {
    assertJsonError(
        RawHttp.send(server.port(), "GET /v1/%zz HTTP/1.1\r\n" + host() + "\r\n"),
        400,
        "bad_request");
  }

  @Test
  void negativeContentLength_is400InJson() throws IOException {
    assertJsonError(
        RawHttp.send(
            server.port(),
            "POST /v1/chat/completions HTTP/1.1\r\n"
                + host()
                + "Content-Type: application/json\r\nContent-Length: -5\r\n\r\n{}"),
        400,
        "bad_request");
  }

  @Test
  void uriTooLong_is414InJson() throws IOException {
    assertJsonError(
        RawHttp.send(
            server.port(), "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\n" + host() + "\r\n"),
        414,
        "uri_too_long");
  }

  @Test
  void headersTooLarge_is431InJson() throws IOException {
    assertJsonError(
        RawHttp.send(
            server.port(),
            "GET /healthz HTTP/1.1\r\n" + host() + "X-Big: " + "b".repeat(20_000) + "\r\n\r\n"),
        431,
        "headers_too_large");
  }

  @Test
  void unknownHttpVersion_is505InJson() throws IOException {
    assertJsonError(
        RawHttp.send(server.port(), "GET /healthz HTTP/7.1\r\n" + host() + "\r\n"),
        505,
        "http_version_not_supported");
  }

  @Test
  void overLimitDeclaredLength_is413_whileTheBodyIsStillWithheld() throws IOException {
    assertThat(Client.get(server.url() + "/healthz").statusCode()).isEqualTo(200);
    byte[] headOnly =
        ("POST /v1/chat/completions HTTP/1.1\r\n"
                + host()
                + "Content-Type: application/json\r\nContent-Length: 50000000\r\n\r\n{\"model\":")
            .getBytes(StandardCharsets.US_ASCII);

    // The client sends a few bytes of a 50 MB body and then nothing: only an answer that does not
    // wait for the body arrives within the read timeout.
    long start = System.nanoTime();
    RawHttp.Response r = RawHttp.send(server.port(), headOnly, 1000);
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertJsonError(r, 413, "request_too_large");
    assertThat(r.body()).contains("the request body is 50000000 bytes; the limit is 1048576 bytes");
    assertThat(millis).as("answered in %d ms", millis).isLessThan(1000);
  }

  @Test
  void clientGoneMidBody_isOneShortLogLine() throws Exception {
    try (LogCapture log = new LogCapture()) {
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
        socket
            .getOutputStream()
            .write(
                ("POST /v1/conversations/gone/turns HTTP/1.1\r\n"
                        + host()
                        + "Content-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"text\":")
                    .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        Thread.sleep(200);
      }

      List<String> lines = log.awaitLine("went away");
      Thread.sleep(300); // anything else it would log comes right after

      assertThat(log.lines())
          .as("everything logged: %s", lines)
          .singleElement()
          .satisfies(
              line ->
                  assertThat(line)
                      .contains("/v1/conversations/gone/turns", "went away", "8 bytes")
                      .doesNotContain("Exception", "\tat ")
                      .hasSizeLessThan(200));
    }
  }

  @Test
  void bodyOfTheWrongShape_isDescribedWithoutJavaTypes() throws IOException {
    RawHttp.Response r =
        RawHttp.send(
            server.port(),
            RawHttp.request(
                "POST",
                "/v1/chat/completions",
                "127.0.0.1:" + server.port(),
                "Content-Type: application/json",
                "[1,2]"));

    assertJsonError(r, 400, "invalid_json");
    assertThat(JSON.readTree(r.body()).path("error").path("message").asText())
        .isEqualTo("the request body must be a JSON object, not a list");
  }
}
