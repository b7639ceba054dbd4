package dev.armature.facts;

/**
 * The model's reply, present only in the review phase. {@code attempt} is 1 for the first reply and
 * 2 for the corrective retry that a {@link Reject} asks for. {@code redacted} names the rule set's
 * redacting signals found in the text, sorted ({@code Reply(redacted contains "card-number")}):
 * their matches are removed before the reply is traced or stored, and the same scan tells the
 * review rules, so they need not repeat the signal's expression.
 */
public record Reply(
    String text,
    String finishReason,
    int inputTokens,
    int outputTokens,
    int attempt,
    java.util.List<String> redacted) {
  public Reply {
    Facts.text(text, "text");
    redacted = java.util.List.copyOf(redacted);
    Facts.text(finishReason, "finishReason");
    Facts.notNegative(inputTokens, "inputTokens");
    Facts.notNegative(outputTokens, "outputTokens");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1 but was " + attempt);
    }
  }

  /** A reply in which no redacting signal was found. */
  public Reply(String text, String finishReason, int inputTokens, int outputTokens, int attempt) {
    this(text, finishReason, inputTokens, outputTokens, attempt, java.util.List.of());
  }

  /** The length of the text in characters. */
  public int length() {
    return text.length();
  }

  /** The number of words in the text, counted on white space. */
  public int words() {
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      boolean space = Character.isWhitespace(text.charAt(i));
      if (!space && !inWord) {
        words++;
      }
      inWord = !space;
    }
    return words;
  }
}
