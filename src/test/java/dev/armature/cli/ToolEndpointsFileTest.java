package dev.armature.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.server.ToolEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --tool-endpoints FILE} and {@code --tool-endpoint TOOL=URL}. */
class ToolEndpointsFileTest {
  @TempDir Path dir;

  private Path file(String yaml) throws Exception {
    return Files.writeString(dir.resolve("endpoints.yaml"), yaml);
  }

  @Test
  void read_whenHeadersComeFromTheEnvironmentAndAFile_sendsTheirValues() throws Exception {
    Files.writeString(dir.resolve("shop-key"), "key-from-file\n");
    Path file =
        file(
            "tools:\n"
                + "  lookup_order:\n"
                + "    url: http://127.0.0.1:9000/orders/lookup\n"
                + "    headers:\n"
                + "      Authorization: { env: SHOP_TOKEN, prefix: \"Bearer \" }\n"
                + "      X-Api-Key: { file: shop-key }\n"
                + "      X-Tenant: { value: eu-1 }\n"
                + "  refund_order:\n"
                + "    url: https://shop.example/refunds\n");

    List<ToolEndpoint> endpoints = ToolEndpointsFile.read(file, Map.of("SHOP_TOKEN", "tok-1"));

    assertThat(endpoints)
        .extracting(ToolEndpoint::tool)
        .containsExactly("lookup_order", "refund_order");
    assertThat(endpoints.get(0).headers())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "Authorization", "Bearer tok-1", "X-Api-Key", "key-from-file", "X-Tenant", "eu-1"));
    assertThat(endpoints.get(1).url().toString()).isEqualTo("https://shop.example/refunds");
    assertThat(endpoints.get(0).toString()).doesNotContain("tok-1").doesNotContain("key-from-file");
  }

  @Test
  void read_theExampleOfTheDocs_readsAsThePageSays() throws Exception {
    java.util.regex.Matcher block =
        java.util.regex.Pattern.compile(
                "```yaml\n(# tools\\.yaml.*?)```", java.util.regex.Pattern.DOTALL)
            .matcher(Files.readString(Path.of("docs/tools.md")));
    assertThat(block.find()).as("the tools.yaml example of docs/tools.md").isTrue();
    Files.createDirectories(dir.resolve("secrets"));
    Files.writeString(dir.resolve("secrets/shop-key"), "k-123\n");

    List<ToolEndpoint> endpoints =
        ToolEndpointsFile.read(file(block.group(1)), Map.of("SHOP_TOKEN", "t-456"));

    assertThat(endpoints)
        .extracting(ToolEndpoint::tool)
        .containsExactly("lookup_order", "refund_order");
    assertThat(endpoints.get(0).headers())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("Authorization", "Bearer t-456", "X-Api-Key", "k-123", "X-Tenant", "eu-1"));
  }

  @Test
  void chat_whenAnEndpointNamesAnUndeclaredTool_exitsWith2NamingIt() {
    CliRun run =
        CliRun.command(
            "chat",
            "--rules",
            "src/test/resources/rulesets/tools",
            "--tool-endpoint",
            "refund=http://127.0.0.1:9/refunds");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "tool 'refund' has an endpoint but the rule set does not declare it; tools declared:"
                + " lookup_order, refund_order");
  }

  @Test
  void read_whenTheFileIsWrong_namesTheFileLineAndField() throws Exception {
    Path unknown = file("tools:\n  lookup_order:\n    url: http://h/x\n    header: {}\n");
    assertThatThrownBy(() -> ToolEndpointsFile.read(unknown, Map.of()))
        .hasMessage(
            unknown
                + ":4: unknown field 'tools.lookup_order.header'; expected one of [headers, url]");

    Path literal =
        file(
            "tools:\n  lookup_order:\n    url: http://h/x\n    headers:\n      Authorization: Bearer x\n");
    assertThatThrownBy(() -> ToolEndpointsFile.read(literal, Map.of()))
        .hasMessageStartingWith(
            literal
                + ":5: field 'tools.lookup_order.headers.Authorization': expected { env: VARIABLE },"
                + " { file: PATH } or { value: TEXT }");

    Path unset =
        file(
            "tools:\n  lookup_order:\n    url: http://h/x\n    headers:\n"
                + "      Authorization: { env: NOT_SET }\n");
    assertThatThrownBy(() -> ToolEndpointsFile.read(unset, Map.of()))
        .hasMessage(
            unset
                + ":5: field 'tools.lookup_order.headers.Authorization.env': the environment"
                + " variable 'NOT_SET' is not set");

    Path noUrl = file("tools:\n  lookup_order:\n    headers: {}\n");
    assertThatThrownBy(() -> ToolEndpointsFile.read(noUrl, Map.of()))
        .hasMessage(noUrl + ":2: field 'tools.lookup_order.url' is missing or not text");
  }

  @Test
  void serve_whenAnEndpointNamesAnUndeclaredTool_exitsWith2NamingIt() {
    CliRun run =
        CliRun.command(
            "serve",
            "--rules",
            "src/test/resources/rulesets/tools",
            "--port",
            "0",
            "--store",
            "memory",
            "--tool-endpoint",
            "lookup_ordr=http://127.0.0.1:9/orders");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "tool 'lookup_ordr' has an implementation but no rule set served declares it;"
                + " tools declared: lookup_order, refund_order");
  }

  @Test
  void serve_whenAToolHasTwoEndpoints_exitsWith2() throws Exception {
    Path file = file("tools:\n  lookup_order:\n    url: http://127.0.0.1:9/a\n");
    CliRun run =
        CliRun.command(
            "serve",
            "--rules",
            "src/test/resources/rulesets/tools",
            "--port",
            "0",
            "--store",
            "memory",
            "--tool-endpoints",
            file.toString(),
            "--tool-endpoint",
            "lookup_order=http://127.0.0.1:9/b");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("tool 'lookup_order' has two endpoints");
  }
}
