package dev.armature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The SHA-256 of a request's canonical JSON: messages, parameters and route, in a fixed field
 * order, written by hand so that computing it per turn reflects on nothing.
 */
final class RequestDigest {
  private RequestDigest() {}

  static String sha256(List<Message> messages, ModelParameters p, String route) {
    StringBuilder json = new StringBuilder(256);
    json.append("{\"messages\":[");
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      json.append(i == 0 ? "" : ",").append("{\"role\":\"").append(m.role().name()).append("\",\"text\":");
      string(json, m.text()).append('}');
    }
    json.append("],\"parameters\":{\"temperature\":").append(p.temperature())
        .append(",\"topP\":").append(p.topP())
        .append(",\"maxTokens\":").append(p.maxTokens())
        .append(",\"seed\":").append(p.seed())
        .append(",\"responseFormat\":");
    string(json, p.responseFormat()).append(",\"stop\":");
    if (p.stop() == null) {
      json.append("null");
    } else {
      json.append('[');
      for (int i = 0; i < p.stop().size(); i++) {
        string(json.append(i == 0 ? "" : ","), p.stop().get(i));
      }
      json.append(']');
    }
    json.append("},\"route\":");
    string(json, route).append('}');
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static StringBuilder string(StringBuilder out, String s) {
    if (s == null) {
      return out.append("null");
    }
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        default:
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    return out.append('"');
  }
}
