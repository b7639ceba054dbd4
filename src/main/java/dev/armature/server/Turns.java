package dev.armature.server;

import dev.armature.ArmatureException;
import dev.armature.TurnResult;
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
    try {
      return done(served.orchestrator().turn(conversation, text, attributes), api);
    } catch (ArmatureException e) {
      throw failed(served, conversation, e, api);
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
    try {
      return done(served.orchestrator().stream(conversation, text, attributes, tokens), api);
    } catch (ArmatureException e) {
      throw failed(served, conversation, e, api);
    }
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
