package dev.armature;

import java.util.Map;

/** The checks on what callers send: conversation ids, the user's text, attributes. */
final class Limits {
  static final int DEFAULT_MAX_TEXT_BYTES = 32 * 1024;
  static final int MAX_ATTRIBUTES = 32;
  static final int MAX_ATTRIBUTE_CHARS = 1024;

  private Limits() {}

  static void check(
      String conversationId, String text, Map<String, String> attributes, int maxTextBytes) {
    // Checked on every turn, so by hand rather than with a regular expression.
    if (conversationId == null || !validId(conversationId)) {
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
          if (name == null || !validAttributeName(name)) {
            throw new InvalidInputException(
                "attribute name '"
                    + name
                    + "' must be 1 to 64 lower-case letters, digits or . _ -, starting with a letter");
          }
          if (value == null || value.length() > MAX_ATTRIBUTE_CHARS || hasControlCharacter(value)) {
            throw new InvalidInputException(
                "attribute '"
                    + name
                    + "' must have a value of at most "
                    + MAX_ATTRIBUTE_CHARS
                    + " characters without control characters");
          }
        });
  }

  /** {@code [A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}} */
  private static boolean validId(String id) {
    int n = id.length();
    if (n < 1 || n > 128 || !isAsciiLetterOrDigit(id.charAt(0))) {
      return false;
    }
    for (int i = 1; i < n; i++) {
      char c = id.charAt(i);
      if (!isAsciiLetterOrDigit(c) && "_.:@-".indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  /** {@code [a-z][a-z0-9_.-]{0,63}} */
  private static boolean validAttributeName(String name) {
    int n = name.length();
    if (n < 1 || n > 64 || !(name.charAt(0) >= 'a' && name.charAt(0) <= 'z')) {
      return false;
    }
    for (int i = 1; i < n; i++) {
      char c = name.charAt(i);
      if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && "_.-".indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static boolean hasControlCharacter(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        return true;
      }
    }
    return false;
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
