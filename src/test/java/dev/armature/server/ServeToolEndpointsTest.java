package dev.armature.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code serve} with tools implemented by HTTP endpoints. */
class ServeToolEndpointsTest {
  private static final String SECRET = "tok-5e3c2b1a0f9e8d7c";

  @Test
  void serve_whenEndpointsEchoTheAuthHeader_theSecretIsNowhereAClientOrALogSees() throws Exception {
    List<String> seen = new ArrayList<>();
    try (EndpointStub stub = new EndpointStub();
        LogCapture log = new LogCapture();
        ArmatureServer server =
            ArmatureServer.builder()
                .rules(ToolEndpointTest.RULES)
                .model(ToolEndpointTest.MODEL)
                .port(0)
                .accessLog()
                .toolEndpoint(
                    new ToolEndpoint(
                        "lookup_order",
                        URI.create(stub.url("/echo")),
                        Map.of("Authorization", "Bearer " + SECRET)))
                .toolEndpoint(
                    new ToolEndpoint(
                        "refund_order", URI.create(stub.url("/fail")), Map.of("X-Api-Key", SECRET)))
                .start()) {
      String turns = server.url() + "/v1/conversations/secret-1/turns";
      HttpResponse<String> lookup = Client.post(turns, "{\"text\":\"where is order 1182\"}");
      HttpResponse<String> refund = Client.post(turns, "{\"text\":\"refund order 1182\"}");
      HttpResponse<String> yes = Client.post(turns, "{\"text\":\"yes\"}");
      for (HttpResponse<String> r : List.of(lookup, refund, yes)) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        seen.add(r.body());
      }
      seen.add(Client.get(server.url() + "/v1/conversations/secret-1").body());
      seen.add(Client.get(server.url() + "/metrics").body());
      seen.add(
          Client.post(
                  server.url() + "/v1/chat/completions",
                  "{\"model\":\"tools\",\"messages\":[{\"role\":\"user\","
                      + "\"content\":\"where is order 1182\"}]}")
              .body());
      seen.addAll(log.lines());

      // The endpoints got the header, and what they echoed went no further.
      assertThat(stub.authorizations).contains("Bearer " + SECRET);
      assertThat(lookup.body()).contains("[redacted]").contains("\\\"ok\\\":true");
      assertThat(yes.body())
          .contains("tool 'refund_order' failed: its endpoint answered HTTP 500")
          .contains("The refund did not go through");
      assertThat(seen).isNotEmpty().noneMatch(text -> text.contains(SECRET));
    }
  }

  @Test
  void reload_whenAnEditStopsDeclaringAToolWithAnEndpoint_keepsServingAndNeverCallsIt(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path rules =
        dev.armature.testing.Folders.copy(ToolEndpointTest.RULES, dir.resolve("tools"));
    try (EndpointStub stub = new EndpointStub();
        ArmatureServer server =
            ArmatureServer.builder()
                .rules(rules)
                .model(ToolEndpointTest.MODEL)
                .port(0)
                .toolEndpoint(ToolEndpoint.of("lookup_order", stub.url("/orders")))
                .toolEndpoint(ToolEndpoint.of("refund_order", stub.url("/echo")))
                .start()) {
      // The edit takes refund_order out: its declaration and the rules that name it.
      java.nio.file.Path yaml = rules.resolve("ruleset.yaml");
      String text = java.nio.file.Files.readString(yaml);
      java.nio.file.Files.writeString(yaml, text.substring(0, text.indexOf("  refund_order:")));
      java.nio.file.Path drl = rules.resolve("patterns/tools.drl");
      String rulesText = java.nio.file.Files.readString(drl);
      java.nio.file.Files.writeString(
          drl,
          rulesText.substring(0, rulesText.indexOf("rule \"Refunds are offered"))
              + rulesText.substring(
                  rulesText.indexOf("rule \"The order's status is kept\""),
                  rulesText.indexOf("rule \"A refund that fails")));
      long deadline = System.nanoTime() + 15_000_000_000L;
      String status = "";
      while (!status.contains("\"reloads\":1") && System.nanoTime() < deadline) {
        Thread.sleep(50);
        status = Client.get(server.url() + "/v1/rulesets").body();
      }
      assertThat(status).contains("\"reloads\":1").contains("\"rejected\":0");

      String turns = server.url() + "/v1/conversations/reload-1/turns";
      HttpResponse<String> lookup = Client.post(turns, "{\"text\":\"where is order 1182\"}");
      HttpResponse<String> refund = Client.post(turns, "{\"text\":\"refund order 1182\"}");

      assertThat(lookup.statusCode()).isEqualTo(200);
      assertThat(lookup.body()).contains("\"outcome\":\"ran\"").contains("shipped");
      assertThat(refund.statusCode()).isEqualTo(200);
      assertThat(refund.body()).contains("\"outcome\":\"not-offered\"");
      assertThat(stub.bodies).containsExactly("{\"order_id\":\"1182\"}");
    }
  }

  @Test
  void start_whenAnEndpointNamesAToolNoRuleSetDeclares_refusesNamingIt() {
    ArmatureServer.Builder builder =
        ArmatureServer.builder()
            .rules(ToolEndpointTest.RULES)
            .port(0)
            .toolEndpoint(ToolEndpoint.of("lookup_ordr", "http://127.0.0.1:9/orders"));

    assertThatThrownBy(builder::start)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "tool 'lookup_ordr' has an implementation but no rule set served declares it;"
                + " tools declared: lookup_order, refund_order");
  }

  @Test
  void toolEndpoint_whenTheUrlOrAHeaderIsBad_refusesNamingIt() {
    assertThatThrownBy(() -> ToolEndpoint.of("lookup_order", "ftp://shop/orders"))
        .hasMessage(
            "the endpoint of tool 'lookup_order' is not an http:// or https:// URL with a host:"
                + " 'ftp://shop/orders'");
    assertThatThrownBy(() -> ToolEndpoint.of("lookup_order", "http://shop/a b"))
        .hasMessage("the endpoint of tool 'lookup_order' is not a URL: 'http://shop/a b'");
    assertThatThrownBy(
            () ->
                new ToolEndpoint(
                    "lookup_order", URI.create("http://shop/x"), Map.of("Host", "evil")))
        .hasMessage("header 'Host' of tool 'lookup_order' is set by Armature itself");
    assertThatThrownBy(
            () ->
                new ToolEndpoint(
                    "lookup_order", URI.create("http://shop/x"), Map.of("X-Key", "a\nb")))
        .hasMessage(
            "header 'X-Key' of tool 'lookup_order' is empty or has a line break or control"
                + " character in its value");
  }
}
