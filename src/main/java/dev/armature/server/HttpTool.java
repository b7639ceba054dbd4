package dev.armature.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.armature.Tool;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A tool served by an HTTP endpoint ({@link ToolEndpoint}). The orchestrator runs it within the
 * declared timeout and interrupts it past that, or when its turn is cancelled: the request is then
 * cancelled too, so the endpoint's connection is closed rather than left waiting.
 */
final class HttpTool implements Tool {
  /** The largest answer read; a longer one fails the call. */
  static final int MAX_ANSWER_BYTES = 1024 * 1024;

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  // HTTP/1.1: some servers reject the h2c upgrade the client would try first. Redirects are not
  // followed, so headers never go to a host the operator did not name.
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(CONNECT_TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private final ToolEndpoint endpoint;
  private final List<String> secrets = new ArrayList<>();

  HttpTool(ToolEndpoint endpoint) {
    this.endpoint = endpoint;
    endpoint.headers().values().stream()
        .filter(v -> v.length() >= 4)
        .forEach(
            v -> {
              secrets.add(v);
              // "Bearer <token>": the token alone is as secret as the whole value.
              int space = v.indexOf(' ');
              if (space > 0 && v.length() - space > 4) {
                secrets.add(v.substring(space + 1).strip());
              }
            });
  }

  @Override
  public Map<String, Object> call(Map<String, Object> arguments) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint.url())
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    Json.MAPPER.writeValueAsString(arguments), StandardCharsets.UTF_8))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json");
    endpoint.headers().forEach(request::header);
    CompletableFuture<HttpResponse<byte[]>> sent =
        CLIENT.sendAsync(request.build(), info -> new CappedBody(MAX_ANSWER_BYTES));
    HttpResponse<byte[]> response;
    try {
      response = sent.get();
    } catch (InterruptedException e) {
      // Past the timeout or a cancelled turn: the request is cancelled, its connection closed.
      sent.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      throw new IOException(reason(e.getCause()));
    }
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw new IOException("its endpoint answered HTTP " + status);
    }
    return result(response.body());
  }

  private Map<String, Object> result(byte[] body) throws IOException {
    JsonNode answer;
    try {
      answer = Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      answer = null;
    }
    if (answer == null || answer.isMissingNode()) {
      throw new IOException("its endpoint's answer is not JSON");
    }
    if (!answer.isObject()) {
      throw new IOException("its endpoint's answer is JSON but not an object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = Json.MAPPER.convertValue(answer, Map.class);
    return redacted(map);
  }

  /** The failure in words fit for the model, a trace and a log: no body, header or Java type. */
  private static String reason(Throwable failure) {
    Throwable cause = failure;
    // The client may wrap the cause it was given (in an IOException, a CompletionException).
    while (cause.getCause() != null
        && !(cause instanceof CappedBody.TooLarge)
        && !(cause instanceof ConnectException)
        && !(cause instanceof HttpConnectTimeoutException)) {
      cause = cause.getCause();
    }
    if (cause instanceof CappedBody.TooLarge) {
      return "its endpoint's answer is larger than " + MAX_ANSWER_BYTES / 1024 + " KiB";
    }
    if (cause instanceof HttpConnectTimeoutException) {
      return "its endpoint did not accept a connection within "
          + CONNECT_TIMEOUT.toSeconds()
          + " s";
    }
    if (cause instanceof ConnectException) {
      return "its endpoint could not be reached (connection refused)";
    }
    return "its endpoint could not be reached or closed the connection";
  }

  /** The result with every header value it echoes replaced, at any depth. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> redacted(Map<String, Object> map) {
    if (secrets.isEmpty()) {
      return map;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(redacted(k), redactedValue(v)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private Object redactedValue(Object value) {
    if (value instanceof String) {
      return redacted((String) value);
    }
    if (value instanceof Map) {
      return redacted((Map<String, Object>) value);
    }
    if (value instanceof List) {
      return ((List<Object>) value).stream().map(this::redactedValue).toList();
    }
    return value;
  }

  private String redacted(String text) {
    String s = text;
    for (String secret : secrets) {
      s = s.replace(secret, "[redacted]");
    }
    return s;
  }
}
