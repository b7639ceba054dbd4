package dev.armature.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers itself, before a request reaches a route (a bad {@code %} escape, a
 * negative length, a URI or headers too large, an unknown HTTP version), in the API's JSON shape
 * instead of Jetty's HTML page. Messages are ours: Jetty's reasons and exceptions stay inside.
 */
final class JsonErrors extends ErrorHandler {
  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    ApiError error = of(code);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Http.JSON);
    response.write(
        true, ByteBuffer.wrap(Json.error(error).getBytes(StandardCharsets.UTF_8)), callback);
  }

  /** Jetty also asks whether a method gets an error body: every method does here. */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  static ApiError of(int status) {
    switch (status) {
      case 400:
        return invalid(
            400,
            "bad_request",
            "the request is not valid HTTP: a malformed URI or % escape, header or length");
      case 404:
        return invalid(404, "not_found", "no such endpoint");
      case 405:
        return invalid(405, "method_not_allowed", "this endpoint does not take that method");
      case 408:
        return invalid(408, "request_timeout", "the request did not arrive in time");
      case 413:
        return invalid(413, "request_too_large", "the request is too large");
      case 414:
        return invalid(414, "uri_too_long", "the request URI is too long");
      case 415:
        return invalid(415, "unsupported_media_type", "the request body must be JSON");
      case 431:
        return invalid(431, "headers_too_large", "the request headers are too large");
      case 505:
        return new ApiError(
            505,
            ApiError.INVALID_REQUEST,
            "http_version_not_supported",
            null,
            "this server speaks HTTP/1.0 and HTTP/1.1");
      default:
        return status >= 500
            ? new ApiError(
                status,
                ApiError.SERVER,
                "internal_error",
                null,
                "internal error; the server log has the details")
            : invalid(status, "http_" + status, "the request was refused (HTTP " + status + ")");
    }
  }

  private static ApiError invalid(int status, String code, String message) {
    return new ApiError(status, ApiError.INVALID_REQUEST, code, null, message);
  }
}
