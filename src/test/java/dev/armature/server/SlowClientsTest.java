package dev.armature.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow request bodies cost the server a connection each, never a thread: 300 clients sending a
 * declared 100 kB body at one byte a second do not stop other clients' turns or the health check. A
 * body that stays that slow is cut with 408 under the default minimum rate.
 */
class SlowClientsTest {
  @TempDir static Path rules;
  static ArmatureServer patient;
  static ArmatureServer strict;
  static ArmatureServer hasty;

  @BeforeAll
  static void start() {
    TestRuleSets.copy(rules, "basic");
    // No minimum rate: the slow bodies stay open for the whole test, holding connections.
    patient = ArmatureServer.builder().rules(rules).port(0).minBodyRate(0).start();
    strict = ArmatureServer.builder().rules(rules).port(0).start();
    hasty =
        ArmatureServer.builder().rules(rules).port(0).idleTimeout(Duration.ofSeconds(1)).start();
  }

  @AfterAll
  static void stop() {
    patient.close();
    strict.close();
    hasty.close();
  }

  private static Socket slowStart(ArmatureServer server) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
    socket.setSoTimeout(20_000);
    socket
        .getOutputStream()
        .write(
            ("POST /v1/conversations/slow/turns HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
                .getBytes(StandardCharsets.US_ASCII));
    return socket;
  }

  @Test
  void threeHundredSlowBodies_whileOtherClientsTurnsAndHealthKeepAnswering() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 300; i++) {
        slow.add(slowStart(patient));
      }
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      List<CompletableFuture<HttpResponse<String>>> turns = new ArrayList<>();
      for (int second = 0; second < 3; second++) {
        for (Socket s : slow) {
          OutputStream out = s.getOutputStream();
          out.write(' ');
          out.flush();
        }
        for (int i = 0; i < 5; i++) {
          turns.add(
              client.sendAsync(
                  HttpRequest.newBuilder(
                          URI.create(
                              patient.url()
                                  + "/v1/conversations/busy-"
                                  + second
                                  + "-"
                                  + i
                                  + "/turns"))
                      .timeout(Duration.ofSeconds(5))
                      .header("Content-Type", "application/json")
                      .POST(
                          HttpRequest.BodyPublishers.ofString("{\"text\":\"where is my order?\"}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString()));
        }
        assertThat(
                client
                    .send(
                        HttpRequest.newBuilder(URI.create(patient.url() + "/healthz"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                        HttpResponse.BodyHandlers.ofString())
                    .statusCode())
            .isEqualTo(200);
        Thread.sleep(1000);
      }
      for (CompletableFuture<HttpResponse<String>> turn : turns) {
        HttpResponse<String> response = turn.get();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      }
      assertThat(turns).hasSize(15);
      for (Socket s : slow) {
        assertThat(s.isClosed()).isFalse();
      }
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
  }

  @Test
  void bodySlowerThanTheMinimumRate_isCutWith408() throws Exception {
    try (Socket socket = slowStart(strict)) {
      RawHttp.Response answer = null;
      for (int second = 0; second < 10 && answer == null; second++) {
        Thread.sleep(1000);
        try {
          socket.getOutputStream().write(' ');
          socket.getOutputStream().flush();
        } catch (IOException e) {
          answer = RawHttp.read(socket.getInputStream());
        }
        if (answer == null && socket.getInputStream().available() > 0) {
          answer = RawHttp.read(socket.getInputStream());
        }
      }

      assertThat(answer).as("no answer while the body dripped for 10 s").isNotNull();
      assertThat(answer.status()).isEqualTo(408);
      assertThat(answer.body()).contains("\"code\":\"request_timeout\"", "the minimum is 1024");
    }
  }

  @Test
  void bodyThatStopsArriving_isAnswered408AfterTheIdleTimeout() throws Exception {
    try (Socket socket = slowStart(hasty)) {
      socket.getOutputStream().flush();
      // The default idle timeout is 30 s: an answer within the 10 s read timeout is the 1 s one.
      socket.setSoTimeout(10_000);

      RawHttp.Response answer = RawHttp.read(socket.getInputStream());

      assertThat(answer.status()).isEqualTo(408);
      assertThat(answer.body()).contains("\"code\":\"request_timeout\"", "stopped arriving");
    }
  }
}
