package dev.armature;

/**
 * How to run one turn, beyond its input.
 *
 * @param idempotencyKey with a store that keeps receipts, a turn of the same conversation sent
 *     again with the same key returns the committed result instead of running again; null for none
 * @param cancellation lets another thread cancel the turn before it commits; null for none
 * @param requested the model parameters the caller asked for, in place of the rule set's defaults
 *     ({@link ModelParameters#DEFAULTS} for none); rules see them as {@code request.*} attributes
 * @param clientTools the tools the caller runs itself, and its results so far ({@link
 *     ClientTools#NONE} for none)
 */
public record TurnOptions(
    String idempotencyKey,
    Cancellation cancellation,
    ModelParameters requested,
    ClientTools clientTools) {
  /** No key, no cancellation, no requested parameters, no client tools. */
  public static final TurnOptions NONE =
      new TurnOptions(null, null, ModelParameters.DEFAULTS, ClientTools.NONE);

  /** The longest idempotency key accepted. */
  public static final int MAX_KEY_CHARS = 255;

  /** Options with no requested parameters. */
  public TurnOptions(String idempotencyKey, Cancellation cancellation) {
    this(idempotencyKey, cancellation, ModelParameters.DEFAULTS);
  }

  /** Options with no client tools. */
  public TurnOptions(String idempotencyKey, Cancellation cancellation, ModelParameters requested) {
    this(idempotencyKey, cancellation, requested, ClientTools.NONE);
  }

  public TurnOptions {
    java.util.Objects.requireNonNull(requested, "requested == null");
    java.util.Objects.requireNonNull(clientTools, "clientTools == null");
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
    return new TurnOptions(key, cancellation, requested, clientTools);
  }

  public TurnOptions withCancellation(Cancellation cancellation) {
    return new TurnOptions(idempotencyKey, cancellation, requested, clientTools);
  }

  public TurnOptions withRequested(ModelParameters requested) {
    return new TurnOptions(idempotencyKey, cancellation, requested, clientTools);
  }

  public TurnOptions withClientTools(ClientTools clientTools) {
    return new TurnOptions(idempotencyKey, cancellation, requested, clientTools);
  }
}
