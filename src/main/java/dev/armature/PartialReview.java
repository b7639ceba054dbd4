package dev.armature;

import dev.armature.facts.Reject;
import dev.armature.facts.Reply;
import dev.armature.facts.Respond;
import dev.armature.ruleset.Phase;
import dev.armature.ruleset.RuleSession;
import dev.armature.ruleset.RuleSet;
import java.util.List;

/**
 * The review rules asked about a reply still being streamed: its text so far, as a first attempt's
 * {@code Reply} whose {@code finishReason} is {@code "partial"}, in a session of its own with no
 * other fact. A rule that judges the text alone (a phrase, a number) answers as it will on the
 * whole reply; a rule that needs the turn's other facts does not fire, so the stream goes on. The
 * verdict only stops the held-back stream: it is not traced, and the review of the complete reply
 * is the one that counts.
 */
final class PartialReview {
  /** The finish reason of a reply still being written. */
  static final String PARTIAL = "partial";

  private PartialReview() {}

  /**
   * Whether the review rules would reject or replace {@code text}. A rule that fails on it stops
   * the stream too: the review of the whole reply reports the failure.
   */
  static boolean objects(RuleSet ruleSet, String text) {
    List<String> redacted = ruleSet.signals().redaction(text).signals();
    try (RuleSession session = ruleSet.openSession()) {
      return session
          .fire(Phase.REVIEW, List.of(new Reply(text, PARTIAL, 0, 0, 1, redacted)))
          .decisions()
          .stream()
          .anyMatch(d -> d.decision() instanceof Reject || d.decision() instanceof Respond);
    } catch (RuleException e) {
      return true;
    }
  }
}
