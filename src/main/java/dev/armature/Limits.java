package dev.armature;

import java.util.Map;
import java.util.regex.Pattern;

/** The checks on what callers send: conversation ids, the user's text, attributes. */
final class Limits {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}");
  private static final Pattern ATTRIBUTE = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");
  static final int DEFAULT_MAX_TEXT_BYTES = 32 * 1024;
  static final int MAX_ATTRIBUTES = 32;
  static final int MAX_ATTRIBUTE_CHARS = 1024;

  private Limits() {}

  static void check(
      String conversationId, String text, Map<String, String> attributes, int maxTextBytes) {
    if (conversationId == null || !ID.matcher(conversationId).matches()) {
      throw new InvalidInputException(
          "conversation id '"
              + conversationId
              + "' must be 1 to 128 letters, digits or . _ : @ -, starting with a letter or digit");
    }
    if (text == null || text.isBlank()) {
      throw new InvalidInputException(
          "conversation '" + conversationId + "': the user's text is empty");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new InvalidInputException(
            "conversation '"
                + conversationId
                + "': the user's text has an unpaired "
                + "surrogate at index "
                + i
                + "; it is not valid Unicode");
      }
    }
    int bytes = utf8Length(text);
    if (bytes > maxTextBytes) {
      throw new InvalidInputException(
          "conversation '"
              + conversationId
              + "': the user's text is "
              + bytes
              + " bytes; the limit is "
              + maxTextBytes);
    }
    if (attributes.size() > MAX_ATTRIBUTES) {
      throw new InvalidInputException(
          "conversation '"
              + conversationId
              + "': "
              + attributes.size()
              + " attributes; the limit is "
              + MAX_ATTRIBUTES);
    }
    attributes.forEach(
        (name, value) -> {
          if (name == null || !ATTRIBUTE.matcher(name).matches()) {
            throw new InvalidInputException(
                "attribute name '"
                    + name
                    + "' must be 1 to 64 lower-case letters, digits or . _ -, starting with a letter");
          }
          if (value == null
              || value.length() > MAX_ATTRIBUTE_CHARS
              || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(
                "attribute '"
                    + name
                    + "' must have a value of at most "
                    + MAX_ATTRIBUTE_CHARS
                    + " characters without control characters");
          }
        });
  }

  static int utf8Length(String text) {
    int bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
