package dev.armature.server;

import dev.armature.Cancellation;
import io.javalin.http.Context;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.AbstractEndPoint;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * Cancels a turn when its client closes the connection while the turn runs. Jetty does not read a
 * connection while its request is being handled, so it would notice the close only when the answer
 * is written, after the model call was paid for: this watch asks to be told when the connection
 * becomes readable, which a client that waits for its answer never makes it, and cancels the turn
 * when the read finds the end of the stream. HTTP/1.1 only; a client that sends its next request
 * before this answer (pipelining, which browsers and the usual clients do not do) gets this answer
 * and then the connection closed.
 */
final class DisconnectWatch implements Callback, AutoCloseable {
  /**
   * Marks the watch's own interest when it is withdrawn, once per turn: without a stack trace,
   * which nothing reads and which was nearly all that closing the watch cost.
   */
  private static final class Withdrawn extends IOException {
    private static final long serialVersionUID = 1L;

    Withdrawn() {
      super("disconnect watch withdrawn", null);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  private final Cancellation cancellation;
  private final EndPoint endPoint;
  private final Context ctx;
  private boolean done;

  private DisconnectWatch(Cancellation cancellation, EndPoint endPoint, Context ctx) {
    this.cancellation = cancellation;
    this.endPoint = endPoint;
    this.ctx = ctx;
  }

  /**
   * Starts watching the connection of this request, whose body has been read whole; a watch that
   * cannot watch (another protocol, the connection already read) does nothing.
   */
  static DisconnectWatch start(Context ctx, Cancellation cancellation) {
    EndPoint endPoint = null;
    try {
      ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
      if (request.getConnectionMetaData().getHttpVersion() == HttpVersion.HTTP_1_1
          || request.getConnectionMetaData().getHttpVersion() == HttpVersion.HTTP_1_0) {
        endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
      }
    } catch (IllegalStateException e) {
      endPoint = null;
    }
    DisconnectWatch watch = new DisconnectWatch(cancellation, endPoint, ctx);
    if (endPoint != null && !endPoint.tryFillInterested(watch)) {
      watch.done = true;
    }
    return watch;
  }

  /** The connection is readable: the end of the stream means the client is gone. */
  @Override
  public void succeeded() {
    synchronized (this) {
      if (done) {
        return;
      }
      done = true;
    }
    try {
      // Jetty buffers are empty when their limit is 0: BufferUtil makes one with room for a byte.
      int read = endPoint.fill(BufferUtil.allocate(1));
      if (read < 0) {
        cancellation.cancel();
      } else if (read > 0) {
        // A pipelined request: its first byte is gone, so the connection ends with this answer.
        ctx.header("Connection", "close");
      } else {
        rearm();
      }
    } catch (IOException e) {
      cancellation.cancel();
    }
  }

  private void rearm() {
    synchronized (this) {
      done = false;
    }
    if (!endPoint.tryFillInterested(this)) {
      synchronized (this) {
        done = true;
      }
    }
  }

  @Override
  public void failed(Throwable failure) {
    synchronized (this) {
      if (done) {
        return;
      }
      done = true;
    }
    if (failure instanceof java.util.concurrent.TimeoutException) {
      // The connection's idle timeout: the client is still there, waiting for a slow model.
      rearm();
    } else if (!(failure instanceof Withdrawn)) {
      cancellation.cancel();
    }
  }

  @Override
  public Invocable.InvocationType getInvocationType() {
    return Invocable.InvocationType.NON_BLOCKING;
  }

  /**
   * Withdraws the interest before the answer is written, so that the connection reads the next
   * request as usual.
   */
  @Override
  public void close() {
    boolean pending;
    synchronized (this) {
      pending = !done;
      done = true;
    }
    if (pending && endPoint instanceof AbstractEndPoint) {
      ((AbstractEndPoint) endPoint).getFillInterest().onFail(new Withdrawn());
    }
  }
}
