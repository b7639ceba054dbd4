package dev.armature;

import dev.armature.model.DryRunModel;
import dev.armature.model.LangChain4jModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Calls a model under the turn's {@link ModelPolicy}: within the deadline, retrying what is
 * retriable with backoff (longer when the provider says {@code Retry-After}), never retrying a
 * refusal or a stream the user has started to see, and failing fast while a route's circuit is
 * open. Every try is recorded for the trace.
 */
final class ModelCaller {
  private final ModelPolicy policy;
  private final Sleeper sleeper;
  private final LongSupplier ticker;
  private final ExecutorService executor;
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

  /** One timer thread for every deadline of calls made on the turn's own thread. */
  private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

  private static ScheduledThreadPoolExecutor deadlines() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "armature-model-deadline");
              t.setDaemon(true);
              return t;
            });
    // Nearly every call ends long before its deadline: drop its timer at once, not at expiry.
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  ModelCaller(ModelPolicy policy, Sleeper sleeper, LongSupplier ticker, ExecutorService executor) {
    this.policy = policy;
    this.sleeper = sleeper;
    this.ticker = ticker;
    this.executor = executor;
  }

  /** The logger, looked up on first failure: a start and a healthy model log nothing. */
  private static org.slf4j.Logger log() {
    return Log.LOGGER;
  }

  private static final class Log {
    static final org.slf4j.Logger LOGGER = org.slf4j.LoggerFactory.getLogger(ModelCaller.class);
  }

  /** When the turn's model time runs out, on the ticker's scale. */
  long deadlineFrom(long now) {
    return now + policy.deadline().toNanos();
  }

  ModelReply call(
      String route,
      Model model,
      ModelRequest request,
      Consumer<String> stream,
      long deadline,
      int attempt,
      List<Trace.ModelCall> calls) {
    String name = route == null ? "default" : route;
    CircuitBreaker breaker =
        breakers.computeIfAbsent(
            name,
            k ->
                new CircuitBreaker(
                    policy.breakerThreshold(), policy.breakerCooldown().toNanos(), ticker));
    AtomicBoolean streamed = new AtomicBoolean();
    Consumer<String> sink =
        stream == null
            ? null
            : token -> {
              streamed.set(true);
              stream.accept(token);
            };
    long waited = 0;
    for (int tryNumber = 1; ; tryNumber++) {
      if (!breaker.allow()) {
        ModelException open =
            new ModelException(
                ModelException.Kind.CIRCUIT_OPEN,
                "model route '"
                    + name
                    + "' is failing: its circuit is open after "
                    + policy.breakerThreshold()
                    + " failures in a row",
                null);
        calls.add(
            new Trace.ModelCall(
                attempt, tryNumber, name, open.kind().label(), open.getMessage(), waited));
        throw open;
      }
      Cancellation cancellation = Cancellation.current();
      try {
        ModelReply reply = cancellable(cancellation, () -> once(model, request, sink, deadline));
        if (breaker.success()) {
          log().info("model route '{}': circuit closed, a trial call succeeded", name);
        }
        calls.add(new Trace.ModelCall(attempt, tryNumber, name, "ok", null, waited));
        return reply;
      } catch (ModelException raw) {
        if (cancellation != null && cancellation.cancelled()) {
          // The caller went away: the model did not fail, and nothing retries for no one.
          calls.add(new Trace.ModelCall(attempt, tryNumber, name, "cancelled", null, waited));
          throw Cancellation.cancelledException(null);
        }
        ModelException e = scrubbed(raw);
        if (breaker.failure()) {
          log()
              .warn(
                  "model route '{}': circuit opened after {} failures in a row, the last {}: {};"
                      + " calls fail fast for {} s",
                  name,
                  policy.breakerThreshold(),
                  e.kind().label(),
                  e.getMessage(),
                  policy.breakerCooldown().toSeconds());
        }
        calls.add(
            new Trace.ModelCall(
                attempt, tryNumber, name, e.kind().label(), e.getMessage(), waited));
        long wait = backoff(tryNumber, e);
        if (!e.retriable()
            || tryNumber > policy.maxRetries()
            || streamed.get()
            || ticker.getAsLong() + wait >= deadline) {
          throw e;
        }
        waited = wait / 1_000_000;
        log()
            .info(
                "model route '{}': try {} failed ({}: {}), retrying in {} ms",
                name,
                tryNumber,
                e.kind().label(),
                e.getMessage(),
                waited);
        cancellable(
            cancellation,
            () -> {
              pause(wait);
              return null;
            });
      }
    }
  }

  /**
   * The failure with a message fit for the trace, the fallback rules, logs and clients: any model
   * may put a provider's raw answer (credentials it echoes, Java type names) in its message.
   */
  private static ModelException scrubbed(ModelException e) {
    String message = dev.armature.model.Redaction.text(e.getMessage());
    if (java.util.Objects.equals(message, e.getMessage())) {
      return e;
    }
    return new ModelException(e.kind(), message, e.retryAfter(), null);
  }

  /**
   * Runs a wait for the model during which a cancellation interrupts this thread; a cancelled turn
   * does not start one.
   */
  private static <T> T cancellable(Cancellation cancellation, java.util.function.Supplier<T> wait) {
    if (cancellation == null) {
      return wait.get();
    }
    cancellation.modelCallStarts();
    try {
      return wait.get();
    } finally {
      cancellation.modelCallEnds();
    }
  }

  private long backoff(int tryNumber, ModelException e) {
    long wait = policy.backoff().toNanos() << (tryNumber - 1);
    Duration retryAfter = e.retryAfter();
    return retryAfter == null ? wait : Math.max(wait, retryAfter.toNanos());
  }

  private void pause(long nanos) {
    try {
      sleeper.sleep(Duration.ofNanos(nanos));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelException(
          ModelException.Kind.TIMEOUT, "interrupted while waiting to retry the model", e);
    }
  }

  private ModelReply once(Model model, ModelRequest request, Consumer<String> sink, long deadline) {
    // In-process answers that cannot hang: no thread, no timer.
    if (model instanceof DryRunModel || model instanceof StatelessTurns.Recorded) {
      return sink == null ? model.generate(request) : model.stream(request, sink);
    }
    long remaining = deadline - ticker.getAsLong();
    if (remaining <= 0) {
      throw timeout();
    }
    if (model instanceof LangChain4jModel) {
      return onThisThread(model, request, sink, remaining);
    }
    Future<ModelReply> future =
        executor.submit(() -> sink == null ? model.generate(request) : model.stream(request, sink));
    try {
      ModelReply reply = future.get(remaining, TimeUnit.NANOSECONDS);
      if (reply == null) {
        throw new ModelException(
            ModelException.Kind.INVALID_RESPONSE, "the model returned no reply", null);
      }
      return reply;
    } catch (TimeoutException e) {
      future.cancel(true);
      throw timeout();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new ModelException(
          ModelException.Kind.TIMEOUT, "interrupted while waiting for the model", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ModelException) {
        throw (ModelException) cause;
      }
      if (cause instanceof ArmatureException) {
        throw (ArmatureException) cause;
      }
      throw new ModelException(
          ModelException.Kind.UNAVAILABLE,
          "the model failed: "
              + dev.armature.model.Redaction.text(String.valueOf(cause.getMessage())),
          cause);
    }
  }

  /**
   * Calls a model that stops when its thread is interrupted, on the turn's own thread, and
   * interrupts it if the deadline passes first. Handing the call to another thread and waiting for
   * it would cost two thread wake-ups per call, which on a server with few cores show in the tail
   * latency; a model of unknown behaviour still gets its own thread, so that the turn can give up
   * on it even when it ignores interrupts.
   */
  private ModelReply onThisThread(
      Model model, ModelRequest request, Consumer<String> sink, long remaining) {
    Interrupter watch = new Interrupter(Thread.currentThread());
    ScheduledFuture<?> timer = DEADLINES.schedule(watch::fire, remaining, TimeUnit.NANOSECONDS);
    try {
      ModelReply reply = sink == null ? model.generate(request) : model.stream(request, sink);
      if (reply == null) {
        throw new ModelException(
            ModelException.Kind.INVALID_RESPONSE, "the model returned no reply", null);
      }
      return reply;
    } catch (ArmatureException e) {
      throw watch.fired() ? timeout() : e;
    } catch (RuntimeException e) {
      if (watch.fired()) {
        throw timeout();
      }
      throw new ModelException(
          ModelException.Kind.UNAVAILABLE,
          "the model failed: " + dev.armature.model.Redaction.text(String.valueOf(e.getMessage())),
          e);
    } finally {
      timer.cancel(false);
      watch.disarm();
    }
  }

  /** Interrupts a thread at its deadline, unless the call it waits for has ended. */
  private static final class Interrupter {
    private final Thread thread;
    private boolean ended;
    private boolean fired;

    Interrupter(Thread thread) {
      this.thread = thread;
    }

    synchronized void fire() {
      if (!ended) {
        fired = true;
        thread.interrupt();
      }
    }

    synchronized boolean fired() {
      return fired;
    }

    /**
     * Called by the interrupted thread itself when the call ends: no interrupt comes after this,
     * and one that came is cleared, so the thread goes on (serving other requests) as it was.
     */
    synchronized void disarm() {
      ended = true;
      if (fired) {
        Thread.interrupted();
      }
    }
  }

  private ModelException timeout() {
    return new ModelException(
        ModelException.Kind.TIMEOUT,
        "no reply within the turn's model deadline of " + policy.deadline().toMillis() + " ms",
        null);
  }
}
