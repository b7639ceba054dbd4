package dev.armature.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;

/** The endpoints, the token check in front of them, and errors in the OpenAI shape. */
record Routes(
    ChatCompletions completions, NativeApi api, Web web, Metrics metrics, BearerAuth auth) {
  private static final System.Logger LOG = System.getLogger(Routes.class.getName());

  static void register(RoutesConfig routes, Routes r) {
    routes.before(r::authorize);
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
          LOG.log(
              System.Logger.Level.ERROR,
              "request " + ctx.method() + " " + ctx.path() + " failed",
              e);
          Http.error(
              ctx,
              new ApiError(
                  500,
                  ApiError.SERVER,
                  "internal_error",
                  null,
                  "internal error ("
                      + e.getClass().getSimpleName()
                      + "); the server log has the details"));
        });
  }

  /** The page, its files and the health check are open; the API and the metrics need the token. */
  private void authorize(Context ctx) {
    if (auth != null && (ctx.path().startsWith("/v1/") || ctx.path().equals("/metrics"))) {
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
