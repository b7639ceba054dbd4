package dev.armature.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The JDK client behind OpenAI models runs its own tasks on virtual threads where the JVM has them,
 * and on its default pool before Java 21. CI runs Java 17; the other branch runs with {@code
 * JAVA_HOME} on a JDK 21 or later ({@code ./mvnw -Dtest=RetryAfterClientTest test}).
 */
class RetryAfterClientTest {
  private static final boolean VIRTUAL_THREADS = Runtime.version().feature() >= 21;

  @Test
  void theClientsExecutor_isAVirtualThreadEach_fromJava21_elseTheJdksDefault() throws Exception {
    HttpClient client = RetryAfterClient.builder().build();

    if (!VIRTUAL_THREADS) {
      assertThat(client.executor()).isEmpty();
      return;
    }
    assertThat(client.executor()).isPresent();
    Executor executor = client.executor().orElseThrow();
    CompletableFuture<Thread> ranOn = new CompletableFuture<>();
    executor.execute(() -> ranOn.complete(Thread.currentThread()));
    Thread thread = ranOn.get(5, TimeUnit.SECONDS);
    assertThat((boolean) Thread.class.getMethod("isVirtual").invoke(thread)).isTrue();
  }

  @Test
  void aRequest_getsItsAnswer_blockingAndAsynchronously() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = "answer".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      HttpClient client = RetryAfterClient.builder().build();
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"))
              .build();

      assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).body())
          .isEqualTo("answer");
      assertThat(
              client
                  .sendAsync(request, HttpResponse.BodyHandlers.ofString())
                  .get(5, TimeUnit.SECONDS)
                  .body())
          .isEqualTo("answer");
    } finally {
      server.stop(0);
    }
  }
}
