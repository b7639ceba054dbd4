package dev.armature;

import dev.armature.ruleset.ToolDeclaration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Runs the application's tool implementations, each call on a thread of its own so that a call past
 * its declared timeout is given up on (and interrupted) while the turn goes on.
 */
final class ToolRunner {
  private final Map<String, Tool> tools;
  private final ExecutorService executor;
  private final LongSupplier ticker;

  ToolRunner(Map<String, Tool> tools, ExecutorService executor, LongSupplier ticker) {
    this.tools = Map.copyOf(tools);
    this.executor = executor;
    this.ticker = ticker;
  }

  /**
   * How a call went: its result, or the kind of failure ({@code error}, {@code timeout}) and what
   * went wrong in words.
   */
  record Ran(Map<String, Object> result, String kind, String failure, long nanos) {}

  /** Whether the application implements the tool {@code name}. */
  boolean implemented(String name) {
    return tools.containsKey(name);
  }

  Ran run(String name, ToolDeclaration declaration, Map<String, Object> arguments) {
    Tool tool = tools.get(name);
    if (tool == null) {
      return new Ran(
          null, "error", "tool '" + name + "' has no implementation in this application", 0);
    }
    long started = ticker.getAsLong();
    Cancellation cancellation = Cancellation.current();
    if (cancellation != null) {
      // While it waits for the tool, a cancelled turn interrupts this thread, and so the tool.
      cancellation.modelCallStarts();
    }
    Future<Map<String, Object>> future = executor.submit(() -> tool.call(arguments));
    try {
      Map<String, Object> result =
          future.get(declaration.timeout().toNanos(), TimeUnit.NANOSECONDS);
      long nanos = ticker.getAsLong() - started;
      if (result == null) {
        return new Ran(null, "error", "tool '" + name + "' returned no result", nanos);
      }
      return new Ran(asJson(result), null, null, nanos);
    } catch (TimeoutException e) {
      future.cancel(true);
      return new Ran(
          null,
          "timeout",
          "tool '"
              + name
              + "' gave no result within its timeout of "
              + declaration.timeout().toMillis()
              + " ms",
          ticker.getAsLong() - started);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw Cancellation.cancelledException(null);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof TimeoutException) {
        // The tool enforced a deadline of its own (or a replay feeds back a recorded timeout).
        return new Ran(
            null,
            "timeout",
            "tool '"
                + name
                + "' gave no result within its timeout of "
                + declaration.timeout().toMillis()
                + " ms",
            ticker.getAsLong() - started);
      }
      String message = cause.getMessage() == null ? "it failed" : cause.getMessage();
      return new Ran(
          null,
          "error",
          "tool '" + name + "' failed: " + dev.armature.model.Redaction.text(message),
          ticker.getAsLong() - started);
    } catch (IllegalArgumentException e) {
      return new Ran(
          null,
          "error",
          "tool '" + name + "' returned a result that is not JSON",
          ticker.getAsLong() - started);
    } finally {
      if (cancellation != null) {
        cancellation.modelCallEnds();
      }
    }
  }

  /** The result as plain JSON values, so rules, traces and recordings read the same thing. */
  private static Map<String, Object> asJson(Map<String, Object> result) {
    return Json.object(Json.write(result));
  }
}
