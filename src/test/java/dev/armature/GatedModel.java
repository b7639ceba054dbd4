package dev.armature;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model whose calls all wait at a gate until the test opens it, counting the calls waiting at
 * once and the calls that were interrupted while they waited.
 */
final class GatedModel implements Model {
  final CountDownLatch gate = new CountDownLatch(1);
  final AtomicInteger waiting = new AtomicInteger();
  final AtomicInteger peak = new AtomicInteger();
  final AtomicInteger aborted = new AtomicInteger();
  final AtomicInteger calls = new AtomicInteger();

  /** Opens when a call is aborted: the model's thread may record it after the turn has thrown. */
  final CountDownLatch abortedOnce = new CountDownLatch(1);

  private final CountDownLatch arrived;

  /**
   * @param expected calls after which {@link #arrived} opens
   */
  GatedModel(int expected) {
    this.arrived = new CountDownLatch(expected);
  }

  /** Opens when the expected number of calls are waiting at once. */
  CountDownLatch arrived() {
    return arrived;
  }

  @Override
  public ModelReply generate(ModelRequest request) {
    calls.incrementAndGet();
    peak.accumulateAndGet(waiting.incrementAndGet(), Math::max);
    arrived.countDown();
    try {
      gate.await();
      return ModelReply.of("answered after the gate");
    } catch (InterruptedException e) {
      aborted.incrementAndGet();
      abortedOnce.countDown();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the call was aborted");
    } finally {
      waiting.decrementAndGet();
    }
  }
}
