package dev.armature.server;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reading bodies under a size limit and writing JSON answers. */
final class Http {
  static final String JSON = "application/json; charset=utf-8";

  private Http() {}

  /**
   * The request body, read up to {@code max} bytes.
   *
   * @throws ApiError 413 when the body is larger, before it is read whole when its length is declared
   */
  static byte[] body(Context ctx, int max) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > max) {
      throw tooLarge(declared + " bytes", max);
    }
    try (InputStream in = ctx.req().getInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (out.size() + n > max) {
          throw tooLarge("more than " + max + " bytes", max);
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the request body", e);
    }
  }

  private static ApiError tooLarge(String size, int max) {
    return new ApiError(413, ApiError.INVALID_REQUEST, "request_too_large", null,
        "the request body is " + size + "; the limit is " + max + " bytes");
  }

  static void json(Context ctx, int status, String json) {
    ctx.status(status).contentType(JSON).result(json);
  }

  static void error(Context ctx, ApiError e) {
    if (e.status() == 401) {
      ctx.header("WWW-Authenticate", "Bearer");
    }
    json(ctx, e.status(), Json.error(e));
  }
}
