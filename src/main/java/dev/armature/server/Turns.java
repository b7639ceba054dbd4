package dev.armature.server;

import dev.armature.ArmatureException;
import dev.armature.Cancellation;
import dev.armature.IdempotentTurn;
import dev.armature.Message;
import dev.armature.Orchestrator;
import dev.armature.TurnOptions;
import dev.armature.TurnResult;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs turns for both APIs within the server's {@link Capacity}, cancelling a turn whose client
 * goes away, counting turns and keeping their traces; failures become {@link ApiError}s.
 */
final class Turns {
  static final String OPENAI = "openai";
  static final String NATIVE = "native";
  static final String RESPONSES = "responses";

  /** The request header that makes a turn idempotent. */
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  /** Set to {@code true} on an answer that is the receipt of a turn committed before. */
  static final String REPLAYED = "Idempotent-Replayed";

  private final Metrics metrics;
  private final TraceLog log;
  private final Capacity capacity;
  private final AttributePolicy policy;
  private final StatelessTurns stateless;

  /** Whether stateless turns are stored. */
  enum StatelessTurns {
    /** Nothing is stored: the default, as issue 16 asks. */
    DISCARDED,
    /** Each is stored under its {@code stateless-} name, as a conversation a client may go on. */
    KEPT
  }

  Turns(Metrics metrics, TraceLog log, Capacity capacity, AttributePolicy policy) {
    this(metrics, log, capacity, policy, StatelessTurns.DISCARDED);
  }

  Turns(
      Metrics metrics,
      TraceLog log,
      Capacity capacity,
      AttributePolicy policy,
      StatelessTurns stateless) {
    this.stateless = stateless;
    this.metrics = metrics;
    this.log = log;
    this.capacity = capacity;
    this.policy = policy;
    metrics.capacity(capacity::inFlight, capacity.max());
  }

  TurnResult turn(
      Context ctx,
      RuleSets.Served served,
      String conversation,
      String text,
      Map<String, String> attributes,
      String api) {
    return turn(ctx, served, conversation, text, attributes, Map.of(), TurnOptions.NONE, api);
  }

  /**
   * Runs a turn with the model parameters the client asked for and the tools it runs itself ({@code
   * asked}).
   *
   * @param derived attributes the server took from the request itself (such as {@code user}), added
   *     after the client's attributes passed the {@link AttributePolicy}
   */
  TurnResult turn(
      Context ctx,
      RuleSets.Served served,
      String conversation,
      String text,
      Map<String, String> attributes,
      Map<String, String> derived,
      TurnOptions asked,
      String api) {
    Map<String, String> attrs = attributes(served, attributes, derived, api);
    Cancellation cancellation = new Cancellation();
    TurnOptions options = asked.withCancellation(cancellation);
    return guarded(
        ctx,
        served,
        conversation,
        cancellation,
        api,
        () -> done(served.orchestrator().turn(conversation, text, attrs, options), api));
  }

  /**
   * Runs a turn at most once per idempotency key: the answer's body, made by {@code body} from the
   * result and committed with the turn, or the body committed before for the same key.
   */
  String turnOnce(
      Context ctx,
      RuleSets.Served served,
      String conversation,
      String text,
      Map<String, String> attributes,
      String key,
      String api,
      Function<TurnResult, String> body) {
    return turnOnce(
        ctx, served, conversation, text, attributes, Map.of(), TurnOptions.NONE, key, api, body);
  }

  /** Runs a turn at most once per idempotency key, with the model parameters asked for. */
  String turnOnce(
      Context ctx,
      RuleSets.Served served,
      String conversation,
      String text,
      Map<String, String> attributes,
      Map<String, String> derived,
      TurnOptions asked,
      String key,
      String api,
      Function<TurnResult, String> body) {
    Map<String, String> attrs = attributes(served, attributes, derived, api);
    Cancellation cancellation = new Cancellation();
    TurnOptions options;
    try {
      options = asked.withIdempotencyKey(key).withCancellation(cancellation);
    } catch (ArmatureException e) {
      throw ApiError.badRequest("invalid_idempotency_key", IDEMPOTENCY_KEY, e.getMessage());
    }
    return guarded(
        ctx,
        served,
        conversation,
        cancellation,
        api,
        () -> {
          IdempotentTurn turn =
              served.orchestrator().turnOnce(conversation, text, attrs, options, null, body);
          if (turn instanceof IdempotentTurn.Ran) {
            done(((IdempotentTurn.Ran) turn).result(), api);
          } else {
            ctx.header(REPLAYED, "true");
            metrics.failed(served.name(), "replayed", api);
          }
          return turn.body();
        });
  }

