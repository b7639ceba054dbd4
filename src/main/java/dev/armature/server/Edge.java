package dev.armature.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * What every request passes before it reaches a route, in front of Javalin: the {@code Host} and
 * {@code Origin} checks, CORS preflight, the JSON content type of requests that change state, and
 * the body, read without holding a thread (a slow client costs a connection and the bytes it sent,
 * never a thread) and refused at once when its declared length is over the limit.
 */
final class Edge extends Handler.Wrapper {
  /** The headers a cross-origin page the operator allows may send. */
  static final String ALLOWED_HEADERS =
      "Authorization, Content-Type, X-Armature-Conversation, Idempotency-Key";

  private final CrossSite crossSite;
  private final BodyReader.Limits limits;

  Edge(CrossSite crossSite, BodyReader.Limits limits) {
    this.crossSite = crossSite;
    this.limits = limits;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String host = request.getHeaders().get(HttpHeader.HOST);
    String origin = request.getHeaders().get(HttpHeader.ORIGIN);
    if (!crossSite.hostAllowed(host)) {
      return refuse(
          response,
          callback,
          new ApiError(
              403,
              ApiError.INVALID_REQUEST,
              "host_not_allowed",
              null,
              "this server does not serve the host '"
                  + printable(host)
                  + "'; an operator allows it with --allow-host"));
    }
    if (!crossSite.originAllowed(origin, host)) {
      return refuse(
          response,
          callback,
          new ApiError(
              403,
              ApiError.INVALID_REQUEST,
              "origin_not_allowed",
              null,
              "requests from the web origin '"
                  + printable(origin)
                  + "' are refused; an operator allows it with --allow-origin"));
    }
    if (origin != null && crossSite.allowed(origin)) {
      response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
      response.getHeaders().add(HttpHeader.VARY, "Origin");
      response.getHeaders().put("Access-Control-Expose-Headers", "X-Armature-Conversation");
    }
    if (request.getMethod().equals("OPTIONS")) {
      return preflight(response, callback, origin);
    }
    if (changesState(request.getMethod())
        && !json(request.getHeaders().get(HttpHeader.CONTENT_TYPE))) {
      return refuse(
          response,
          callback,
          new ApiError(
              415,
              ApiError.INVALID_REQUEST,
              "unsupported_media_type",
              null,
              "the request body must be JSON sent as 'Content-Type: application/json' (was '"
                  + printable(request.getHeaders().get(HttpHeader.CONTENT_TYPE))
                  + "')"));
    }
    if (!hasBody(request)) {
      return super.handle(request, response, callback);
    }
    long declared = request.getLength();
    if (declared > limits.maxBytes()) {
      BodyReader.refuseDeclared(request, response, callback, declared, limits);
      return true;
    }
    new BodyReader(getHandler(), request, response, callback, limits).start();
    return true;
  }

  /** Answers a preflight: the methods and headers an allowed origin may use. */
  private static boolean preflight(Response response, Callback callback, String origin) {
    response.setStatus(204);
    response.getHeaders().put(HttpHeader.ALLOW, "GET, POST, OPTIONS");
    if (origin != null) {
      response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST");
      response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
      response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "600");
    }
    response.write(true, null, callback);
    return true;
  }

  private static boolean changesState(String method) {
    return !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
  }

  /**
   * Whether a {@code Content-Type} names JSON: {@code application/json} or a {@code +json} type.
   */
  static boolean json(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String mime =
        (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
            .strip()
            .toLowerCase(Locale.ROOT);
    return mime.equals("application/json")
        || mime.startsWith("application/") && mime.endsWith("+json");
  }

  private static boolean hasBody(Request request) {
    if (request.getLength() > 0) {
      return true;
    }
    HttpField encoding = request.getHeaders().getField(HttpHeader.TRANSFER_ENCODING);
    return encoding != null && encoding.contains(HttpHeaderValue.CHUNKED.asString());
  }

  /** Answers with an error in the API's JSON shape and closes the connection. */
  static boolean refuse(Response response, Callback callback, ApiError error) {
    write(response, callback, error);
    return true;
  }

  static void write(Response response, Callback callback, ApiError error) {
    response.setStatus(error.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Http.JSON);
    response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    response.write(
        true, ByteBuffer.wrap(Json.error(error).getBytes(StandardCharsets.UTF_8)), callback);
  }

  /** A header value fit to quote in a message: printable ASCII, at most 100 characters. */
  static String printable(String value) {
    if (value == null) {
      return "";
    }
    String clean = value.replaceAll("[^\\x20-\\x7E]", "?");
    return clean.length() <= 100 ? clean : clean.substring(0, 100) + "...";
  }
}
