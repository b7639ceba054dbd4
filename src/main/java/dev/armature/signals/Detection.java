package dev.armature.signals;

import dev.armature.facts.Signal;
import java.util.List;
import java.util.Map;

/**
 * What the detector found in one message.
 *
 * @param text the message with every redacting signal's matches replaced
 * @param signals the signals found, sorted by name
 * @param captures conversation variables set by pattern captures, in signal order
 * @param captureSignals for each captured variable, the signal that captured it
 */
public record Detection(
    String text,
    List<Signal> signals,
    Map<String, String> captures,
    Map<String, String> captureSignals) {
  public Detection {
    signals = List.copyOf(signals);
    captures = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(captures));
    captureSignals =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(captureSignals));
  }
}
