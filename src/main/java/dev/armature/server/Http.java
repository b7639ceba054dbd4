package dev.armature.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reading bodies under a size limit and writing JSON answers. */
final class Http {
  static final String JSON = "application/json; charset=utf-8";

  private Http() {}

  /**
   * The request body, read up to {@code max} bytes.
   *
   * @throws ApiError 413 when the body is larger, before it is read whole when its length is
   *     declared
   */
  static byte[] body(Context ctx, int max) {
    long declared = ctx.req().getContentLengthLong();
    try (InputStream in = ctx.req().getInputStream()) {
      if (declared > max) {
        drain(in, ctx);
        throw tooLarge(declared + " bytes", max);
      }
      // A declared length is read into one array of that size; a chunked body up to one byte past
      // the limit, which tells that it is over.
      byte[] body = in.readNBytes(declared >= 0 ? (int) declared : max + 1);
      if (body.length > max) {
        drain(in, ctx);
        throw tooLarge("more than " + max + " bytes", max);
      }
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the request body", e);
    }
  }

  /** The most of a refused body read and thrown away so that the 413 reaches the client. */
  private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

  /**
   * Reads and discards the rest of a refused body, up to {@link #DRAIN_LIMIT}: a server that
   * answers while the client is still sending, then closes, resets the connection and the client
   * never sees the answer. The connection is closed after the answer either way.
   */
  private static void drain(InputStream in, Context ctx) throws IOException {
    ctx.header("Connection", "close");
    byte[] buffer = new byte[64 * 1024];
    long read = 0;
    int n;
    while (read < DRAIN_LIMIT && (n = in.read(buffer)) >= 0) {
      read += n;
    }
  }

  private static ApiError tooLarge(String size, int max) {
    return new ApiError(
        413,
        ApiError.INVALID_REQUEST,
        "request_too_large",
        null,
        "the request body is " + size + "; the limit is " + max + " bytes");
  }

  static void json(Context ctx, int status, String json) {
    json(ctx, status, json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Answers with a JSON body, written to the response's stream. (A result handed to Javalin is
   * copied to it through a new 8 KiB buffer, a fifth of what serve allocated per request.)
   */
  static void json(Context ctx, int status, byte[] json) {
    ctx.status(status).contentType(JSON);
    try {
      ctx.outputStream().write(json);
    } catch (IOException e) {
      // The client went away: there is no one left to answer, and the turn stands.
    }
  }

  static void error(Context ctx, ApiError e) {
    if (e.status() == 401) {
      ctx.header("WWW-Authenticate", "Bearer");
    }
    json(ctx, e.status(), Json.error(e));
  }
}
