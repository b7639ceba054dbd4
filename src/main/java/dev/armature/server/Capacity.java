package dev.armature.server;

import io.javalin.http.Context;
import java.util.concurrent.Semaphore;

/**
 * The most turns the server runs at once ({@code serve --max-in-flight}). A turn over the limit is
 * refused at once with 503 and {@code Retry-After}, rather than queued behind turns that may each
 * wait seconds for the model.
 */
final class Capacity {
  static final int DEFAULT_MAX_IN_FLIGHT = 4096;

  private final int max;
  private final Semaphore permits;

  Capacity(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxInFlight must be >= 1 but was " + max);
    }
    this.max = max;
    this.permits = new Semaphore(max);
  }

  /**
   * Takes a place for a turn; the caller must {@link #leave()} after it.
   *
   * @throws ApiError 503 {@code server_busy} when every place is taken
   */
  void enter(Context ctx) {
    if (!permits.tryAcquire()) {
      ctx.header("Retry-After", "1");
      throw new ApiError(
          503,
          ApiError.SERVER,
          "server_busy",
          null,
          "the server is running its limit of "
              + max
              + " turns at once (serve --max-in-flight); retry after 1 s");
    }
  }

  void leave() {
    permits.release();
  }

  /** Turns running now. */
  int inFlight() {
    return max - permits.availablePermits();
  }

  int max() {
    return max;
  }
}
