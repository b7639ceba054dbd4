package dev.armature.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's {@code curl} call works as written against {@code ./armature serve} on the project's
 * rules.
 */
class ReadmeCurlTest {
  private static final Pattern CURL =
      Pattern.compile(
          "curl -s http://127\\.0\\.0\\.1:8080(/v1/chat/completions) -H 'Content-Type: application/json' -d '(.*?)'\\n",
          Pattern.DOTALL);

  @Test
  void readmeCurl_whenSentToTheServerOnTheProjectRules_getsAChatCompletion() throws Exception {
    Matcher curl = CURL.matcher(Files.readString(Path.of("README.md")));
    assertThat(curl.find()).as("README has the curl call").isTrue();

    try (ArmatureServer server = ArmatureServer.builder().rules(Path.of("rules")).port(0).start()) {
      HttpResponse<String> response = Client.post(server.url() + curl.group(1), curl.group(2));

      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(response.body())
          .contains(
              "\"object\":\"chat.completion\"",
              "\"model\":\"support\"",
              "[dry-run] applying ",
              "\"conversation\":\"demo-1\"");
    }
  }
}