  /** Runs a streamed turn: {@code sse} gets the reply as the model writes it. */
  TurnResult stream(
      Context ctx,
      RuleSets.Served served,
      String conversation,
      String text,
      Map<String, String> attributes,
      Streamed sse,
      String api) {
    return stream(
        ctx, served, conversation, text, attributes, Map.of(), TurnOptions.NONE, sse, api);
  }

  /** Streams a turn with the model parameters the client asked for. */
  TurnResult stream(
      Context ctx,
      RuleSets.Served served,
      String conversation,
      String text,
      Map<String, String> attributes,
      Map<String, String> derived,
      TurnOptions asked,
      Streamed sse,
      String api) {
    Map<String, String> attrs = attributes(served, attributes, derived, api);
    TurnOptions options = asked.withCancellation(sse.cancellation());
    return guarded(
        ctx,
        served,
        conversation,
        sse.cancellation(),
        api,
        () -> done(served.orchestrator().stream(conversation, text, attrs, sse, options), api));
  }

  /**
   * Runs a turn of a conversation the client keeps, within the capacity and cancelled when the
   * client goes away like the others; {@code sse} streams it, or is {@code null}. Nothing is stored
   * unless the operator keeps stateless turns: then it is stored as {@link Orchestrator#startFrom}
   * stores.
   */
  TurnResult stateless(
      Context ctx,
      RuleSets.Served served,
      String conversation,
      List<Message> earlier,
      String text,
      Map<String, String> attributes,
      Map<String, String> derived,
      TurnOptions asked,
      Streamed sse,
      String api) {
    return stateless(
        ctx, served, conversation, earlier, text, attributes, derived, asked, sse, api, stateless);
  }

  /**
   * Runs a turn of a conversation the client keeps, stored as {@code storage} says ({@link
   * StatelessTurns#DISCARDED}: nothing, whatever the operator; {@link StatelessTurns#KEPT}: kept
   * under {@code conversation} from the history the client sent, as {@link Orchestrator#startFrom}
   * keeps it).
   */
  TurnResult stateless(
      Context ctx,
      RuleSets.Served served,
      String conversation,
      List<Message> earlier,
      String text,
      Map<String, String> attributes,
      Map<String, String> derived,
      TurnOptions asked,
      Streamed sse,
      String api,
      StatelessTurns storage) {
    Map<String, String> attrs = attributes(served, attributes, derived, api);
    Cancellation cancellation = sse == null ? new Cancellation() : sse.cancellation();
    TurnOptions options = asked.withCancellation(cancellation);
    return guarded(
        ctx,
        served,
        conversation,
        cancellation,
        api,
        () -> {
          Orchestrator o = served.orchestrator();
          if (storage == StatelessTurns.KEPT) {
            return done(o.startFrom(conversation, earlier, text, attrs, options, sse), api);
          }
          return done(
              sse == null
                  ? o.statelessTurn(conversation, earlier, text, attrs, options)
                  : o.statelessStream(conversation, earlier, text, attrs, options, sse),
              api);
        });
  }

  /**
   * Runs a turn within the server's capacity, cancelled through {@code cancellation} when the
   * client goes away; a failure is counted, logged and turned into the {@link ApiError} to answer.
   */
  private <T> T guarded(
      Context ctx,
      RuleSets.Served served,
      String conversation,
      Cancellation cancellation,
      String api,
      java.util.function.Supplier<T> turn) {
    capacity.enter(ctx);
    DisconnectWatch watch = DisconnectWatch.start(ctx, cancellation);
    try {
      return turn.get();
    } catch (ArmatureException e) {
      throw failed(served, conversation, e, api);
    } finally {
      watch.close();
      capacity.leave();
    }
  }

  /**
   * The turn's attributes: the client's, checked by the {@link AttributePolicy}, then those the
   * server derived from the request itself ({@code user}, OpenAI's end-user id), which are not the
   * client's to declare. The operator's fixed attributes still win over a derived one.
   */
  private Map<String, String> attributes(
      RuleSets.Served served,
      Map<String, String> fromClient,
      Map<String, String> derived,
      String api) {
    return policy.apply(
        served.live().current(),
        fromClient,
        derived,
        api.equals(NATIVE) ? "attributes" : "metadata");
  }

  private TurnResult done(TurnResult result, String api) {
    metrics.turn(result.trace(), api);
    log.add(result.trace());
    ServerLog.modelTrouble(result.trace());
    return result;
  }

  private ApiError failed(
      RuleSets.Served served, String conversation, ArmatureException e, String api) {
    ApiError error = ApiError.of(e);
    metrics.failed(served.name(), error.code(), api);
    ServerLog.turnFailed(served.name(), conversation, error);
    return error;
  }
}
