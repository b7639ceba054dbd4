package dev.armature.server;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Response and message ids of the Responses API. An id names the conversation and the turn it
 * answered, {@code resp_<turn>_<conversation id in base64url>}, so it means the same on every
 * instance that shares the conversation store and after a restart, with no table mapping ids to
 * conversations to keep, expire or replicate. The message item of a response has the same id with
 * {@code msg_} in front.
 */
final class ResponseIds {
  static final String RESPONSE = "resp_";
  static final String MESSAGE = "msg_";

  /** What an id names. */
  record Turn(String conversation, int turn) {}

  private ResponseIds() {}

  static String response(String conversation, int turn) {
    return RESPONSE + suffix(conversation, turn);
  }

  static String message(String conversation, int turn) {
    return MESSAGE + suffix(conversation, turn);
  }

  /**
   * The conversation and turn a response id names.
   *
   * @throws ApiError 400 {@code invalid_value} naming {@code param} when it is no id of Armature's
   */
  static Turn ofResponse(String id, String param) {
    return parse(id, RESPONSE, param);
  }

  /** The conversation and turn a message item id names. */
  static Turn ofMessage(String id, String param) {
    return parse(id, MESSAGE, param);
  }

  private static String suffix(String conversation, int turn) {
    return turn
        + "_"
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(conversation.getBytes(StandardCharsets.UTF_8));
  }

  private static Turn parse(String id, String prefix, String param) {
    ApiError bad =
        ApiError.badRequest(
            "invalid_value",
            param,
            "'"
                + param
                + "' is not an id this server gave out ("
                + prefix
                + "<turn>_<conversation>): "
                + Edge.printable(id.length() > 80 ? id.substring(0, 80) + "..." : id));
    if (!id.startsWith(prefix)) {
      throw bad;
    }
    String rest = id.substring(prefix.length());
    int cut = rest.indexOf('_');
    if (cut < 1 || cut > 9 || !rest.substring(0, cut).chars().allMatch(Character::isDigit)) {
      throw bad;
    }
    try {
      String conversation =
          new String(
              Base64.getUrlDecoder().decode(rest.substring(cut + 1)), StandardCharsets.UTF_8);
      int turn = Integer.parseInt(rest.substring(0, cut));
      if (conversation.isBlank() || turn < 1) {
        throw bad;
      }
      return new Turn(conversation, turn);
    } catch (IllegalArgumentException e) {
      throw bad;
    }
  }
}
