package dev.armature.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code serve --keep-stateless} stores a completion that names no conversation; without the flag
 * nothing of it is stored.
 */
class ServeKeepStatelessTest {
  private static final Pattern URL = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+)");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void keepStateless_storesTheStatelessTurn_andWithoutItNothingIsStored() throws Exception {
    assertThat(storedTurns("--keep-stateless")).isEqualTo(1);
    assertThat(storedTurns()).isZero();
  }

  /** The turns stored of a stateless completion sent to a serve started with {@code flags}. */
  private static int storedTurns(String... flags) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "serve",
                "--rules",
                "src/test/resources/rulesets/basic",
                "--port",
                "0",
                "--store",
                "memory"));
    command.addAll(List.of(flags));
    Process serve = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String url = url(serve);
      JsonNode completion =
          JSON.readTree(
              send(
                  HttpRequest.newBuilder(URI.create(url + "/v1/chat/completions"))
                      .header("Content-Type", "application/json")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"model\":\"basic\",\"messages\":[{\"role\":\"user\","
                                  + "\"content\":\"where is order 1182\"}]}"))));
      String conversation = completion.at("/armature/conversation").asText();
      assertThat(conversation).startsWith("stateless-");
      JsonNode stored =
          JSON.readTree(
              send(HttpRequest.newBuilder(URI.create(url + "/v1/conversations/" + conversation))));
      return stored.path("turns").asInt(0);
    } finally {
      serve.destroy();
      serve.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static String send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(
            request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static String url(Process process) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      Matcher m = URL.matcher(line);
      if (m.find()) {
        Thread drain = new Thread(() -> out.lines().forEach(l -> {}));
        drain.setDaemon(true);
        drain.start();
        return m.group(1);
      }
    }
    throw new AssertionError("serve did not start");
  }
}
