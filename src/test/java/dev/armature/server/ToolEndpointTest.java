package dev.armature.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.Cancellation;
import dev.armature.Message;
import dev.armature.Model;
import dev.armature.ModelReply;
import dev.armature.Orchestrator;
import dev.armature.ToolRequest;
import dev.armature.Trace;
import dev.armature.TurnCancelledException;
import dev.armature.TurnOptions;
import dev.armature.TurnResult;
import dev.armature.ruleset.RuleSet;
import dev.armature.ruleset.RuleSetLoader;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tools served by HTTP endpoints, through the orchestrator's tool stage. */
class ToolEndpointTest {
  static final Path RULES = Path.of("src/test/resources/rulesets/tools");
  private static final RuleSet LOADED = RuleSetLoader.load(RULES);

  private final EndpointStub stub = new EndpointStub();

  @AfterEach
  void stop() {
    stub.close();
  }

  /**
   * Looks the order up (or refunds it when the customer says refund), then answers with the tool's
   * result as it was given.
   */
  static final Model MODEL =
      request -> {
        List<Message> messages = request.messages();
        Message last = messages.get(messages.size() - 1);
        if (last.role() == Message.Role.TOOL) {
          return ModelReply.of("From the shop: " + last.text());
        }
        return last.text().contains("refund")
            ? ModelReply.calling(
                new ToolRequest("c1", "refund_order", "{\"order_id\":\"1182\",\"amount\":40}"))
            : ModelReply.calling(new ToolRequest("c1", "lookup_order", "{\"order_id\":\"1182\"}"));
      };

  private Orchestrator orchestrator(String tool, ToolEndpoint endpoint) {
    return Orchestrator.builder()
        .ruleSet(LOADED)
        .model(MODEL)
        .tool(tool, endpoint.asTool())
        .build();
  }

  private Trace.ToolUse lookupWith(String path) {
    TurnResult result =
        orchestrator("lookup_order", ToolEndpoint.of("lookup_order", stub.url(path)))
            .turn("c", "where is order 1182");
    assertThat(result.trace().tools()).hasSize(1);
    return result.trace().tools().get(0);
  }

