package dev.armature;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a customer's message says yes to the question a {@code Confirm} asked: a short message
 * that is a yes and nothing else ("yes", "Yes, please.", "ok go ahead"). Anything longer, or with a
 * no or a question in it, is not a yes, so a parked call runs only on a plain agreement.
 */
final class Affirmation {
  private static final Pattern YES =
      Pattern.compile(
          "(?:(?:yes|yeah|yep|yup|sure|ok|okay|confirm(?:ed)?|correct|right|please|do it|go ahead"
              + "|go for it|proceed|that's right|that is right|absolutely|definitely|please do"
              + "|sounds good|oui|ja|sí|si)[\\s,.!]*)+");

  private Affirmation() {}

  static boolean is(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.isEmpty() || t.length() > 60 || t.contains("?")) {
      return false;
    }
    return YES.matcher(t).matches();
  }
}
