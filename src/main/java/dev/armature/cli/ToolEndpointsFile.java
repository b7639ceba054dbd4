package dev.armature.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.armature.server.ToolEndpoint;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file of {@code serve --tool-endpoints}: per tool its URL and the headers sent with each call.
 * A header's value is read from an environment variable or a file, never written on the command
 * line, so that it stays out of shell histories and process lists:
 *
 * <pre>
 * tools:
 *   lookup_order:
 *     url: http://127.0.0.1:9000/orders/lookup
 *     headers:
 *       Authorization: { env: SHOP_TOKEN, prefix: "Bearer " }
 *       X-Api-Key: { file: secrets/shop-key }     # relative to this file's folder
 *       X-Tenant: { value: eu-1 }                 # not a secret: written here
 * </pre>
 */
final class ToolEndpointsFile {
  private static final Set<String> TOOL_FIELDS = Set.of("url", "headers");
  private static final Set<String> HEADER_FIELDS = Set.of("env", "file", "value", "prefix");

  private final Path file;
  private final String text;
  private final Map<String, String> env;

  private ToolEndpointsFile(Path file, String text, Map<String, String> env) {
    this.file = file;
    this.text = text;
    this.env = env;
  }

  /**
   * The endpoints the file declares.
   *
   * @param env the environment that {@code env:} values are read from
   * @throws IllegalArgumentException naming the file, the line and the field of the first problem
   */
  static List<ToolEndpoint> read(Path file, Map<String, String> env) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the tool endpoints file '" + file + "': " + e.getMessage());
    }
    return new ToolEndpointsFile(file, text, env).endpoints();
  }

  private List<ToolEndpoint> endpoints() {
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(text);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new IllegalArgumentException(file + ":" + line + ": not valid YAML");
    }
    if (root == null || !root.isObject() || !root.path("tools").isObject()) {
      throw problem("tools", "expected a mapping 'tools:' of tool names to endpoints");
    }
    fieldsIn(root, Set.of("tools"), "");
    List<ToolEndpoint> endpoints = new ArrayList<>();
    for (Map.Entry<String, JsonNode> tool : root.get("tools").properties()) {
      endpoints.add(endpoint(tool.getKey(), tool.getValue()));
    }
    return endpoints;
  }

  private ToolEndpoint endpoint(String tool, JsonNode node) {
    String at = "tools." + tool;
    if (!node.isObject()) {
      throw problem(tool, "field '" + at + "': expected a mapping with url and headers");
    }
    fieldsIn(node, TOOL_FIELDS, at + ".");
    JsonNode url = node.path("url");
    if (!url.isTextual()) {
      throw problem(tool, "field '" + at + ".url' is missing or not text");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    JsonNode given = node.path("headers");
    if (!given.isMissingNode()) {
      if (!given.isObject()) {
        throw problem(tool, "field '" + at + ".headers': expected a mapping of header names");
      }
      for (Map.Entry<String, JsonNode> header : given.properties()) {
        headers.put(header.getKey(), value(at + ".headers." + header.getKey(), header));
      }
    }
    try {
      return new ToolEndpoint(tool, URI.create(url.asText()), headers);
    } catch (IllegalArgumentException e) {
      throw problem(tool, "field '" + at + "': " + e.getMessage());
    }
  }

  /** A header's value: from {@code env}, {@code file} or {@code value}, after its prefix. */
  private String value(String at, Map.Entry<String, JsonNode> header) {
    JsonNode node = header.getValue();
    String key = header.getKey();
    if (!node.isObject()) {
      throw problem(
          key,
          "field '"
              + at
              + "': expected { env: VARIABLE }, { file: PATH } or { value: TEXT }, so that a"
              + " secret is not written here");
    }
    fieldsIn(node, HEADER_FIELDS, at + ".");
    int sources =
        (node.has("env") ? 1 : 0) + (node.has("file") ? 1 : 0) + (node.has("value") ? 1 : 0);
    if (sources != 1) {
      throw problem(key, "field '" + at + "': give exactly one of env, file and value");
    }
    String prefix = node.path("prefix").asText("");
    if (node.has("env")) {
      String variable = node.get("env").asText();
      String value = env.get(variable);
      if (value == null || value.isBlank()) {
        throw problem(
            key, "field '" + at + ".env': the environment variable '" + variable + "' is not set");
      }
      return prefix + value.strip();
    }
    if (node.has("file")) {
      Path secret = file.toAbsolutePath().getParent().resolve(node.get("file").asText());
      try {
        String value = Files.readString(secret, StandardCharsets.UTF_8).strip();
        if (value.isEmpty()) {
          throw problem(key, "field '" + at + ".file': the file '" + secret + "' is empty");
        }
        return prefix + value;
      } catch (IOException e) {
        throw problem(key, "field '" + at + ".file': cannot read '" + secret + "'");
      }
    }
    return prefix + node.get("value").asText();
  }

  private void fieldsIn(JsonNode node, Set<String> known, String at) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        throw problem(
            name,
            "unknown field '" + at + name + "'; expected one of " + new java.util.TreeSet<>(known));
      }
    }
  }

  /** A problem at the first line that holds {@code key} as a key (0 when none does). */
  private IllegalArgumentException problem(String key, String message) {
    Matcher m =
        Pattern.compile("^[ \\t]*[\"']?" + Pattern.quote(key) + "[\"']?[ \\t]*:", Pattern.MULTILINE)
            .matcher(text);
    int line =
        m.find()
            ? (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1
            : 0;
    return new IllegalArgumentException(file + ":" + line + ": " + message);
  }
}
