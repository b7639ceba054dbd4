package dev.armature.server;

import dev.armature.ArmatureException;
import dev.armature.ConflictException;
import dev.armature.IdempotencyKeyReusedException;
import dev.armature.InvalidInputException;
import dev.armature.ModelException;
import dev.armature.ReplyRejectedException;
import dev.armature.RuleException;
import dev.armature.TurnCancelledException;

/**
 * A request that ends in an error response, in the OpenAI error shape {@code
 * {"error":{"message","type","param","code"}}} with its HTTP status.
 */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  static final String INVALID_REQUEST = "invalid_request_error";
  static final String UPSTREAM = "upstream_error";
  static final String SERVER = "server_error";

  private final int status;
  private final String type;
  private final String param;
  private final String code;

  ApiError(int status, String type, String code, String param, String message) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
    this.code = code;
    this.param = param;
  }

  static ApiError badRequest(String code, String param, String message) {
    return new ApiError(400, INVALID_REQUEST, code, param, message);
  }

  static ApiError notFound(String code, String param, String message) {
    return new ApiError(404, INVALID_REQUEST, code, param, message);
  }

  /**
   * What a failed turn means for the caller: its input was refused (400), another turn of the
   * conversation won (409), the model was slow, busy or down (504, 429, 502), or a rule broke
   * (500).
   */
  static ApiError of(ArmatureException e) {
    if (e instanceof InvalidInputException) {
      return badRequest("invalid_input", null, e.getMessage());
    }
    if (e instanceof ConflictException) {
      return new ApiError(409, INVALID_REQUEST, "conversation_conflict", null, e.getMessage());
    }
    if (e instanceof IdempotencyKeyReusedException) {
      return new ApiError(
          422, INVALID_REQUEST, "idempotency_key_reused", "Idempotency-Key", e.getMessage());
    }
    if (e instanceof TurnCancelledException) {
      // The client closed the connection: no one reads this answer (499 as nginx counts it).
      return new ApiError(499, INVALID_REQUEST, "client_closed", null, e.getMessage());
    }
    if (e instanceof ModelException) {
      return model((ModelException) e);
    }
    if (e instanceof ReplyRejectedException) {
      return new ApiError(502, UPSTREAM, "reply_rejected", null, e.getMessage());
    }
    if (e instanceof RuleException) {
      return new ApiError(500, SERVER, "rule_error", null, e.getMessage());
    }
    return new ApiError(500, SERVER, "armature_error", null, e.getMessage());
  }

  private static ApiError model(ModelException e) {
    String message =
        "the model failed ("
            + e.kind().label()
            + "): "
            + dev.armature.model.Redaction.text(e.getMessage());
    switch (e.kind()) {
      case RATE_LIMITED:
        return new ApiError(429, "rate_limit_error", "rate_limited", null, message);
      case TIMEOUT:
        return new ApiError(504, UPSTREAM, "model_timeout", null, message);
      case CIRCUIT_OPEN:
        return new ApiError(503, UPSTREAM, "circuit_open", null, message);
      default:
        return new ApiError(
            502,
            UPSTREAM,
            "model_" + e.kind().name().toLowerCase(java.util.Locale.ROOT),
            null,
            message);
    }
  }

  int status() {
    return status;
  }

  String type() {
    return type;
  }

  String param() {
    return param;
  }

  String code() {
    return code;
  }
}
