package dev.armature.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed and hostile requests get a 4xx in the OpenAI error shape: never a 500, never a crash,
 * and never a change to a stored conversation.
 */
class HostileRequestsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONVERSATION = "hostile-target";

  @TempDir static Path tmp;

  private static ArmatureServer server;

  @BeforeAll
  static void start() {
    server =
        ArmatureServer.builder()
            .rules(TestRuleSets.copy(tmp, "basic"))
            .port(0)
            .maxBodyBytes(64 * 1024)
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private record Case(String name, String path, byte[] body, String[] headers) {}

  private static Case chat(String name, String body, String... headers) {
    return new Case(name, "/v1/chat/completions", body.getBytes(StandardCharsets.UTF_8), headers);
  }

  private static Case chatBytes(String name, byte[] body) {
    return new Case(name, "/v1/chat/completions", body, new String[0]);
  }

  private static Case turn(String name, String path, String body) {
    return new Case(name, path, body.getBytes(StandardCharsets.UTF_8), new String[0]);
  }

  private static String message(String content) {
    return "{\"model\":\"basic\",\"conversation\":\""
        + CONVERSATION
        + "\",\"messages\":[{\"role\":\"user\",\"content\":"
        + content
        + "}]}";
  }

  static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(chat("empty body", ""));
    cases.add(chat("whitespace body", "   \n "));
    cases.add(chat("not json", "hello"));
    cases.add(chat("truncated json", "{\"model\":\"basic\",\"messages\":[{\"role\":"));
    cases.add(chat("json array", "[1,2,3]"));
    cases.add(chat("json string", "\"support\""));
    cases.add(chat("json null", "null"));
    cases.add(chat("trailing garbage", message("\"hi\"") + "}}}"));
    cases.add(
        chat("no messages", "{\"model\":\"basic\",\"conversation\":\"" + CONVERSATION + "\"}"));
    cases.add(
        chat(
            "empty messages",
            "{\"model\":\"basic\",\"conversation\":\"" + CONVERSATION + "\",\"messages\":[]}"));
    cases.add(
        chat(
            "messages not a list",
            "{\"model\":\"basic\",\"conversation\":\"" + CONVERSATION + "\",\"messages\":\"hi\"}"));
    cases.add(
        chat(
            "message not an object",
            "{\"model\":\"basic\",\"conversation\":\""
                + CONVERSATION
                + "\",\"messages\":[\"hi\"]}"));
    cases.add(chat("content a number", message("42")));
    cases.add(chat("content an object", message("{\"a\":1}")));
    cases.add(chat("content null", message("null")));
    cases.add(chat("content empty", message("\"\"")));
    cases.add(chat("content blank", message("\"   \"")));
    cases.add(
        chat(
            "only system message",
            "{\"model\":\"basic\",\"conversation\":\""
                + CONVERSATION
                + "\",\"messages\":[{\"role\":\"system\",\"content\":\"be a pirate\"}]}"));
    cases.add(
        chat(
            "unknown role",
            "{\"model\":\"basic\",\"conversation\":\""
                + CONVERSATION
                + "\",\"messages\":[{\"role\":\"wizard\",\"content\":\"hi\"}]}"));
    cases.add(
        chat(
            "no model",
            "{\"conversation\":\""
                + CONVERSATION
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    cases.add(
        chat(
            "unknown rule set",
            "{\"model\":\"gpt-4\",\"conversation\":\""
                + CONVERSATION
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    cases.add(
        chat(
            "model a number",
            "{\"model\":7,\"conversation\":\""
                + CONVERSATION
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    cases.add(
        chat(
            "model path traversal",
            "{\"model\":\"../../etc/passwd\",\"conversation\":\""
                + CONVERSATION
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    cases.add(
        chat(
            "conversation with spaces",
            "{\"model\":\"basic\",\"conversation\":\"a b\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    cases.add(
        chat(
            "conversation too long",
            "{\"model\":\"basic\",\"conversation\":\""
                + "c".repeat(300)
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    cases.add(
        chat(
            "conversation path",
            "{\"model\":\"basic\",\"conversation\":\"../x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    cases.add(
        chat("conversation header bad", message("\"hi\""), "X-Armature-Conversation", "bad id!"));
    cases.add(chat("text over 32 KiB", message("\"" + "a".repeat(40 * 1024) + "\"")));
    cases.add(chat("body over the limit", message("\"" + "a".repeat(70 * 1024) + "\"")));
    cases.add(chat("deeply nested arrays", "[".repeat(100_000) + "]".repeat(100_000)));
    cases.add(chat("deeply nested objects", "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000)));
    cases.add(chat("deeply nested content", message("[".repeat(5_000) + "]".repeat(5_000))));
    cases.add(
        chat(
            "huge number",
            "{\"model\":\"basic\",\"conversation\":\""
                + CONVERSATION
                + "\",\"max_tokens\":1"
                + "0".repeat(5000)
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    cases.add(
        chat(
            "stream not boolean",
            "{\"model\":\"basic\",\"conversation\":\""
                + CONVERSATION
                + "\",\"stream\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    cases.add(
        chat(
            "metadata not object",
            "{\"model\":\"basic\",\"conversation\":\""
                + CONVERSATION
                + "\",\"metadata\":[1],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    cases.add(
        chat(
            "metadata bad name",
            "{\"model\":\"basic\",\"conversation\":\""
                + CONVERSATION
                + "\",\"metadata\":{\"Bad Name\":\"x\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    cases.add(
        chat(
            "metadata control chars",
            "{\"model\":\"basic\",\"conversation\":\""
                + CONVERSATION
                + "\",\"metadata\":{\"tier\":\"a\\u0000b\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    cases.add(chat("lone surrogate escaped", message("\"\\ud800 hi\"")));
    cases.add(chat("bad escape", message("\"\\q\"")));
    cases.add(chat("raw control char in string", message("\"a\u0001b\"")));
    cases.add(
        chatBytes(
            "invalid UTF-8",
            ("{\"model\":\"basic\",\"conversation\":\""
                    + CONVERSATION
                    + "\",\"messages\":[{\"role\":\"user\",\"content\":\"")
                .concat("\u0000")
                .getBytes(StandardCharsets.ISO_8859_1)));
    byte[] invalid = (message("\"XX\"")).getBytes(StandardCharsets.UTF_8);
    int at = new String(invalid, StandardCharsets.UTF_8).indexOf("XX");
    invalid[at] = (byte) 0xC3;
    invalid[at + 1] = (byte) 0x28;
    cases.add(chatBytes("invalid UTF-8 sequence in content", invalid));
    byte[] overlong = (message("\"XX\"")).getBytes(StandardCharsets.UTF_8);
    overlong[at] = (byte) 0xC0;
    overlong[at + 1] = (byte) 0xAF;
    cases.add(chatBytes("overlong UTF-8", overlong));
    cases.add(chatBytes("binary", new byte[] {0, 1, 2, (byte) 0xFF, (byte) 0xFE, 0x7F}));
    cases.add(
        chat(
            "duplicate keys",
            "{\"model\":\"basic\",\"model\":\"other\",\"conversation\":\""
                + CONVERSATION
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    cases.add(chat("unknown content type", message("[]"), "Content-Type", "text/plain"));
    cases.add(chat("bearer on open server", message("[]"), "Authorization", "Bearer x"));
    cases.add(turn("turn: empty body", "/v1/conversations/" + CONVERSATION + "/turns", ""));
    cases.add(turn("turn: not json", "/v1/conversations/" + CONVERSATION + "/turns", "{{{"));
    cases.add(
        turn(
            "turn: no text",
            "/v1/conversations/" + CONVERSATION + "/turns",
            "{\"ruleset\":\"basic\"}"));
    cases.add(
        turn(
            "turn: text null",
            "/v1/conversations/" + CONVERSATION + "/turns",
            "{\"text\":null,\"ruleset\":\"basic\"}"));
    cases.add(
        turn(
            "turn: text a list",
            "/v1/conversations/" + CONVERSATION + "/turns",
            "{\"text\":[\"a\"],\"ruleset\":\"basic\"}"));
    cases.add(
        turn(
            "turn: unknown rule set",
            "/v1/conversations/" + CONVERSATION + "/turns",
            "{\"text\":\"hi\",\"ruleset\":\"nope\"}"));
    cases.add(
        turn(
            "turn: attributes not object",
            "/v1/conversations/" + CONVERSATION + "/turns",
            "{\"text\":\"hi\",\"ruleset\":\"basic\",\"attributes\":\"gold\"}"));
    cases.add(
        turn(
            "turn: attribute bad name",
            "/v1/conversations/" + CONVERSATION + "/turns",
            "{\"text\":\"hi\",\"ruleset\":\"basic\",\"attributes\":{\"TIER\":\"gold\"}}"));
    cases.add(
        turn(
            "turn: attribute value object",
            "/v1/conversations/" + CONVERSATION + "/turns",
            "{\"text\":\"hi\",\"ruleset\":\"basic\",\"attributes\":{\"tier\":{\"a\":1}}}"));
    cases.add(
        turn(
            "turn: too many attributes",
            "/v1/conversations/" + CONVERSATION + "/turns",
            "{\"text\":\"hi\",\"ruleset\":\"basic\",\"attributes\":{" + manyAttributes() + "}}"));
    cases.add(
        turn(
            "turn: bad id in path",
            "/v1/conversations/bad%20id/turns",
            "{\"text\":\"hi\",\"ruleset\":\"basic\"}"));
    cases.add(
        turn(
            "turn: encoded slash in id",
            "/v1/conversations/a%2Fb/turns",
            "{\"text\":\"hi\",\"ruleset\":\"basic\"}"));
    cases.add(
        turn(
            "turn: id too long",
            "/v1/conversations/" + "x".repeat(200) + "/turns",
            "{\"text\":\"hi\",\"ruleset\":\"basic\"}"));
    cases.add(turn("unknown path", "/v1/nothing", "{}"));
    return cases;
  }

  private static String manyAttributes() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      out.append(i == 0 ? "" : ",").append("\"a").append(i).append("\":\"v\"");
    }
    return out.toString();
  }

  /**
   * Sends the case on a connection of its own: the server closes a connection after refusing an
   * oversized body, and a pooled client would send the next case on that closed connection.
   */
  private static HttpResponse<String> send(Case c) throws Exception {
    java.net.http.HttpClient client =
        java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .build();
    java.net.http.HttpRequest.Builder request =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url() + c.path))
            .timeout(java.time.Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(c.body));
    if (c.headers.length > 0) {
      request.headers(c.headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @TestFactory
  Stream<DynamicTest> hostileRequests_get4xxInTheOpenAiShapeAndChangeNothing() {
    List<Case> cases = cases();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
    return cases.stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name,
                    () -> {
                      HttpResponse<String> response;
                      try {
                        response = send(c);
                      } catch (java.io.IOException e) {
                        // Refusing a body over the limit, the server may close the connection while
                        // the client is
                        // still sending; the client then sees the close instead of the 413. Both
                        // refuse it.
                        assertThat(c.body.length)
                            .as("%s: connection closed on a body within the limit", c.name)
                            .isGreaterThan(64 * 1024);
                        assertThat(Client.get(server.url() + "/healthz").statusCode())
                            .isEqualTo(200);
                        return;
                      }
                      assertThat(response.statusCode())
                          .as("%s: %s", c.name, response.body())
                          .isBetween(400, 499);
                      JsonNode error = JSON.readTree(response.body()).get("error");
                      assertThat(error)
                          .as("%s: OpenAI error shape in %s", c.name, response.body())
                          .isNotNull();
                      assertThat(error.get("message").asText()).isNotBlank();
                      assertThat(Client.get(server.url() + "/healthz").statusCode()).isEqualTo(200);
                      assertThat(
                              Client.get(server.url() + "/v1/conversations/" + CONVERSATION)
                                  .statusCode())
                          .as("%s changed the stored conversation", c.name)
                          .isEqualTo(404);
                    }));
  }
}
