package dev.armature;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The model could not give a reply. The turn changed nothing. {@link #kind()} says what went wrong;
 * {@link #retriable()} whether the same request may succeed later.
 */
public final class ModelException extends ArmatureException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, as rules see it in {@code ModelFailed(kind)}. */
  public enum Kind {
    /** No answer in time. Retriable. */
    TIMEOUT(true),
    /**
     * The provider asked to slow down (HTTP 429). Retriable, after {@link #retryAfter()} if given.
     */
    RATE_LIMITED(true),
    /** The provider failed or could not be reached (HTTP 5xx, reset connection). Retriable. */
    UNAVAILABLE(true),
    /**
     * The provider answered with something that is not a reply (truncated JSON, no choices).
     * Retriable.
     */
    INVALID_RESPONSE(true),
    /** The provider refused the request (HTTP 400, 401, 403, 404). Not retriable. */
    REFUSED(false),
    /** The circuit breaker is open after repeated failures: the provider is not called. */
    CIRCUIT_OPEN(false);

    private final boolean retriable;

    Kind(boolean retriable) {
      this.retriable = retriable;
    }

    /** The name rules use: {@code rate-limited}, {@code circuit-open}, ... */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final Kind kind;
  private final transient Duration retryAfter;

  public ModelException(Kind kind, String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind == null");
    this.retryAfter = retryAfter;
  }

  public ModelException(Kind kind, String message, Throwable cause) {
    this(kind, message, null, cause);
  }

  /**
   * A failure of a model of unknown kind: {@code UNAVAILABLE} when retriable, else {@code REFUSED}.
   */
  public ModelException(String message, boolean retriable, Throwable cause) {
    this(retriable ? Kind.UNAVAILABLE : Kind.REFUSED, message, null, cause);
  }

  public Kind kind() {
    return kind;
  }

  /** How long the provider asked to wait before trying again, or {@code null}. */
  public Duration retryAfter() {
    return retryAfter;
  }

  @Override
  public boolean retriable() {
    return kind.retriable;
  }
}
