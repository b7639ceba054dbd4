package dev.armature;

/**
 * How to run one turn, beyond its input.
 *
 * @param idempotencyKey with a store that keeps receipts, a turn of the same conversation sent
 *     again with the same key returns the committed result instead of running again; null for none
 * @param cancellation lets another thread cancel the turn before it commits; null for none
 */
public record TurnOptions(String idempotencyKey, Cancellation cancellation) {
  /** No key, no cancellation. */
  public static final TurnOptions NONE = new TurnOptions(null, null);

  /** The longest idempotency key accepted. */
  public static final int MAX_KEY_CHARS = 255;

  public TurnOptions {
    if (idempotencyKey != null) {
      if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_CHARS) {
        throw new InvalidInputException(
            "the idempotency key must be 1 to "
                + MAX_KEY_CHARS
                + " characters but was "
                + idempotencyKey.length());
      }
      for (int i = 0; i < idempotencyKey.length(); i++) {
        char c = idempotencyKey.charAt(i);
        if (c < 0x21 || c > 0x7e) {
          throw new InvalidInputException(
              "the idempotency key holds a character that is not visible ASCII at index " + i);
        }
      }
    }
  }

  public TurnOptions withIdempotencyKey(String key) {
    return new TurnOptions(key, cancellation);
  }

  public TurnOptions withCancellation(Cancellation cancellation) {
    return new TurnOptions(idempotencyKey, cancellation);
  }
}
