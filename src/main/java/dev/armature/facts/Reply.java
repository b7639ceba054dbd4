package dev.armature.facts;

/**
 * The model's reply, present only in the review phase. {@code attempt} is 1 for the first reply and
 * 2 for the corrective retry that a {@link Reject} asks for.
 */
public record Reply(
    String text, String finishReason, int inputTokens, int outputTokens, int attempt) {
  public Reply {
    Facts.text(text, "text");
    Facts.text(finishReason, "finishReason");
    Facts.notNegative(inputTokens, "inputTokens");
    Facts.notNegative(outputTokens, "outputTokens");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1 but was " + attempt);
    }
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
