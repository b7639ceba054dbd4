package dev.armature.facts;

import java.time.Instant;
import java.util.Objects;

/**
 * The turn being decided: its number in the conversation (the first turn is 1), the user's text
 * after redaction of sensitive signals, the channel it came from, and when it started.
 */
public record Turn(int number, String text, String channel, Instant time) {
  public Turn {
    if (number < 1) {
      throw new IllegalArgumentException("turn number must be >= 1 but was " + number);
    }
    Facts.text(text, "text");
    Facts.text(channel, "channel");
    Objects.requireNonNull(time, "time == null");
  }

  /** The length of the text in characters. */
  public int length() {
    return text.length();
  }
}
