package dev.armature.facts;

/**
 * The model gave no reply in this turn, after its retries: present only to rules with
 * {@code @phase(fallback)}, whose {@code Respond} then answers the user.
 *
 * @param kind {@code timeout}, {@code rate-limited}, {@code unavailable}, {@code invalid-response},
 *     {@code refused} or {@code circuit-open}
 */
public record ModelFailed(String kind, String message) {
  public ModelFailed {
    Facts.name(kind, "kind");
    Facts.text(message, "message");
  }
}
