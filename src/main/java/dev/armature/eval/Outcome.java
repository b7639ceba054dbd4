package dev.armature.eval;

import java.util.List;
import java.util.Set;

/**
 * What one labelled message got.
 *
 * @param constructs the constructs applied, in request order
 * @param signals the signals detected, each as {@code name score [evidence]}
 * @param seen the labels whose constructs or signals it got
 * @param right whether it got every label's construct and no topic construct of another label
 * @param noTopic whether it needed a topic construct and got none
 */
record Outcome(
    Labelled example,
    List<String> constructs,
    List<String> signals,
    Set<String> seen,
    boolean right,
    boolean noTopic) {

  /** Labels it has but did not get. */
  List<String> missed() {
    return example.labels().stream().filter(l -> !seen.contains(l)).toList();
  }

  /** Labels it got but does not have. */
  List<String> falseAlarms() {
    return seen.stream().filter(l -> !example.labels().contains(l)).sorted().toList();
  }
}
