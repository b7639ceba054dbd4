package dev.armature;

import java.util.List;

/**
 * How the reply of a turn came about: a rule's response, or the model's attempts and their review.
 *
 * @param reply the reply as the user gets it
 * @param storedReply the reply as traced and stored, with redacted signals removed
 */
record Generation(
    String reply,
    String storedReply,
    String outcome,
    Trace.Request request,
    List<Trace.Attempt> attempts,
    List<Trace.ModelCall> calls,
    List<Trace.FiredRule> reviewFired,
    List<Trace.Decided> reviewDecisions,
    long modelNanos,
    long reviewNanos) {

  static final String RESPONDED = "responded";
  static final String GENERATED = "generated";
  static final String REPLACED = "replaced-by-review";
  static final String RETRIED = "retried-after-review";
  static final String FALLBACK = "fallback";

  /** A tool-phase rule's {@code Confirm}: the reply is its question, the call waits for a yes. */
  static final String CONFIRM = "confirming";

  /** The turn paused: the caller runs the calls of its client tools, then sends it again. */
  static final String CLIENT = "client-tools";

  static Generation responded(String text, String stored) {
    return new Generation(
        text, stored, RESPONDED, null, List.of(), List.of(), List.of(), List.of(), 0, 0);
  }
}
