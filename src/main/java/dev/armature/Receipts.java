package dev.armature;

import dev.armature.ruleset.RuleSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** Fingerprints of turn input, and the answer to a key that came again. */
final class Receipts {
  private Receipts() {}

  /** SHA-256 of the rule set's name, the text and the attributes in name order. */
  static String fingerprint(RuleSet ruleSet, String text, Map<String, String> attributes) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      update(sha, ruleSet.name());
      update(sha, text);
      for (Map.Entry<String, String> e : new TreeMap<>(attributes).entrySet()) {
        update(sha, e.getKey());
        update(sha, e.getValue());
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  // Each part is preceded by its length, so that no two different inputs share a byte stream.
  private static void update(MessageDigest sha, String part) {
    byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
    sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    sha.update((byte) ':');
    sha.update(bytes);
  }

  static IdempotentTurn replay(String conversationId, TurnReceipt kept, String fingerprint) {
    if (!kept.fingerprint().equals(fingerprint)) {
      throw new IdempotencyKeyReusedException(
          "the idempotency key '"
              + kept.key()
              + "' already committed a turn of conversation '"
              + conversationId
              + "' with a different text, attributes or rule set; use a new key for a new turn");
    }
    return new IdempotentTurn.Replayed(kept);
  }
}
