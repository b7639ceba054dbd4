package dev.armature.server;

import dev.armature.Trace;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server tells its operator: one line per event, naming the conversation and the rule set,
 * never a stack trace of a client's doing, never a secret (messages are the scrubbed ones clients
 * get). Turn failures log under {@code dev.armature.server}; the optional access log under {@code
 * dev.armature.access}.
 */
final class ServerLog {
  private static final Logger LOG = LoggerFactory.getLogger("dev.armature.server");
  private static final Logger ACCESS = LoggerFactory.getLogger("dev.armature.access");

  private ServerLog() {}

  /**
   * A failed turn: a broken rule is an error the rule set's author must fix; a model that failed, a
   * rejected reply or a lost race is a warning; refused input is the client's business.
   */
  static void turnFailed(String ruleSet, String conversation, ApiError error) {
    String line = "turn failed: conversation '{}', rule set '{}': {} {} {}: {}";
    Object[] args = {
      conversation, ruleSet, error.status(), error.type(), error.code(), error.getMessage()
    };
    if (error.code().equals("rule_error") || error.status() == 500) {
      LOG.error(line, args);
    } else if (error.status() >= 500 || error.status() == 429 || error.status() == 409) {
      LOG.warn(line, args);
    } else {
      LOG.debug(line, args);
    }
  }

  /** A turn that succeeded although model calls failed: retried, or answered by a fallback rule. */
  static void modelTrouble(Trace trace) {
    int failed = 0;
    Trace.ModelCall last = null;
    for (Trace.ModelCall call : trace.calls()) {
      if (!call.outcome().equals("ok")) {
        failed++;
        last = call;
      }
    }
    if (last == null) {
      return;
    }
    LOG.warn(
        "model trouble: conversation '{}', rule set '{}': {} of {} model calls failed, last on route"
            + " '{}' ({}: {}); the turn's outcome is {}",
        trace.conversation(),
        trace.ruleSet(),
        failed,
        trace.calls().size(),
        last.route(),
        last.outcome(),
        last.message(),
        trace.outcome());
  }

  /** A client whose request body stopped before its end. */
  static void clientGone(Request request, String what, long bytes) {
    LOG.info(
        "request {} {} from {}: the client {} after {} bytes of its body",
        request.getMethod(),
        Edge.printable(request.getHttpURI().getPath()),
        Request.getRemoteAddr(request),
        what,
        bytes);
  }

  /** One access log line: who, what (the path without its query), the status and the time. */
  static void access(Request request, Response response) {
    ACCESS.info(
        "{} \"{} {}\" {} {} ms",
        Request.getRemoteAddr(request),
        request.getMethod(),
        Edge.printable(request.getHttpURI().getPath()),
        response.getStatus(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - request.getBeginNanoTime()));
  }
}
