package dev.armature.server;

import dev.armature.TurnResult;
import io.javalin.http.Context;
import java.util.Map;
import java.util.function.Supplier;

/** One Responses API request's turn, run the way its {@link Kind} says. */
final class ResponseTurn {
  /** How a request is served: by a kept conversation, a new kept one, or statelessly. */
  enum Kind {
    KEPT,
    NEW,
    STATELESS;

    static Kind of(ResponseRequest request) {
      if (request.previous() != null || request.conversation() != null) {
        if (Boolean.FALSE.equals(request.store())) {
          throw ApiError.badRequest(
              "unsupported_parameter",
              "store",
              "'store' is false, but the request continues a kept conversation, which stores"
                  + " every turn: leave out previous_response_id and conversation, and send the"
                  + " history in 'input'");
        }
        return KEPT;
      }
      return Boolean.FALSE.equals(request.store()) ? STATELESS : NEW;
    }

    String conversation(ResponseRequest request, ResponseInput input, Supplier<String> ids) {
      switch (this) {
        case KEPT:
          return request.conversation() != null
              ? request.conversation()
              : request.previous().conversation();
        case NEW:
          return Responses.NEW_PREFIX + ids.get();
        default:
          return ClientHistory.id(input.earlier(), input.text());
      }
    }
  }

  private final Turns turns;
  private final Context ctx;
  private final RuleSets.Served served;
  private final String conversation;
  private final ResponseInput input;
  private final Map<String, String> attributes;
  private final Map<String, String> derived;
  private final dev.armature.TurnOptions requested;
  private final Kind kind;

  ResponseTurn(
      Turns turns,
      Context ctx,
      RuleSets.Served served,
      String conversation,
      ResponseInput input,
      Map<String, String> attributes,
      Map<String, String> derived,
      dev.armature.TurnOptions requested,
      Kind kind) {
    this.turns = turns;
    this.ctx = ctx;
    this.served = served;
    this.conversation = conversation;
    this.input = input;
    this.attributes = attributes;
    this.derived = derived;
    this.requested = requested;
    this.kind = kind;
  }

  /** Runs the turn, streamed to {@code stream} or, when it is null, blocking. */
  TurnResult turn(Streamed stream) {
    String text = input.text();
    switch (kind) {
      case KEPT:
        return stream == null
            ? turns.turn(
                ctx, served, conversation, text, attributes, derived, requested, Turns.RESPONSES)
            : turns.stream(
                ctx,
                served,
                conversation,
                text,
                attributes,
                derived,
                requested,
                stream,
                Turns.RESPONSES);
      default:
        // A new conversation is kept from the history the client sent; one that stores nothing
        // is not.
        return turns.stateless(
            ctx,
            served,
            conversation,
            input.earlier(),
            text,
            attributes,
            derived,
            requested,
            stream,
            Turns.RESPONSES,
            kind == Kind.NEW ? Turns.StatelessTurns.KEPT : Turns.StatelessTurns.DISCARDED);
    }
  }

  /** Runs a blocking turn of a kept conversation at most once per idempotency key. */
  String once(String key, ResponseBody shape) {
    if (kind != Kind.KEPT) {
      throw ApiError.badRequest(
          "idempotency_key_without_conversation",
          Turns.IDEMPOTENCY_KEY,
          "an Idempotency-Key is taken for a kept conversation only: continue one with"
              + " previous_response_id, 'conversation' or the header "
              + ChatCompletions.CONVERSATION_HEADER);
    }
    return turns.turnOnce(
        ctx,
        served,
        conversation,
        input.text(),
        attributes,
        derived,
        requested,
        key,
        Turns.RESPONSES,
        result -> Json.write(shape.completed(result)));
  }
}
