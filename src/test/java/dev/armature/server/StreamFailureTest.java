package dev.armature.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.armature.Model;
import dev.armature.ModelException;
import dev.armature.ModelReply;
import dev.armature.ModelRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model that fails mid-stream: the client is told the partial reply is abandoned. */
class StreamFailureTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SORRY = "Sorry, I can't answer right now.";

  @TempDir static Path rules;
  static ArmatureServer server;

  /** Streams one piece, then fails. */
  static final class FailsMidStream implements Model {
    @Override
    public ModelReply generate(ModelRequest request) {
      throw new ModelException(ModelException.Kind.UNAVAILABLE, "down", null);
    }

    @Override
    public ModelReply stream(ModelRequest request, Consumer<String> tokens) {
      tokens.accept("Partial ");
      throw new ModelException(ModelException.Kind.UNAVAILABLE, "connection reset", null);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    Path basic = TestRuleSets.copy(rules, "basic");
    Files.writeString(
        basic.resolve("patterns/fallback.drl"),
        "rule \"A failed model gets an apology\"\n"
            + "@phase(fallback)\n"
            + "when\n"
            + "    ModelFailed()\n"
            + "then\n"
            + "    insert(new Respond(\""
            + SORRY
            + "\"));\n"
            + "end\n");
    server = ArmatureServer.builder().rules(rules).model(new FailsMidStream()).port(0).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void modelFailingMidStream_theClientIsToldThePartialReplyIsAbandoned_beforeTheFallback()
      throws Exception {
    HttpResponse<String> response =
        Client.post(
            server.url() + "/v1/chat/completions",
            "{\"model\":\"basic\",\"conversation\":\"cut\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Where is order 1182\"}]}");

    String body = response.body();
    assertThat(body).contains("\"content\":\"Partial \"");
    // Never glued: the fallback follows the marker, in one delta.
    assertThat(body).doesNotContain("\"content\":\"" + SORRY + "\"");
    assertThat(body)
        .contains(JSON.writeValueAsString(SseStream.ABANDONED + SORRY), "\"withdrawn\":true")
        .contains("\"outcome\":\"fallback\"");
    assertThat(body.indexOf("Partial ")).isLessThan(body.indexOf("interrupted and is abandoned"));
    JsonNode stored = JSON.readTree(Client.get(server.url() + "/v1/conversations/cut").body());
    assertThat(stored.at("/recent/0/reply").asText()).isEqualTo(SORRY);
  }
}
