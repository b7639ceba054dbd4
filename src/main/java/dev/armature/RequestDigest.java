package dev.armature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The SHA-256 of a request: every message (role and text), every parameter and the route, each
 * written as a length-prefixed field in a fixed order, so two requests have the same digest exactly
 * when they are the same request. Computed per turn without reflection or escaping.
 */
final class RequestDigest {
  private RequestDigest() {}

  static String sha256(List<Message> messages, ModelParameters p, String route) {
    return sha256(messages, p, route, List.of());
  }

  /**
   * The digest with the offered tools and tool messages; a request without either has the digest it
   * had before tools existed, so recordings made then still match.
   */
  static String sha256(
      List<Message> messages, ModelParameters p, String route, List<ToolSpec> tools) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    field(sha, "armature-request-1");
    field(sha, Integer.toString(messages.size()));
    for (Message m : messages) {
      field(sha, m.role().name());
      field(sha, m.text());
      if (!m.toolCalls().isEmpty() || m.toolCallId() != null) {
        field(sha, m.toolCallId());
        for (ToolRequest call : m.toolCalls()) {
          field(sha, call.id());
          field(sha, call.name());
          field(sha, call.arguments());
        }
      }
    }
    field(sha, p.temperature() == null ? null : p.temperature().toString());
    field(sha, p.topP() == null ? null : p.topP().toString());
    field(sha, p.maxTokens() == null ? null : p.maxTokens().toString());
    field(sha, p.seed() == null ? null : p.seed().toString());
    field(sha, p.responseFormat());
    field(sha, p.stop() == null ? null : String.join("\u0000", p.stop()));
    field(sha, route);
    for (ToolSpec tool : tools) {
      field(sha, tool.name());
      field(sha, tool.description());
      field(sha, tool.parameters());
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void field(MessageDigest sha, String value) {
    if (value == null) {
      sha.update((byte) 0);
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    sha.update((byte) 1);
    int n = bytes.length;
    sha.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    sha.update(bytes);
  }
}
