package dev.armature.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.Model;
import dev.armature.ModelReply;
import dev.armature.state.JdbcStore;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A turn sent again with the same Idempotency-Key returns the committed result, after a restart
 * too.
 */
class IdempotencyTest {
  @TempDir Path rules;
  @TempDir Path data;

  private final AtomicInteger calls = new AtomicInteger();
  private final Model model = request -> ModelReply.of("reply number " + calls.incrementAndGet());

  private ArmatureServer start(JdbcStore store) {
    return ArmatureServer.builder().rules(rules).model(model).store(store).port(0).start();
  }

  private static final String TURN = "{\"text\":\"where is order 1182?\"}";

  @Test
  void nativeTurn_sentAgainAfterARestart_returnsTheCommittedResultAndRunsOnce() {
    TestRuleSets.copy(rules, "basic");
    Path file = data.resolve("conversations");
    HttpResponse<String> first;
    try (JdbcStore store = JdbcStore.h2File(file);
        ArmatureServer server = start(store)) {
      first =
          Client.post(
              server.url() + "/v1/conversations/idem-1/turns", TURN, "Idempotency-Key", "k-1");
      assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
      assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
    }

    try (JdbcStore store = JdbcStore.h2File(file);
        ArmatureServer server = start(store)) {
      HttpResponse<String> again =
          Client.post(
              server.url() + "/v1/conversations/idem-1/turns", TURN, "Idempotency-Key", "k-1");
      HttpResponse<String> inBody =
          Client.post(
              server.url() + "/v1/conversations/idem-1/turns",
              "{\"text\":\"where is order 1182?\",\"idempotency_key\":\"k-1\"}");

      assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
      assertThat(again.body()).isEqualTo(first.body());
      assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
      assertThat(inBody.body()).isEqualTo(first.body());
      assertThat(calls.get()).isEqualTo(1);
      assertThat(store.turnNumbers("idem-1")).containsExactly(1);
    }
  }

  @Test
  void chatCompletion_sentAgainAfterARestart_returnsTheSameCompletion() {
    TestRuleSets.copy(rules, "basic");
    Path file = data.resolve("conversations");
    String body =
        "{\"model\":\"basic\",\"conversation\":\"idem-2\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    HttpResponse<String> first;
    try (JdbcStore store = JdbcStore.h2File(file);
        ArmatureServer server = start(store)) {
      first = Client.post(server.url() + "/v1/chat/completions", body, "Idempotency-Key", "c-1");
      assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    }
    try (JdbcStore store = JdbcStore.h2File(file);
        ArmatureServer server = start(store)) {
      HttpResponse<String> again =
          Client.post(server.url() + "/v1/chat/completions", body, "Idempotency-Key", "c-1");
      HttpResponse<String> next =
          Client.post(server.url() + "/v1/chat/completions", body, "Idempotency-Key", "c-2");

      assertThat(again.body()).isEqualTo(first.body()).contains("reply number 1");
      assertThat(next.body()).contains("reply number 2");
      assertThat(store.turnNumbers("idem-2")).containsExactly(1, 2);
    }
  }

  @Test
  void sameKey_withADifferentText_isRefusedWith422AndRunsNothing() {
    TestRuleSets.copy(rules, "basic");
    try (JdbcStore store = JdbcStore.h2File(data.resolve("conversations"));
        ArmatureServer server = start(store)) {
      String url = server.url() + "/v1/conversations/idem-3/turns";
      Client.post(url, TURN, "Idempotency-Key", "k-3");

      HttpResponse<String> other =
          Client.post(url, "{\"text\":\"something else\"}", "Idempotency-Key", "k-3");

      assertThat(other.statusCode()).isEqualTo(422);
      assertThat(other.body())
          .contains("\"code\":\"idempotency_key_reused\"")
          .contains("'k-3'")
          .contains("different text");
      assertThat(calls.get()).isEqualTo(1);
      assertThat(store.turnNumbers("idem-3")).containsExactly(1);
    }
  }

  @Test
  void key_onAStreamedCompletion_isRefusedWith400() {
    TestRuleSets.copy(rules, "basic");
    try (JdbcStore store = JdbcStore.h2File(data.resolve("conversations"));
        ArmatureServer server = start(store)) {
      HttpResponse<String> response =
          Client.post(
              server.url() + "/v1/chat/completions",
              "{\"model\":\"basic\",\"conversation\":\"s\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
              "Idempotency-Key",
              "s-1");

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body()).contains("idempotency_key_with_stream");
    }
  }

  @Test
  void key_onAStatelessCompletion_isRefusedWith400AndRunsNothing() {
    TestRuleSets.copy(rules, "basic");
    try (JdbcStore store = JdbcStore.h2File(data.resolve("conversations"));
        ArmatureServer server = start(store)) {
      HttpResponse<String> response =
          Client.post(
              server.url() + "/v1/chat/completions",
              "{\"model\":\"basic\",\"user\":\"person-1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
              "Idempotency-Key",
              "n-1");

      assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
      assertThat(response.body())
          .contains("idempotency_key_without_conversation")
          .contains("X-Armature-Conversation");
      assertThat(store.turnNumbers("person-1")).isEmpty();
    }
  }

  @Test
  void sameKey_withOtherParameters_isRefusedWith422() {
    TestRuleSets.copy(rules, "basic");
    String body =
        "{\"model\":\"basic\",\"conversation\":\"idem-p\",\"temperature\":%s,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    try (JdbcStore store = JdbcStore.h2File(data.resolve("conversations"));
        ArmatureServer server = start(store)) {
      HttpResponse<String> first =
          Client.post(
              server.url() + "/v1/chat/completions",
              String.format(body, "0.2"),
              "Idempotency-Key",
              "p-1");
      HttpResponse<String> other =
          Client.post(
              server.url() + "/v1/chat/completions",
              String.format(body, "0.9"),
              "Idempotency-Key",
              "p-1");

      assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
      assertThat(other.statusCode()).as(other.body()).isEqualTo(422);
      assertThat(other.body()).contains("idempotency_key_reused");
      assertThat(store.turnNumbers("idem-p")).containsExactly(1);
    }
  }
}
