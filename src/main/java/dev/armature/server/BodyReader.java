package dev.armature.server;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Reads a request body as it arrives, without a thread waiting for it, then hands the request with
 * its whole body to the next handler. A body over the limit is refused with 413 as soon as that is
 * known; a body that arrives slower than the minimum rate is cut with 408; a client that goes away
 * mid-body costs one log line.
 */
final class BodyReader implements Runnable {
  /** The largest body, and the slowest a body may arrive (bytes per second; 0 for no minimum). */
  record Limits(int maxBytes, long minBytesPerSecond) {}

  /** How long a body may take before its rate is judged: a short pause is not a slow client. */
  private static final long GRACE_NANOS = 1_000_000_000L;

  /** The most of a refused body read and thrown away, so that the client sees the 413. */
  private static final long DRAIN_LIMIT = 8L * 1024 * 1024;

  private final Handler next;
  private final Request request;
  private final Response response;
  private final Callback callback;
  private final Limits limits;
  private long started;
  private byte[] body = new byte[0];
  private int size;

  BodyReader(Handler next, Request request, Response response, Callback callback, Limits limits) {
    this.next = next;
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.limits = limits;
  }

  void start() {
    started = System.nanoTime();
    run();
  }

  /** Reads what has arrived; asks to be called again when more does. */
  @Override
  public void run() {
    while (true) {
      Content.Chunk chunk = request.read();
      if (chunk == null) {
        request.demand(this);
        return;
      }
      if (Content.Chunk.isFailure(chunk)) {
        broken(chunk.getFailure());
        return;
      }
      boolean last = chunk.isLast();
      int n = chunk.remaining();
      if ((long) size + n > limits.maxBytes()) {
        chunk.release();
        Edge.write(response, Callback.from(this::drain, callback::failed), tooLarge(null));
        return;
      }
      append(chunk.getByteBuffer());
      chunk.release();
      if (last) {
        dispatch();
        return;
      }
      if (tooSlow()) {
        long rate = rate();
        ServerLog.clientGone(request, "sent its body at " + rate + " bytes/s", size);
        Edge.write(
            response,
            callback,
            new ApiError(
                408,
                ApiError.INVALID_REQUEST,
                "request_timeout",
                null,
                "the request body arrived at "
                    + rate
                    + " bytes/s; the minimum is "
                    + limits.minBytesPerSecond()
                    + " bytes/s"));
        return;
      }
    }
  }

  private void append(ByteBuffer buffer) {
    int n = buffer.remaining();
    if (size + n > body.length) {
      body = Arrays.copyOf(body, Math.max(size + n, Math.min(limits.maxBytes(), body.length * 2)));
    }
    buffer.get(body, size, n);
    size += n;
  }

  private boolean tooSlow() {
    long elapsed = System.nanoTime() - started;
    return limits.minBytesPerSecond() > 0
        && elapsed > GRACE_NANOS
        && rate() < limits.minBytesPerSecond();
  }

  private long rate() {
    long elapsed = Math.max(1, System.nanoTime() - started);
    return (long) (size * 1e9 / elapsed);
  }

  /** The body stopped: the client closed the connection or sent nothing for the idle timeout. */
  private void broken(Throwable failure) {
    boolean timeout = failure instanceof TimeoutException;
    ServerLog.clientGone(
        request, timeout ? "sent nothing within the idle timeout" : "went away", size);
    if (timeout) {
      Edge.write(
          response,
          callback,
          new ApiError(
              408,
              ApiError.INVALID_REQUEST,
              "request_timeout",
              null,
              "the request body stopped arriving"));
    } else {
      callback.failed(new QuietClosed());
    }
  }

  private void dispatch() {
    Request whole = new WholeBody(request, ByteBuffer.wrap(body, 0, size));
    try {
      if (!next.handle(whole, response, callback)) {
        Response.writeError(whole, response, callback, 404);
      }
    } catch (Throwable e) {
      callback.failed(e);
    }
  }

  /**
   * Answers 413 at once to a declared length over the limit, then reads and drops the body the
   * client is still sending (up to a bound) so that it sees the answer rather than a reset.
   */
  static void refuseDeclared(
      Request request, Response response, Callback callback, long declared, Limits limits) {
    BodyReader reader = new BodyReader(null, request, response, callback, limits);
    Edge.write(
        response,
        Callback.from(reader::drain, callback::failed),
        reader.tooLarge(declared + " bytes"));
  }

  private ApiError tooLarge(String size) {
    return new ApiError(
        413,
        ApiError.INVALID_REQUEST,
        "request_too_large",
        null,
        "the request body is "
            + (size == null ? "more than " + limits.maxBytes() + " bytes" : size)
            + "; the limit is "
            + limits.maxBytes()
            + " bytes");
  }

  private long drained;

  private void drain() {
    while (true) {
      Content.Chunk chunk = request.read();
      if (chunk == null) {
        request.demand(this::drain);
        return;
      }
      drained += chunk.remaining();
      chunk.release();
      if (chunk.isLast() || drained > DRAIN_LIMIT) {
        callback.succeeded();
        return;
      }
    }
  }

  /** The request with its body already read. */
  private static final class WholeBody extends Request.Wrapper {
    private Content.Chunk chunk;

    WholeBody(Request request, ByteBuffer body) {
      super(request);
      this.chunk = Content.Chunk.from(body, true);
    }

    @Override
    public Content.Chunk read() {
      Content.Chunk next = chunk;
      chunk = Content.Chunk.EOF;
      return next;
    }

    @Override
    public void demand(Runnable demandCallback) {
      demandCallback.run();
    }
  }

  /** A client that went away: already logged in one line, nothing for Jetty to log. */
  private static final class QuietClosed extends Exception
      implements org.eclipse.jetty.io.QuietException {
    private static final long serialVersionUID = 1L;

    QuietClosed() {
      super("the client went away mid-body", null, false, false);
    }
  }
}
