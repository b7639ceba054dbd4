package dev.armature.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.armature.Message;
import dev.armature.ModelReply;
import dev.armature.ToolRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The exchange docs/tools.md shows under "Client-side tools" is what {@code rules/support} answers:
 * its two requests are sent as written, and the answers have the fields the page shows.
 */
class ClientToolsDocTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern BLOCK =
      Pattern.compile("^```json[ \\t]*\\n(.*?)^```", Pattern.DOTALL | Pattern.MULTILINE);

  @Test
  void toolsDoc_clientToolExchange_isWhatServeAnswers() throws Exception {
    String doc = Files.readString(Path.of("docs/tools.md"));
    String section = doc.substring(doc.indexOf("### Client-side tools"));
    List<String> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(section);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    assertThat(blocks).hasSize(3);
    try (ArmatureServer server =
        ArmatureServer.builder()
            .rules(Path.of("rules/support"))
            .model(
                request ->
                    request.messages().get(request.messages().size() - 1).role()
                            == Message.Role.TOOL
                        ? ModelReply.of("Your order 1182 was delivered 10 days ago.")
                        : ModelReply.calling(
                            new ToolRequest("call_1", "lookup_order", "{\"order_id\":\"1182\"}")))
            .port(0)
            .start()) {
      HttpResponse<String> first =
          Client.post(server.url() + "/v1/chat/completions", blocks.get(0));
      assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
      JsonNode shown = JSON.readTree(blocks.get(1));
      JsonNode answered = JSON.readTree(first.body());
      assertThat(answered.path("choices")).isEqualTo(shown.path("choices"));
      assertThat(answered.at("/armature/outcome")).isEqualTo(shown.at("/armature/outcome"));
      assertThat(answered.at("/armature/turn")).isEqualTo(shown.at("/armature/turn"));

      HttpResponse<String> second =
          Client.post(server.url() + "/v1/chat/completions", blocks.get(2));
      assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
      JsonNode done = JSON.readTree(second.body());
      assertThat(done.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
      assertThat(done.at("/choices/0/message/content").asText())
          .isEqualTo("Your order 1182 was delivered 10 days ago.");
      assertThat(done.at("/armature/outcome").asText()).isEqualTo("generated");
      assertThat(done.at("/armature/turn").asInt()).isEqualTo(1);
    }
  }
}
