package dev.armature.server;

import dev.armature.Model;
import dev.armature.ModelReply;
import dev.armature.ModelRequest;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model whose calls wait at a gate until the test opens it; it counts calls, and calls aborted
 * (interrupted) while they waited.
 */
final class GateModel implements Model {
  final CountDownLatch gate = new CountDownLatch(1);
  final Semaphore started = new Semaphore(0);
  final CountDownLatch aborted = new CountDownLatch(1);
  final AtomicInteger calls = new AtomicInteger();

  @Override
  public ModelReply generate(ModelRequest request) {
    calls.incrementAndGet();
    started.release();
    try {
      gate.await();
      return ModelReply.of("answered after the gate");
    } catch (InterruptedException e) {
      aborted.countDown();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the call was aborted");
    }
  }
}
