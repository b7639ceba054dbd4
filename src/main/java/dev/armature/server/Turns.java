package dev.armature.server;

import dev.armature.ArmatureException;
import dev.armature.Message;
import dev.armature.ModelParameters;
import dev.armature.Orchestrator;
import dev.armature.TurnResult;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs turns for both APIs, counting them and keeping their traces; failures become {@link
 * ApiError}s.
 */
final class Turns {
  static final String OPENAI = "openai";
  static final String NATIVE = "native";

  private final Metrics metrics;
  private final TraceLog log;

  Turns(Metrics metrics, TraceLog log) {
    this.metrics = metrics;
    this.log = log;
  }

  TurnResult turn(
      RuleSets.Served served,
      String conversation,
      String text,
      Map<String, String> attributes,
      String api) {
    return turn(served, conversation, text, attributes, ModelParameters.DEFAULTS, api);
  }

  /** Runs a turn with the model parameters the client asked for. */
  TurnResult turn(
      RuleSets.Served served,
      String conversation,
      String text,
      Map<String, String> attributes,
      ModelParameters requested,
      String api) {
    try {
      return done(served.orchestrator().turn(conversation, text, attributes, requested), api);
    } catch (ArmatureException e) {
      throw failed(served, e, api);
    }
  }

  /** Runs a streamed turn: {@code tokens} gets the reply as the model writes it. */
  TurnResult stream(
      RuleSets.Served served,
      String conversation,
      String text,
      Map<String, String> attributes,
      Consumer<String> tokens,
      String api) {
    return stream(served, conversation, text, attributes, ModelParameters.DEFAULTS, tokens, api);
  }

  /** Streams a turn with the model parameters the client asked for. */
  TurnResult stream(
      RuleSets.Served served,
      String conversation,
      String text,
      Map<String, String> attributes,
      ModelParameters requested,
      Consumer<String> tokens,
      String api) {
    try {
      return done(
          served.orchestrator().stream(conversation, text, attributes, requested, tokens), api);
    } catch (ArmatureException e) {
      throw failed(served, e, api);
    }
  }

  /**
   * Runs a turn of a conversation the client keeps; {@code tokens} streams it, or is {@code null}.
   */
  TurnResult stateless(
      RuleSets.Served served,
      String conversation,
      List<Message> earlier,
      String text,
      Map<String, String> attributes,
      ModelParameters requested,
      Consumer<String> tokens,
      String api) {
    try {
      Orchestrator o = served.orchestrator();
      return done(
          tokens == null
              ? o.statelessTurn(conversation, earlier, text, attributes, requested)
              : o.statelessStream(conversation, earlier, text, attributes, requested, tokens),
          api);
    } catch (ArmatureException e) {
      throw failed(served, e, api);
    }
  }

  private TurnResult done(TurnResult result, String api) {
    metrics.turn(result.trace(), api);
    log.add(result.trace());
    return result;
  }

  private ApiError failed(RuleSets.Served served, ArmatureException e, String api) {
    ApiError error = ApiError.of(e);
    metrics.failed(served.name(), error.code(), api);
    return error;
  }
}