  @Test
  void turn_whenTheEndpointAnswersAnObject_itIsTheResultTheRulesAndTheModelRead() {
    Orchestrator o =
        orchestrator("lookup_order", ToolEndpoint.of("lookup_order", stub.url("/orders")));

    TurnResult result = o.turn("c", "where is order 1182");

    assertThat(stub.bodies).containsExactly("{\"order_id\":\"1182\"}");
    assertThat(stub.contentTypes).containsExactly("application/json");
    assertThat(result.reply())
        .isEqualTo("From the shop: {\"found\":true,\"order_id\":\"1182\",\"status\":\"shipped\"}");
    assertThat(result.trace().tools().get(0).outcome()).isEqualTo("ran");
    assertThat(result.trace().tools().get(0).nanos()).isPositive();
    // "The order's status is kept" read the ToolResult fact.
    assertThat(o.conversation("c").vars()).containsEntry("order_status", "shipped");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/fail     | its endpoint answered HTTP 500",
        "/redirect | its endpoint answered HTTP 302",
        "/text     | its endpoint's answer is not JSON",
        "/array    | its endpoint's answer is JSON but not an object",
        "/big      | its endpoint's answer is larger than 1024 KiB",
        "/missing  | its endpoint answered HTTP 404",
      })
  void turn_whenTheEndpointMisbehaves_theCallFailsWithAShortReason(String path, String reason) {
    Trace.ToolUse use = lookupWith(path);

    assertThat(use.outcome()).isEqualTo("error");
    assertThat(use.detail()).isEqualTo("tool 'lookup_order' failed: " + reason);
  }

  @Test
  void turn_whenNothingListensAtTheEndpoint_theCallFailsSayingSo() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    TurnResult result =
        orchestrator(
                "lookup_order",
                ToolEndpoint.of("lookup_order", "http://127.0.0.1:" + port + "/orders"))
            .turn("c", "where is order 1182");

    assertThat(result.trace().tools().get(0).detail())
        .isEqualTo(
            "tool 'lookup_order' failed: its endpoint could not be reached (connection refused)");
  }

  @Test
  void turn_whenTheEndpointIsSlowerThanTheDeclaredTimeout_theRulesSeeATimeout() {
    // refund_order is declared with a timeout of 200ms, and is confirmed before it runs.
    Orchestrator o =
        orchestrator("refund_order", ToolEndpoint.of("refund_order", stub.url("/slow")));
    assertThat(o.turn("c", "refund order 1182 please").trace().outcome()).isEqualTo("confirming");

    TurnResult result = o.turn("c", "yes");

    assertThat(result.trace().tools().get(0).outcome()).isEqualTo("timeout");
    assertThat(result.reply()).isEqualTo("The refund did not go through; a person will follow up.");
  }

  @Test
  void turn_whenTheHeaderIsEchoed_theSecretIsInNoResultAndNoFailure() {
    ToolEndpoint echo =
        new ToolEndpoint(
            "lookup_order",
            URI.create(stub.url("/echo")),
            Map.of("Authorization", "Bearer tok-9f8e7d6c5b4a"));
    TurnResult result = orchestrator("lookup_order", echo).turn("c", "where is order 1182");

    assertThat(stub.authorizations).containsExactly("Bearer tok-9f8e7d6c5b4a");
    assertThat(result.trace().tools().get(0).detail())
        .isEqualTo("{\"ok\":true,\"seen\":\"[redacted]\"}");
    assertThat(result.trace().toJson()).doesNotContain("tok-9f8e7d6c5b4a");
    assertThat(result.reply()).doesNotContain("tok-9f8e7d6c5b4a");
    assertThat(echo.toString())
        .isEqualTo("lookup_order at " + stub.url("/echo") + " with headers Authorization");
  }

  @Test
  void turn_whenCancelledWhileTheEndpointWorks_stopsAtOnceAndClosesItsConnection(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    // lookup_order waits a minute here: a turn that ends within the 20 s the test waits was
    // stopped by its cancellation, not by the tool's timeout.
    Path rules = dev.armature.testing.Folders.copy(RULES, dir.resolve("tools"));
    java.nio.file.Files.writeString(
        rules.resolve("ruleset.yaml"),
        java.nio.file.Files.readString(rules.resolve("ruleset.yaml"))
            .replace("timeout: 2s", "timeout: 60s"));
    java.util.concurrent.atomic.AtomicInteger asked =
        new java.util.concurrent.atomic.AtomicInteger();
    Model counted =
        request -> {
          asked.incrementAndGet();
          return MODEL.generate(request);
        };
    try (ServerSocket listening = new ServerSocket(0)) {
      Orchestrator o =
          Orchestrator.builder()
              .ruleSet(RuleSetLoader.load(rules))
              .model(counted)
              .tool(
                  "lookup_order",
                  ToolEndpoint.of(
                          "lookup_order",
                          "http://127.0.0.1:" + listening.getLocalPort() + "/orders")
                      .asTool())
              .build();
      Cancellation cancellation = new Cancellation();
      CompletableFuture<TurnResult> turn =
          CompletableFuture.supplyAsync(
              () ->
                  o.turn(
                      "c",
                      "where is order 1182",
                      Map.of(),
                      TurnOptions.NONE.withCancellation(cancellation)));
      try (Socket call = listening.accept()) {
        call.setSoTimeout(20_000);
        InputStream in = call.getInputStream();
        StringBuilder request = new StringBuilder();
        while (!request.toString().endsWith("{\"order_id\":\"1182\"}")) {
          int b = in.read();
          assertThat(b).as("the request so far: %s", request).isNotEqualTo(-1);
          request.append((char) b);
        }
        assertThat(request.toString()).startsWith("POST /orders HTTP/1.1");

        cancellation.cancel();

        assertThatThrownBy(() -> turn.get(20, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(TurnCancelledException.class);
        // The turn stopped at once: it did not wait out the tool's timeout and ask the model again.
        assertThat(asked).hasValue(1);
        // The endpoint sees its connection closed: the request was cancelled, not left waiting.
        int next;
        try {
          next = in.read();
        } catch (java.net.SocketException reset) {
          next = -1;
        }
        assertThat(next).isEqualTo(-1);
      }
    }
  }
}
