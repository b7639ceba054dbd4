package dev.armature.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Which caller attributes a client may set: those its rule set declares; the operator's win. */
class AttributePolicyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SUPPORT = Path.of("rules/support");

  private static String completion(String metadata) {
    return "{\"model\":\"support\",\"conversation\":\"attr-"
        + Math.abs(metadata.hashCode())
        + "\",\"metadata\":"
        + metadata
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"this is ridiculous, where is order 1182\"}]}";
  }

  @Test
  void userField_andRequestedParameters_areNotClientAttributes_andReachTheRules() throws Exception {
    try (ArmatureServer server = ArmatureServer.builder().rules(SUPPORT).port(0).start()) {
      HttpResponse<String> response =
          Client.post(
              server.url() + "/v1/chat/completions",
              "{\"model\":\"support\",\"conversation\":\"attr-user\",\"user\":\"alice-7\","
                  + "\"temperature\":0.2,\"metadata\":{\"channel\":\"web\"},"
                  + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}");

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode attributes =
          JSON.readTree(Client.get(server.url() + "/v1/conversations/attr-user").body())
              .at("/traces/0/input/attributes");
      assertThat(attributes.path("user").asText()).isEqualTo("alice-7");
      assertThat(attributes.path("request.temperature").asText()).isEqualTo("0.2");
      assertThat(attributes.path("channel").asText()).isEqualTo("web");
    }
  }

  @Test
  void userInMetadata_isCheckedLikeAnyClientAttribute() {
    try (ArmatureServer server = ArmatureServer.builder().rules(SUPPORT).port(0).start()) {
      HttpResponse<String> response =
          Client.post(server.url() + "/v1/chat/completions", completion("{\"user\":\"bob\"}"));

      assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
      assertThat(response.body()).contains("\"code\":\"attribute_not_allowed\"").contains("'user'");
    }
  }

  @Test
  void goldTier_fromTheClient_isRefusedByDefaultNamingIt() {
    try (ArmatureServer server = ArmatureServer.builder().rules(SUPPORT).port(0).start()) {
      HttpResponse<String> response =
          Client.post(server.url() + "/v1/chat/completions", completion("{\"tier\":\"gold\"}"));

      assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
      assertThat(response.body())
          .contains("\"code\":\"attribute_not_allowed\"")
          .contains("\"param\":\"metadata\"")
          .contains("'tier'")
          .contains("channel, locale")
          .doesNotContain("priority-care");
    }
  }

  @Test
  void declaredAttributes_fromTheClient_reachTheRules() throws Exception {
    try (ArmatureServer server = ArmatureServer.builder().rules(SUPPORT).port(0).start()) {
      HttpResponse<String> response =
          Client.post(
              server.url() + "/v1/conversations/attr-ok/turns",
              "{\"text\":\"hello\",\"attributes\":{\"channel\":\"web\",\"locale\":\"fr\"}}");

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode attributes = JSON.readTree(response.body()).at("/trace/input/attributes");
      assertThat(attributes.get("channel").asText()).isEqualTo("web");
      assertThat(attributes.get("locale").asText()).isEqualTo("fr");
    }
  }

  @Test
  void operatorAttribute_appliesToEveryTurn_andTheBodyCannotChangeIt() throws Exception {
    try (ArmatureServer server =
        ArmatureServer.builder().rules(SUPPORT).attribute("tier", "silver").port(0).start()) {
      HttpResponse<String> plain =
          Client.post(server.url() + "/v1/conversations/attr-op/turns", "{\"text\":\"hello\"}");
      HttpResponse<String> override =
          Client.post(
              server.url() + "/v1/conversations/attr-op2/turns",
              "{\"text\":\"hello\",\"attributes\":{\"tier\":\"gold\"}}");

      assertThat(JSON.readTree(plain.body()).at("/trace/input/attributes/tier").asText())
          .isEqualTo("silver");
      assertThat(override.statusCode()).isEqualTo(400);
      assertThat(override.body())
          .contains("\"param\":\"attributes\"")
          .contains("'tier' set by the server");
    }
  }

  @Test
  void serverAllowedAttribute_fromTheClient_isTaken() {
    try (ArmatureServer server =
        ArmatureServer.builder().rules(SUPPORT).clientAttribute("tier").port(0).start()) {
      HttpResponse<String> response =
          Client.post(server.url() + "/v1/chat/completions", completion("{\"tier\":\"gold\"}"));

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(response.body()).contains("priority-care");
    }
  }
}
