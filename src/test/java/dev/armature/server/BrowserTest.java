package dev.armature.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.armature.ModelReply;
import dev.armature.model.DryRunModel;
import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web page in headless Chromium: it lists the rule sets, sends a message (the {@code say} query
 * parameter submits the form the way a person does), and shows the trace of that turn beside the
 * reply; opened on a conversation the server holds, it shows each stored turn with its caller
 * attributes, model calls, rejected attempts and every request sent. Skipped only where Chromium is
 * not installed; CI installs it.
 */
class BrowserTest {
  @TempDir static Path rules;
  @TempDir static Path profile;
  static ArmatureServer server;

  @BeforeAll
  static void start() {
    TestRuleSets.copy(rules, "basic");
    dev.armature.testing.Folders.copy(
        Path.of("src/test/resources/rulesets/tools"), rules.resolve("tools"));
    DryRunModel dryRun = new DryRunModel();
    server =
        ArmatureServer.builder()
            .rules(rules)
            .model(
                request ->
                    request.userText().contains("card")
                        ? ModelReply.of("Your card is 4111111111111111 ok")
                        : !request.tools().isEmpty()
                                && request.messages().get(request.messages().size() - 1).role()
                                    == dev.armature.Message.Role.USER
                            ? dev.armature.ModelReply.calling(
                                new dev.armature.ToolRequest(
                                    "call_1", "lookup_order", "{\"order_id\":\"1182\"}"))
                            : dryRun.generate(request))
            .port(0)
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Optional<Path> chromium() {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .flatMap(
            dir ->
                Stream.of("chromium", "chromium-browser", "google-chrome")
                    .map(name -> Path.of(dir, name)))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** The page's DOM once its scripts and requests settled. */
  private static String dom(String query) throws IOException, InterruptedException {
    Optional<Path> chromium = chromium();
    assumeTrue(chromium.isPresent(), "chromium is not installed");
    Path out = Files.createTempFile(profile, "dom", ".html");
    Process process =
        new ProcessBuilder(
                List.of(
                    chromium.get().toString(),
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--user-data-dir=" + Files.createTempDirectory(profile, "profile"),
                    "--virtual-time-budget=10000",
                    "--dump-dom",
                    server.url() + "/?" + query))
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("chromium did not finish within 60 s");
    }
    return Files.readString(out);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Test
  void page_whenAMessageIsSent_showsTheReplyAndTheTraceOfThatTurn() throws Exception {
    String dom =
        dom(
            "ruleset=basic&conversation=browser-1&say="
                + encode("this is ridiculous, where is order 1182?"));

    assertThat(dom)
        .contains(
            "<option>basic</option>",
            "<p class=\"reply\">[dry-run] applying de-escalate, order-status, concise to: \"this is ridiculous, where is order 1182?\"</p>",
            "<li class=\"signal\">frustration 0.7 [ridiculous]</li>",
            "<li class=\"rule\">Frustrated users are heard first</li>",
            "<li class=\"directive kept\">de-escalate — by \"Frustrated users are heard first\"</li>",
            "<li class=\"directive dropped\">upbeat — by \"Everyone gets a friendly tone\" — dropped: excluded by construct 'de-escalate'</li>",
            "<li class=\"variable\">order_id: – → 1182 by signal 'order-number'</li>",
            "Acknowledge the frustration in one sentence, once.");
    assertThat(Client.get(server.url() + "/v1/conversations/browser-1").statusCode())
        .isEqualTo(200);
  }

  @Test
  void page_showsEachToolCall_aClientToolsCallSentOutThenRunByTheClient() throws Exception {
    String url = server.url() + "/v1/chat/completions";
    String tools =
        "\"model\":\"tools\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup_order\"}}]";
    String ask = "{\"role\":\"user\",\"content\":\"Where is order 1182?\"}";
    String[] header = {ChatCompletions.CONVERSATION_HEADER, "browser-tools"};
    Client.post(url, "{" + tools + ",\"messages\":[" + ask + "]}", header);
    Client.post(
        url,
        "{"
            + tools
            + ",\"messages\":["
            + ask
            + ",{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
            + "\"function\":{\"name\":\"lookup_order\",\"arguments\":\"{\\\"order_id\\\":\\\"1182\\\"}\"}}]},"
            + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"{\\\"status\\\":\\\"shipped\\\"}\"}]}",
        header);

    String dom = dom("conversation=browser-tools");

    assertThat(dom)
        .contains(
            "<li class=\"tool\">round 1: lookup_order {\"order_id\":\"1182\"} → ran — {\"status\":\"shipped\"}</li>");
  }

  @Test
  void page_showsUserTextAsText_neverAsMarkup() throws Exception {
    String dom =
        dom(
            "ruleset=basic&conversation=browser-2&say="
                + encode("<img src=x onerror=alert(1)> hello"));

    assertThat(dom)
        .contains("<p class=\"user\">&lt;img src=x onerror=alert(1)&gt; hello</p>")
        .doesNotContain("<img src=\"x\"", "<img src=x");
  }

  @Test
  void page_openedOnAConversation_showsEachTurnWithAttributesCallsRejectedAttemptsAndRequests()
      throws Exception {
    String turns = server.url() + "/v1/conversations/browser-3/turns";
    Client.post(
        turns,
        "{\"text\":\"where is order 1182?\",\"ruleset\":\"basic\",\"attributes\":{\"tier\":\"gold\"}}");
    Client.post(turns, "{\"text\":\"show my card\",\"ruleset\":\"basic\"}");

    String dom = dom("conversation=browser-3");

    assertThat(dom)
        .contains(
            "<p class=\"user\">where is order 1182?</p>",
            "<p class=\"user\">show my card</p>",
            "<p class=\"reply\">I can't show card numbers here. Please don't send them.</p>",
            "<li class=\"attribute\">tier: gold</li>",
            "<li class=\"call\">attempt 1, try 1: ok (route default)</li>",
            "<li class=\"call\">attempt 2, try 1: ok (route default)</li>",
            "attempt 1: rejected — reply shows a long number — retried with no-card-numbers",
            "<pre class=\"attempt-reply\">Your card is",
            "Requests sent",
            "attempt 2: ",
            "Your previous answer to this message was not sent: reply shows a long number.",
            "Conversation browser-3: 2 turn(s) · variables order_id=1182");
  }
}
