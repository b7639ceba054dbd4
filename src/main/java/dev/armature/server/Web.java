package dev.armature.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The web page: three static files from the jar, no build step, served with a strict content
 * policy.
 */
final class Web {
  private final byte[] html = resource("index.html");
  private final byte[] script = resource("app.js");
  private final byte[] style = resource("style.css");

  void page(Context ctx) {
    send(ctx, "text/html; charset=utf-8", html);
  }

  void script(Context ctx) {
    send(ctx, "text/javascript; charset=utf-8", script);
  }

  void style(Context ctx) {
    send(ctx, "text/css; charset=utf-8", style);
  }

  private static void send(Context ctx, String type, byte[] bytes) {
    ctx.header(
        "Content-Security-Policy",
        "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Cache-Control", "no-cache");
    ctx.contentType(type).result(bytes);
  }

  private static byte[] resource(String name) {
    try (InputStream in = Web.class.getResourceAsStream("web/" + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "resource dev/armature/server/web/" + name + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
