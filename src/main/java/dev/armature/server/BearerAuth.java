package dev.armature.server;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The optional bearer token on the API and the metrics. Tokens are compared as SHA-256 digests in
 * constant time, so neither their content nor their length leaks through timing; the token is never
 * logged or echoed.
 */
final class BearerAuth {
  private final byte[] expected;

  BearerAuth(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("the bearer token is empty");
    }
    this.expected = sha256(token.strip());
  }

  /**
   * @throws ApiError 401 when the request does not carry the token
   */
  void check(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw unauthorized("this server needs 'Authorization: Bearer <token>'");
    }
    if (!MessageDigest.isEqual(expected, sha256(header.substring(7).strip()))) {
      throw unauthorized("the bearer token is not the one this server was given");
    }
  }

  private static ApiError unauthorized(String message) {
    return new ApiError(401, ApiError.INVALID_REQUEST, "invalid_api_key", null, message);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
