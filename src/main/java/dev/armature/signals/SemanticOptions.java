package dev.armature.signals;

/** Checks the options that only some kinds of signal take: groups and counter-examples. */
final class SemanticOptions {
  private SemanticOptions() {}

  /**
   * @throws IllegalArgumentException naming the option and what it needs
   */
  static void check(SignalSpec spec) {
    if (!spec.counterExamples().isEmpty() && spec.examples().isEmpty()) {
      throw new IllegalArgumentException("counter_examples need examples to veto");
    }
    if (spec.group() != null) {
      if (spec.group().isBlank()) {
        throw new IllegalArgumentException("group must name a group but is empty");
      }
      if (spec.phrases().isEmpty() && spec.examples().isEmpty()) {
        throw new IllegalArgumentException(
            "group '" + spec.group() + "' is for signals with phrases or examples");
      }
    }
  }
}
