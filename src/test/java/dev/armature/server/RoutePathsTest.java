package dev.armature.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token is checked on the endpoint a request reaches, not on how its path is spelled: every
 * spelling of every protected path (trailing slash, case, dot segments, percent escapes, matrix
 * parameters, doubled slashes) is refused without the token.
 */
class RoutePathsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "route-token";
  private static final String CONVERSATION = "paths-1";

  @TempDir static Path rules;
  static ArmatureServer server;

  @BeforeAll
  static void start() {
    TestRuleSets.copy(rules, "basic");
    server = ArmatureServer.builder().rules(rules).token(TOKEN).port(0).start();
    // A conversation to read, so that its endpoint has something to leak.
    assertThat(
            Client.post(
                    server.url() + "/v1/conversations/" + CONVERSATION + "/turns",
                    "{\"text\":\"my order 1182\"}",
                    "Authorization",
                    "Bearer " + TOKEN)
                .statusCode())
        .isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private record Endpoint(String method, String path) {}

  /** Every endpoint that needs the token. */
  private static final List<Endpoint> PROTECTED =
      List.of(
          new Endpoint("GET", "/metrics"),
          new Endpoint("GET", "/v1/models"),
          new Endpoint("GET", "/v1/rulesets"),
          new Endpoint("GET", "/v1/conversations/" + CONVERSATION),
          new Endpoint("POST", "/v1/chat/completions"),
          new Endpoint("POST", "/v1/responses"),
          new Endpoint("POST", "/v1/conversations/" + CONVERSATION + "/turns"));

  /** Spellings of a path that a router or servlet container may take for the path itself. */
  static Set<String> variants(String path) {
    Set<String> out = new LinkedHashSet<>();
    String first = path.substring(1, 2);
    out.add(path + "/");
    out.add(path + "//");
    out.add(path.toUpperCase(Locale.ROOT));
    out.add(Character.toUpperCase(path.charAt(1)) + path.substring(2));
    out.add("/" + path.substring(1, 2).toUpperCase(Locale.ROOT) + path.substring(2));
    out.add("/" + path);
    out.add(path.replace("/", "//"));
    out.add("/." + path);
    out.add(path + "/.");
    out.add("/x/.." + path);
    out.add("/x/%2e%2e" + path);
    out.add("/x/%2E%2E" + path);
    out.add("/%2e" + path);
    out.add("/x/..;" + path);
    out.add(path + ";x=1");
    out.add(path + ";");
    out.add(path.replaceFirst("/([^/]+)", "/$1;x=1"));
    out.add(path + "%2f");
    out.add(path.replace("/", "%2f"));
    out.add("/" + pct(first) + path.substring(2));
    out.add("/" + pct(first).toLowerCase(Locale.ROOT) + path.substring(2));
    out.add(path.substring(0, path.length() - 1) + pct(path.substring(path.length() - 1)));
    out.add(path + "%20");
    out.add(path + "%00");
    out.add(path + "?x=1");
    out.add(path + "#x");
    out.add(path + "/..;/" + path.substring(path.lastIndexOf('/') + 1));
    out.add(path.replaceFirst("/([^/]+)$", "/./$1"));
    out.add(path.replaceFirst("/([^/]+)$", "/x/../$1"));
    out.add(path.replaceFirst("/([^/]+)$", "/%2e/$1"));
    out.add(path.replaceFirst("/([^/]+)$", "//$1"));
    out.add(path.replaceFirst("/([^/]+)$", "/;x=1/$1"));
    out.add(path.replace("/", "\\"));
    return out;
  }

  private static String pct(String character) {
    return String.format("%%%02X", (int) character.charAt(0));
  }

  private static RawHttp.Response send(Endpoint e, String path, String... auth) {
    List<String> lines = new ArrayList<>(List.of(auth));
    if (e.method().equals("POST")) {
      lines.add("Content-Type: application/json");
      lines.add(
          e.path().endsWith("/turns")
              ? "{\"text\":\"leaked turn\"}"
              : "{\"model\":\"basic\",\"conversation\":\""
                  + CONVERSATION
                  + "\",\"messages\":[{\"role\":\"user\",\"content\":\"leaked turn\"}]}");
    }
    return RawHttp.send(
        server.port(),
        RawHttp.request(
            e.method(), path, "127.0.0.1:" + server.port(), lines.toArray(new String[0])));
  }

  private static int turns() throws Exception {
    String body =
        Client.get(
                server.url() + "/v1/conversations/" + CONVERSATION,
                "Authorization",
                "Bearer " + TOKEN)
            .body();
    return JSON.readTree(body).path("turns").asInt();
  }

  @TestFactory
  Stream<DynamicTest> everySpellingOfAProtectedPath_isRefusedWithoutTheToken() {
    return PROTECTED.stream()
        .flatMap(e -> variants(e.path()).stream().map(v -> new Object[] {e, v}))
        .map(
            pair -> {
              Endpoint e = (Endpoint) pair[0];
              String path = (String) pair[1];
              return DynamicTest.dynamicTest(
                  e.method() + " " + path,
                  () -> {
                    int before = turns();
                    RawHttp.Response r = send(e, path);

                    assertThat(r.status())
                        .as("%s %s: %s", e.method(), path, r.body())
                        .isBetween(400, 499);
                    assertThat(JSON.readTree(r.body()).path("error").path("code").asText())
                        .as(r.body())
                        .isNotBlank();
                    assertThat(r.body()).doesNotContain("armature_", "order_id", "leaked turn");
                    assertThat(turns()).as("a turn ran without the token").isEqualTo(before);
                  });
            });
  }

  @Test
  void corpus_reachesTheEndpoints_withTheToken() {
    // Without this the corpus could be all 404s and prove nothing about the token.
    Endpoint metrics = PROTECTED.get(0);
    List<String> reached = new ArrayList<>();
    for (String path : variants(metrics.path())) {
      if (send(metrics, path, "Authorization: Bearer " + TOKEN).status() == 200) {
        reached.add(path);
      }
    }

    assertThat(reached).contains("/metrics/", "/metrics?x=1");
  }

  @Test
  void openEndpoints_stayOpen_inEverySpellingThatReachesThem() {
    assertThat(send(new Endpoint("GET", "/healthz"), "/healthz/").status()).isEqualTo(200);
    assertThat(send(new Endpoint("GET", "/"), "/").status()).isEqualTo(200);
    assertThat(send(new Endpoint("GET", "/app.js"), "/app.js").status()).isEqualTo(200);
  }

  @Test
  void headAndOtherMethods_onProtectedPaths_needTheTokenToo() {
    for (String path : List.of("/metrics", "/metrics/", "/v1/rulesets", "/v1/models/")) {
      for (String method : List.of("HEAD", "PUT", "DELETE", "PATCH")) {
        RawHttp.Response r =
            RawHttp.send(
                server.port(),
                RawHttp.request(
                    method,
                    path,
                    "127.0.0.1:" + server.port(),
                    "Content-Type: application/json",
                    "Content-Length: 0"));
        assertThat(r.status()).as("%s %s", method, path).isBetween(400, 499);
        assertThat(r.body()).doesNotContain("armature_");
      }
    }
  }
}
