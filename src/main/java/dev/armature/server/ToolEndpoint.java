package dev.armature.server;

import dev.armature.Tool;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * An HTTP endpoint that implements a tool the rule set declares: each call the rules let run is a
 * {@code POST} of the arguments as a JSON object, and a 2xx answer that is a JSON object (at most 1
 * MiB) is the result. Anything else fails the call ({@code ToolFailed}, kind {@code error}) with a
 * short message that names the status or the reason, never the answer's body or the headers.
 *
 * @param tool the declared tool's name
 * @param url an {@code http} or {@code https} URL
 * @param headers headers sent with every call, such as an {@code Authorization}; their values are
 *     secrets: they are never logged or traced, {@link #toString()} names only the headers, and a
 *     result that echoes one has it replaced by {@code [redacted]}
 */
public record ToolEndpoint(String tool, URI url, Map<String, String> headers) {
  /** Headers the HTTP client sets itself, which an endpoint may not override. */
  private static final Set<String> RESTRICTED =
      Set.of(
          "connection",
          "content-length",
          "content-type",
          "expect",
          "host",
          "upgrade",
          "transfer-encoding",
          "te",
          "trailer");

  public ToolEndpoint {
    Objects.requireNonNull(tool, "tool == null");
    Objects.requireNonNull(url, "url == null");
    Objects.requireNonNull(headers, "headers == null");
    if (tool.isBlank()) {
      throw new IllegalArgumentException("the tool name of an endpoint is empty");
    }
    if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
        || url.getHost() == null) {
      throw new IllegalArgumentException(
          "the endpoint of tool '"
              + tool
              + "' is not an http:// or https:// URL with a host: '"
              + withoutSecrets(url)
              + "'");
    }
    Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach(
        (name, value) -> {
          if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
            throw new IllegalArgumentException(
                "header '" + name + "' of tool '" + tool + "' is not a valid header name");
          }
          if (RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException(
                "header '" + name + "' of tool '" + tool + "' is set by Armature itself");
          }
          if (value == null
              || value.isEmpty()
              || value.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
            throw new IllegalArgumentException(
                "header '"
                    + name
                    + "' of tool '"
                    + tool
                    + "' is empty or has a line break or control character in its value");
          }
          copy.put(name, value);
        });
    headers = java.util.Collections.unmodifiableMap(copy);
  }

  /** An endpoint with no headers. */
  public static ToolEndpoint of(String tool, String url) {
    try {
      return new ToolEndpoint(tool, URI.create(url), Map.of());
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("the endpoint")) {
        throw e;
      }
      throw new IllegalArgumentException(
          "the endpoint of tool '" + tool + "' is not a URL: '" + url + "'");
    }
  }

  /** The tool that calls this endpoint. */
  public Tool asTool() {
    return new HttpTool(this);
  }

  /** The URL without user information or query, which may hold credentials. */
  static String withoutSecrets(URI url) {
    return (url.getScheme() == null ? "" : url.getScheme() + "://")
        + (url.getHost() == null ? "" : url.getHost())
        + (url.getPort() < 0 ? "" : ":" + url.getPort())
        + (url.getRawPath() == null ? "" : url.getRawPath());
  }

  /** Names the tool, the URL without credentials and the headers' names, never their values. */
  @Override
  public String toString() {
    return tool
        + " at "
        + withoutSecrets(url)
        + (headers.isEmpty() ? "" : " with headers " + String.join(", ", headers.keySet()));
  }
}
