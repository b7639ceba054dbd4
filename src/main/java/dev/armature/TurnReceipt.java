package dev.armature;

import java.util.Objects;

/**
 * What a store keeps with a turn committed under an idempotency key, in the same transaction: the
 * key, a fingerprint of the turn's input, and the answer the caller made of the result (for a
 * server, its response body), returned as it was when the same key comes again.
 *
 * @param fingerprint SHA-256 of the rule set's name, the text and the attributes, in hex
 */
public record TurnReceipt(String key, String fingerprint, String body) {
  public TurnReceipt {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(fingerprint, "fingerprint == null");
    Objects.requireNonNull(body, "body == null");
  }
}
