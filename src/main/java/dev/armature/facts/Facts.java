package dev.armature.facts;

import java.util.Objects;

/** Checks shared by the fact and decision records. */
final class Facts {
  private Facts() {}

  static String name(String value, String what) {
    Objects.requireNonNull(value, what + " == null");
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " is blank");
    }
    return value;
  }

  static String text(String value, String what) {
    return Objects.requireNonNull(value, what + " == null");
  }

  /**
   * A value that must not be null, named after what it belongs to; the message is built only on
   * failure.
   */
  static String valueOf(String value, String kind, String name) {
    if (value == null) {
      throw new NullPointerException("value of " + kind + " '" + name + "' == null");
    }
    return value;
  }

  static int notNegative(int value, String what) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " must be >= 0 but was " + value);
    }
    return value;
  }
}
