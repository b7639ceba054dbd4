package dev.armature.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.armature.Conversation;
import dev.armature.Message;
import dev.armature.ModelParameters;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code POST /v1/responses}: OpenAI's Responses API over Armature, blocking and streamed. A
 * request continues a kept conversation when it names one ({@code previous_response_id}, {@code
 * conversation} or the {@code X-Armature-Conversation} header); otherwise its state is derived from
 * its {@code input}, as for a stateless chat completion, and it starts a new kept conversation
 * (named {@code resp-<random>}) unless {@code "store": false}, in which case nothing is stored.
 * Response ids name the conversation and the turn ({@link ResponseIds}).
 */
final class Responses {
  /** New conversations started by a response are named {@code resp-} and a random id. */
  static final String NEW_PREFIX = "resp-";

  private final RuleSets ruleSets;
  private final Turns turns;
  private final Clock clock;
  private final int maxBodyBytes;
  private final Supplier<String> ids;

  /**
   * @param ids a new unique id for each conversation a response starts
   */
  Responses(RuleSets ruleSets, Turns turns, Clock clock, int maxBodyBytes, Supplier<String> ids) {
    this.ruleSets = ruleSets;
    this.turns = turns;
    this.clock = clock;
    this.maxBodyBytes = maxBodyBytes;
    this.ids = ids;
  }

  void handle(Context ctx) {
    JsonNode body = Json.readObject(Http.body(ctx, maxBodyBytes));
    if (!body.path("model").isTextual() || body.path("model").asText().isBlank()) {
      throw ApiError.badRequest(
          "missing_model",
          "model",
          "'model' is required: the name of a rule set ("
              + String.join(", ", ruleSets.names())
              + ")");
    }
    RuleSets.Served served = ruleSets.get(body.path("model").asText(), "model");
    ResponseRequest request = ResponseRequest.of(ctx, body);
    ModelParameters requested = ResponseParameters.of(body);
    ResponseInput input = ResponseInput.of(body, (id, param) -> reference(served, id, param));
    dev.armature.TurnOptions asked =
        dev.armature.TurnOptions.NONE
            .withRequested(requested)
            .withClientTools(
                ClientToolMessages.ofResponse(body, input.rounds(), served.live().current()));
    Map<String, String> attributes = new TreeMap<>(request.metadata());
    String system = ChatCompletions.oneLine(String.join(" ", input.system()));
    if (!system.isEmpty()) {
      attributes.put(ChatCompletions.CLIENT_SYSTEM, system);
    }
    ResponseTurn.Kind kind = ResponseTurn.Kind.of(request);
    String conversation = kind.conversation(request, input, ids);
    ctx.header(ChatCompletions.CONVERSATION_HEADER, conversation);
    ResponseIds.Turn expected =
        new ResponseIds.Turn(conversation, expectedTurn(served, kind, request, input));
    ResponseBody shape =
        new ResponseBody(
            served.name(),
            clock.instant().getEpochSecond(),
            request.previous() == null
                ? null
                : ResponseIds.response(
                    request.previous().conversation(), request.previous().turn()),
            request.instructions(),
            kind != ResponseTurn.Kind.STATELESS,
            request.metadata());
    ResponseTurn run =
        new ResponseTurn(
            turns, ctx, served, conversation, input, attributes, request.derived(), asked, kind);
    if (request.idempotencyKey() != null) {
      Http.json(ctx, 200, run.once(request.idempotencyKey(), shape));
      return;
    }
    if (!request.stream()) {
      Http.json(ctx, 200, Json.bytes(shape.completed(run.turn(null))));
      return;
    }
    ResponseStream stream = new ResponseStream(ctx, shape, expected);
    try {
      stream.finish(run.turn(stream));
    } catch (ApiError e) {
      if (!stream.fail(e)) {
        throw e;
      }
    }
  }

  /**
   * The turn the response should answer, which names it before the turn runs: a kept conversation's
   * next; after the earlier user messages of a history. A {@code previous_response_id} must name
   * the conversation's latest turn.
   */
  private static int expectedTurn(
      RuleSets.Served served,
      ResponseTurn.Kind kind,
      ResponseRequest request,
      ResponseInput input) {
    if (kind != ResponseTurn.Kind.KEPT) {
      return 1
          + (int)
              input.earlier().stream()
                  .filter(m -> m.role() == Message.Role.USER && !m.text().isBlank())
                  .count();
    }
    ResponseIds.Turn previous = request.previous();
    String id = previous != null ? previous.conversation() : request.conversation();
    Conversation stored = served.orchestrator().conversation(id);
    if (previous != null && stored.turns() == 0) {
      throw ApiError.notFound(
          "previous_response_not_found",
          "previous_response_id",
          "'previous_response_id' names a response that was not stored (\"store\": false) or"
              + " whose conversation is gone");
    }
    if (previous != null && previous.turn() != stored.turns()) {
      throw new ApiError(
          409,
          ApiError.INVALID_REQUEST,
          "previous_response_superseded",
          "previous_response_id",
          "'previous_response_id' names turn "
              + previous.turn()
              + " of its conversation, which has had "
              + stored.turns()
              + " turns since: continue from the latest response, or send the history in"
              + " 'input' without previous_response_id");
    }
    return stored.turns() + 1;
  }

  /** The reply an {@code item_reference} names, from the conversation that holds it. */
  private static String reference(RuleSets.Served served, String id, String param) {
    ResponseIds.Turn turn = ResponseIds.ofMessage(id, param);
    for (Conversation.Exchange e :
        served.orchestrator().conversation(turn.conversation()).recent()) {
      if (e.turn() == turn.turn()) {
        return e.reply();
      }
    }
    throw ApiError.badRequest(
        "invalid_value",
        param,
        "'"
            + param
            + "' names a reply this server does not hold (it was not stored, or is older than"
            + " the exchanges a conversation keeps): send the message's text instead");
  }
}
