package dev.armature.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.armature.Model;
import dev.armature.ModelReply;
import dev.armature.ModelRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule set that declares a held-back window ({@code stream: window:}) streams each piece only
 * once that many characters followed it, so a redacting signal (here the card number, which the
 * review then rejects) stops the stream before its text reaches the client. {@code basic} holds
 * nothing back, and streams the card number before the review withdraws it.
 */
class StreamWindowTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CARD = "4111111111111111";
  private static final String CASE_BY_CASE = "Refunds are decided case by case.";
  private static final String REPLACEMENT =
      "I can't show card numbers here. Please don't send them.";

  @TempDir static Path rules;
  static ArmatureServer server;

  /** Streams word by word; a question about a card gets the card number back. */
  static final class Words implements Model {
    @Override
    public ModelReply generate(ModelRequest request) {
      return ModelReply.of(reply(request));
    }

    @Override
    public ModelReply stream(ModelRequest request, Consumer<String> tokens) {
      String reply = reply(request);
      for (String word : reply.split("(?<= )")) {
        tokens.accept(word);
      }
      return ModelReply.of(reply);
    }

    private static String reply(ModelRequest request) {
      if (request.userText().contains("refund")) {
        return "Good news, your refund is guaranteed by Friday at the latest.";
      }
      return request.userText().contains("card")
          ? "Sure thing, the card on file for you is " + CARD + " and it expires soon."
          : "Your order left the warehouse on Monday and arrives within three days.";
    }
  }

  /** A review rule that judges the text alone, with no redacting signal behind it. */
  private static final String PROMISE =
      "rule \"A guaranteed refund is not promised\"\n"
          + "@phase(review)\n"
          + "when\n"
          + "    Reply(text matches \"(?s).*guaranteed.*\")\n"
          + "then\n"
          + "    insert(new Respond(\""
          + CASE_BY_CASE
          + "\"));\n"
          + "end\n";

  @BeforeAll
  static void start() throws Exception {
    Files.writeString(TestRuleSets.copy(rules, "basic").resolve("patterns/promise.drl"), PROMISE);
    Path windowed = TestRuleSets.copy(rules, "windowed");
    Files.writeString(windowed.resolve("patterns/promise.drl"), PROMISE);
    Path yaml = windowed.resolve("ruleset.yaml");
    Files.writeString(yaml, Files.readString(yaml) + "stream:\n  window: 24\n");
    server = ArmatureServer.builder().rules(rules).model(new Words()).port(0).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String stream(String ruleSet, String conversation, String text) {
    return Client.post(
            server.url() + "/v1/chat/completions",
            "{\"model\":\""
                + ruleSet
                + "\",\"conversation\":\""
                + conversation
                + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\""
                + text
                + "\"}]}")
        .body();
  }

  @Test
  void withoutAWindow_theCardNumberIsStreamed_beforeTheReviewWithdrawsIt() {
    String body = stream("basic", "no-window", "what card do you have");

    assertThat(body).contains(CARD).contains("\"withdrawn\":true");
  }

  @Test
  void withAWindow_aRedactingSignalStopsTheStream_beforeTheCardNumberLeaves() throws Exception {
    String body = stream("windowed", "window-card", "what card do you have");

    assertThat(body).doesNotContain(CARD).doesNotContain("4111");
    assertThat(body).contains("\"content\":\"Sure \"").contains(REPLACEMENT);
    JsonNode stored =
        JSON.readTree(Client.get(server.url() + "/v1/conversations/window-card").body());
    assertThat(stored.at("/recent/0/reply").asText()).isEqualTo(REPLACEMENT);
  }

  @Test
  void withAWindow_aReplyTheReviewKeeps_reachesTheClientWhole() throws Exception {
    String body = stream("windowed", "window-order", "where is my parcel");

    StringBuilder text = new StringBuilder();
    for (String event : body.split("\n\n")) {
      if (event.startsWith("data: {")) {
        text.append(JSON.readTree(event.substring(6)).at("/choices/0/delta/content").asText());
      }
    }
    assertThat(text)
        .hasToString("Your order left the warehouse on Monday and arrives within three days.");
    assertThat(body).doesNotContain("withdrawn");
  }

  @Test
  void withoutAWindow_aPromiseTheReviewReplaces_isStreamedFirst() {
    String body = stream("basic", "no-window-refund", "can I get a refund");

    assertThat(body).contains("\"content\":\"guaranteed \"").contains(CASE_BY_CASE);
  }

  @Test
  void withAWindow_aReviewRuleThatJudgesThePartialText_stopsTheStreamBeforeThePromiseLeaves()
      throws Exception {
    String body = stream("windowed", "window-refund", "can I get a refund");

    assertThat(body).doesNotContain("guaranteed").contains(CASE_BY_CASE);
    JsonNode stored =
        JSON.readTree(Client.get(server.url() + "/v1/conversations/window-refund").body());
    assertThat(stored.at("/recent/0/reply").asText()).isEqualTo(CASE_BY_CASE);
    // The partial verdicts are not traced: the review of the whole reply is the one that counts.
    assertThat(stored.at("/traces/0/rules").toString())
        .containsOnlyOnce("A guaranteed refund is not promised");
  }
}
