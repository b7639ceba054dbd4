package dev.armature.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code armature serve} refuses to start, with a message that names the problem, when it cannot
 * serve.
 */
class ServeCommandTest {
  private static CliRun serve(String... args) {
    return CliRun.command("serve", args);
  }

  @Test
  void serve_whenNoRuleSetIsFound_exitsWith1NamingTheFolder() {
    CliRun run = serve("--rules", "src/test/resources/no-such-rules", "--port", "0");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            "src/test/resources/no-such-rules:0:0: no ruleset.yaml here or in a folder below");
  }

  @Test
  void serve_whenARuleSetIsBroken_exitsWith1WithFileLineAndColumn() {
    CliRun run =
        serve("--rules", "src/test/resources/broken/15-yaml-bad-model-parameter", "--port", "0");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            "The rule sets have errors:",
            "src/test/resources/broken/15-yaml-bad-model-parameter/ruleset.yaml:");
  }

  @Test
  void serve_whenAnEdgeLimitIsOutOfRange_exitsWith2NamingIt() {
    CliRun idle =
        serve("--rules", "src/test/resources/rulesets/basic", "--port", "0", "--idle-timeout", "0");
    assertThat(idle.code()).isEqualTo(2);
    assertThat(idle.err()).contains("idleTimeout must be positive but was PT0S");
    CliRun rate =
        serve(
            "--rules", "src/test/resources/rulesets/basic", "--port", "0", "--min-body-rate", "-1");
    assertThat(rate.code()).isEqualTo(2);
    assertThat(rate.err()).contains("minBodyRate must be >= 0 but was -1");
    CliRun origin =
        serve("--rules", "src/test/resources/rulesets/basic", "--port", "0", "--allow-origin", " ");
    assertThat(origin.code()).isEqualTo(2);
    assertThat(origin.err()).contains("the allowed origin is empty");
  }

  @Test
  void serve_whenTheModelOrARouteIsUnknown_exitsWith2() {
    assertThat(serve("--rules", "src/test/resources/rulesets/basic", "--model", "gpt4").err())
        .contains("model 'gpt4' is not dry-run, openai:<model> or ollama:<model>");
    CliRun route = serve("--rules", "src/test/resources/rulesets/basic", "--route", "strong=nope");
    assertThat(route.code()).isEqualTo(2);
    assertThat(route.err()).contains("model 'nope' is not dry-run");
  }

  @Test
  void serve_whenTheTokenFileIsEmptyOrMissing_exitsWith2WithoutStarting(@TempDir Path dir)
      throws Exception {
    Path empty = Files.writeString(dir.resolve("token"), "\n");

    CliRun run =
        serve(
            "--rules",
            "src/test/resources/rulesets/basic",
            "--token-file",
            empty.toString(),
            "--port",
            "0");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("the token file '" + empty + "' is empty");
    assertThat(
            serve(
                    "--rules",
                    "src/test/resources/rulesets/basic",
                    "--token-file",
                    dir.resolve("none").toString())
                .err())
        .contains("cannot read the token file");
  }
}
