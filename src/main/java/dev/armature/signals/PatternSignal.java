package dev.armature.signals;

import dev.armature.facts.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A signal found by a regular expression, which may capture variables and redact its matches. */
final class PatternSignal {
  final String name;
  private final Pattern pattern;
  private final Map<String, String> capture;
  final boolean redact;
  private final double weight;
  private final String[] requires;
  private final boolean luhn;

  PatternSignal(String name, SignalSpec spec) {
    this.name = name;
    this.pattern = Pattern.compile(spec.pattern(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    this.capture = spec.capture();
    this.redact = Boolean.TRUE.equals(spec.redact());
    this.luhn = Boolean.TRUE.equals(spec.luhn());
    this.weight = spec.weight() == null ? 1.0 : spec.weight();
    this.requires = spec.requires().stream().map(Fold::fold).toArray(String[]::new);
    for (String required : requires) {
      if (required.isEmpty()) {
        throw new IllegalArgumentException("requires lists an empty word");
      }
    }
    if (!(weight > 0.0 && weight <= 1.0)) {
      throw new IllegalArgumentException("weight must be in (0, 1] but was " + weight);
    }
    for (String group : capture.keySet()) {
      if (!spec.pattern().contains("(?<" + group + ">")) {
        throw new IllegalArgumentException(
            "capture names group '"
                + group
                + "' but the pattern has no group (?<"
                + group
                + ">...)");
      }
    }
  }

  /** The replacement for a redacted match, in the text every later stage sees. */
  String placeholder() {
    return "[" + name + " removed]";
  }

  /** Whether the pattern lists words it requires. */
  boolean filtered() {
    return requires.length > 0;
  }

  /** Whether the folded message holds a word the pattern requires (always, when it lists none). */
  boolean worthRunning(String folded) {
    if (requires.length == 0) {
      return true;
    }
    for (String required : requires) {
      if (folded.contains(required)) {
        return true;
      }
    }
    return false;
  }

  /** Finds the matches; returns null when there are none. */
  Signal find(String text, Map<String, String> captures, Map<String, String> captureSignals) {
    Matcher m = pattern.matcher(text);
    List<String> evidence = new ArrayList<>();
    boolean first = true;
    while (m.find()) {
      if (luhn && !luhnValid(m.group())) {
        continue;
      }
      evidence.add(redact ? mask(m.group()) : m.group());
      if (first) {
        for (Map.Entry<String, String> e : capture.entrySet()) {
          String value = m.group(e.getKey());
          if (value != null) {
            captures.put(e.getValue(), redact ? mask(value) : value);
            captureSignals.put(e.getValue(), name);
          }
        }
        first = false;
      }
    }
    return evidence.isEmpty() ? null : new Signal(name, weight, evidence);
  }

  String redact(String text) {
    if (luhn) {
      return pattern
          .matcher(text)
          .replaceAll(
              m -> Matcher.quoteReplacement(luhnValid(m.group()) ? placeholder() : m.group()));
    }
    return pattern.matcher(text).replaceAll(Matcher.quoteReplacement(placeholder()));
  }

  /**
   * Whether the digits of a match pass the Luhn check every payment card number passes: an order
   * number or a phone number almost never does by chance (one in ten).
   */
  static boolean luhnValid(String match) {
    int sum = 0;
    int digits = 0;
    for (int i = match.length() - 1; i >= 0; i--) {
      char c = match.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      int d = c - '0';
      if (digits % 2 == 1) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
      digits++;
    }
    return digits > 0 && sum % 10 == 0;
  }

  /** Keeps the last four letters or digits, as receipts do; masks every other one. */
  static String mask(String value) {
    int keep = 4;
    char[] out = value.toCharArray();
    for (int i = out.length - 1; i >= 0; i--) {
      if (Character.isLetterOrDigit(out[i])) {
        if (keep > 0) {
          keep--;
        } else {
          out[i] = '*';
        }
      }
    }
    return new String(out);
  }
}
