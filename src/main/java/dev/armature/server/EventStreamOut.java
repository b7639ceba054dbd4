package dev.armature.server;

import dev.armature.Cancellation;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The body of a server-sent event stream, opened when the first event goes out: a client that went
 * away, found when the body opens or an event is written, cancels the turn, so that unless it has
 * committed, nothing is kept; later events are dropped.
 */
final class EventStreamOut {
  private final Context ctx;
  private final Cancellation cancellation;
  private OutputStream out;
  private boolean gone;

  EventStreamOut(Context ctx, Cancellation cancellation) {
    this.ctx = ctx;
    this.cancellation = cancellation;
  }

  /** Whether the stream's status and headers have been sent. */
  boolean opened() {
    return out != null;
  }

  /**
   * Sends the status and headers of the stream.
   *
   * @return false when it was open already
   */
  boolean open() {
    if (out != null) {
      return false;
    }
    ctx.status(200);
    ctx.res().setContentType("text/event-stream; charset=utf-8");
    ctx.res().setHeader("Cache-Control", "no-cache");
    ctx.res().setHeader("X-Accel-Buffering", "no");
    try {
      out = ctx.res().getOutputStream();
    } catch (IOException e) {
      gone();
      out = OutputStream.nullOutputStream();
    }
    return true;
  }

  /** Writes and flushes one event, as written out (its {@code data:} lines and blank line). */
  void write(String event) {
    if (gone) {
      return;
    }
    try {
      out.write(event.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      gone();
    }
  }

  private void gone() {
    gone = true;
    cancellation.cancel();
  }
}
