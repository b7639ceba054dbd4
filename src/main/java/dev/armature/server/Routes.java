package dev.armature.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;

/** The endpoints, the token check in front of them, and errors in the OpenAI shape. */
record Routes(
    ChatCompletions completions,
    Responses responses,
    NativeApi api,
    Web web,
    Metrics metrics,
    BearerAuth auth) {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Routes.class);

  /**
   * The endpoints anyone may call; every other matched endpoint needs the token when one is set.
   */
  static final java.util.Set<String> OPEN =
      java.util.Set.of("/", "/app.js", "/style.css", "/healthz");

  static void register(RoutesConfig routes, Routes r) {
    routes.beforeMatched(r::authorize);
    routes.get("/", r.web()::page);
    routes.get("/app.js", r.web()::script);
    routes.get("/style.css", r.web()::style);
    routes.get("/healthz", r.api()::health);
    routes.get(
        "/metrics",
        ctx ->
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(r.metrics().scrape()));
    routes.post("/v1/chat/completions", r.completions()::handle);
    routes.post("/v1/responses", r.responses()::handle);
    routes.get("/v1/models", r.api()::models);
    routes.get("/v1/models/{id}", r.api()::model);
    routes.get("/v1/rulesets", r.api()::ruleSets);
    routes.post("/v1/conversations/{id}/turns", r.api()::turn);
    routes.get("/v1/conversations/{id}", r.api()::conversation);
    routes.exception(ApiError.class, (e, ctx) -> Http.error(ctx, e));
    routes.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          String allowed = e.getDetails().get("availableMethods");
          if (e.getStatus() == 405 && allowed != null) {
            ctx.header("Allow", allowed);
          }
          Http.error(ctx, fromJavalin(e));
        });
    routes.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("request {} {} failed", ctx.method(), Edge.printable(ctx.path()), e);
          Http.error(
              ctx,
              new ApiError(
                  500,
                  ApiError.SERVER,
                  "internal_error",
                  null,
                  "internal error; the server log has the details"));
        });
  }

  /**
   * The page, its files and the health check are open; every other endpoint needs the token. The
   * decision is on the endpoint the request matched, never on the raw path: {@code /metrics/},
   * {@code /v1/../metrics} or {@code /%6detrics} reach the metrics' endpoint and need the token as
   * it does.
   */
  private void authorize(Context ctx) {
    if (auth == null) {
      return;
    }
    io.javalin.router.Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
    if (endpoint == null || !OPEN.contains(endpoint.path)) {
      auth.check(ctx);
    }
  }

  private static ApiError fromJavalin(HttpResponseException e) {
    String code;
    switch (e.getStatus()) {
      case 404:
        code = "not_found";
        break;
      case 405:
        code = "method_not_allowed";
        break;
      case 413:
        code = "request_too_large";
        break;
      default:
        code = "http_" + e.getStatus();
    }
    return new ApiError(
        e.getStatus(),
        e.getStatus() >= 500 ? ApiError.SERVER : ApiError.INVALID_REQUEST,
        code,
        null,
        e.getMessage());
  }
}
