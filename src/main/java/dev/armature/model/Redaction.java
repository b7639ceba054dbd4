package dev.armature.model;

import java.util.regex.Pattern;

/**
 * Makes a failure message fit to leave the process: in a trace, a log line or an HTTP answer. A
 * provider's error body may echo the request's credentials ({@code Authorization: Bearer sk-...})
 * and a library's message may name its Java types ({@code ChatCompletionResponse$Builder}); both
 * are replaced, white space is folded to one line, and the result is at most 300 characters.
 */
public final class Redaction {
  static final String REDACTED = "[redacted]";
  static final int MAX_CHARS = 300;

  private static final Pattern SCHEME =
      Pattern.compile("(?i)\\b(bearer|basic|token)\\s+[A-Za-z0-9._~+/=:-]{4,}");
  private static final Pattern NAMED =
      Pattern.compile(
          "(?i)\\b(authorization|proxy-authorization|x-api-key|api[-_]?key|access[-_]?token"
              + "|secret|password|passwd|pwd)(\"?\\s*[:=]\\s*\"?)(?:(?:bearer|basic|token)\\s+)?"
              + "(?!\\[redacted])[^\\s\"',;&}]+");
  private static final Pattern KEY = Pattern.compile("\\b(sk|pk|rk)-[A-Za-z0-9_-]{6,}");
  private static final Pattern OPAQUE = Pattern.compile("\\b[A-Za-z0-9_-]{40,}\\b");
  private static final Pattern FRAME = Pattern.compile("\\bat [\\w$./]+\\([^)]*\\)");
  private static final Pattern QUALIFIED =
      Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.){2,}[A-Z][\\w$]*");
  private static final Pattern NESTED = Pattern.compile("\\b[A-Z][A-Za-z0-9]*(?:\\$[A-Za-z0-9]+)+");

  private Redaction() {}

  /**
   * The message without credentials, header echoes or Java type names, on one line; {@code null}
   * stays {@code null}.
   */
  public static String text(String message) {
    if (message == null) {
      return null;
    }
    String s = message.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    s = NAMED.matcher(s).replaceAll("$1$2" + REDACTED);
    s = SCHEME.matcher(s).replaceAll("$1 " + REDACTED);
    s = KEY.matcher(s).replaceAll(REDACTED);
    s = OPAQUE.matcher(s).replaceAll(REDACTED);
    s = FRAME.matcher(s).replaceAll("");
    s = QUALIFIED.matcher(s).replaceAll("[internal]");
    s = NESTED.matcher(s).replaceAll("[internal]");
    s = s.replaceAll(" {2,}", " ").strip();
    return s.length() <= MAX_CHARS ? s : s.substring(0, MAX_CHARS - 3) + "...";
  }

  /** The message with every occurrence of a known secret replaced, then {@link #text}. */
  static String text(String message, String secret) {
    if (message == null) {
      return null;
    }
    String s = secret == null || secret.length() < 4 ? message : message.replace(secret, REDACTED);
    return text(s);
  }
}
