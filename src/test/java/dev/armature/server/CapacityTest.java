package dev.armature.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Turns in flight are bounded by --max-in-flight; a client that goes away cancels its turn. */
class CapacityTest {
  @TempDir Path rules;

  private ArmatureServer start(GateModel model, int maxInFlight) {
    TestRuleSets.copy(rules, "basic");
    // A deadline far away: only the client going away can end the model call early.
    return ArmatureServer.builder()
        .rules(rules)
        .model(model)
        .modelPolicy(
            new dev.armature.ModelPolicy(
                java.time.Duration.ofMinutes(5),
                0,
                java.time.Duration.ofMillis(1),
                5,
                java.time.Duration.ofSeconds(1)))
        .maxInFlight(maxInFlight)
        .port(0)
        .start();
  }

  private static String turnBody() {
    return "{\"text\":\"where is order 1182?\",\"ruleset\":\"basic\"}";
  }

  @Test
  void turn_overTheLimit_isRefusedAtOnceWith503AndRetryAfter() throws Exception {
    GateModel model = new GateModel();
    try (ArmatureServer server = start(model, 2)) {
      CompletableFuture<HttpResponse<String>> first =
          CompletableFuture.supplyAsync(
              () -> Client.post(server.url() + "/v1/conversations/cap-1/turns", turnBody()));
      CompletableFuture<HttpResponse<String>> second =
          CompletableFuture.supplyAsync(
              () -> Client.post(server.url() + "/v1/conversations/cap-2/turns", turnBody()));
      assertThat(model.started.tryAcquire(2, 30, TimeUnit.SECONDS)).isTrue();

      HttpResponse<String> third =
          Client.post(server.url() + "/v1/conversations/cap-3/turns", turnBody());

      assertThat(third.statusCode()).isEqualTo(503);
      assertThat(third.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(third.body()).contains("\"code\":\"server_busy\"").contains("--max-in-flight");
      assertThat(Client.get(server.url() + "/metrics").body())
          .contains("armature_turns_in_flight 2.0")
          .contains("armature_turns_max_in_flight 2.0");
      model.gate.countDown();
      assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(second.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(model.calls.get()).isEqualTo(2);
    } finally {
      model.gate.countDown();
    }
  }

  @Test
  void statelessCompletion_holdsASlot_andOverTheLimitIsRefusedWith503() throws Exception {
    GateModel model = new GateModel();
    String stateless =
        "{\"model\":\"basic\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    try (ArmatureServer server = start(model, 2)) {
      CompletableFuture<HttpResponse<String>> first =
          CompletableFuture.supplyAsync(
              () -> Client.post(server.url() + "/v1/chat/completions", stateless));
      CompletableFuture<HttpResponse<String>> second =
          CompletableFuture.supplyAsync(
              () -> Client.post(server.url() + "/v1/conversations/cap-s2/turns", turnBody()));
      assertThat(model.started.tryAcquire(2, 30, TimeUnit.SECONDS)).isTrue();

      HttpResponse<String> third = Client.post(server.url() + "/v1/chat/completions", stateless);

      assertThat(third.statusCode()).as(third.body()).isEqualTo(503);
      assertThat(third.body()).contains("\"code\":\"server_busy\"");
      model.gate.countDown();
      assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(second.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(model.calls.get()).isEqualTo(2);
    } finally {
      model.gate.countDown();
    }
  }

  @Test
  void client_thatDisconnects_cancelsItsTurnAndItsModelCall() throws Exception {
    GateModel model = new GateModel();
    try (ArmatureServer server = start(model, 16)) {
      byte[] body = turnBody().getBytes(StandardCharsets.UTF_8);
      try (Socket socket = new Socket("127.0.0.1", server.port())) {
        OutputStream out = socket.getOutputStream();
        out.write(
            ("POST /v1/conversations/gone-1/turns HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: "
                    + body.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        assertThat(model.started.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
      }

      assertThat(model.aborted.await(30, TimeUnit.SECONDS))
          .as("the model call was aborted when the client went away")
          .isTrue();
      HttpResponse<String> conversation = Client.get(server.url() + "/v1/conversations/gone-1");
      assertThat(conversation.statusCode()).as(conversation.body()).isEqualTo(404);
      assertThat(Client.get(server.url() + "/metrics").body())
          .contains("outcome=\"client_closed\"");
    } finally {
      model.gate.countDown();
    }
  }

  @Test
  void client_thatStays_getsItsAnswerOnTheSameConnectionAfterTheWatch() throws Exception {
    GateModel model = new GateModel();
    model.gate.countDown();
    try (ArmatureServer server = start(model, 16)) {
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> response =
            Client.post(server.url() + "/v1/conversations/stays-1/turns", turnBody());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      }
      assertThat(model.calls.get()).isEqualTo(3);
    }
  }
}
