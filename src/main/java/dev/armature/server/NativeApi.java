package dev.armature.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.armature.Conversation;
import dev.armature.Problem;
import dev.armature.Trace;
import dev.armature.TurnResult;
import dev.armature.ruleset.RuleSetStatus;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Armature's own API: turns with their traces, conversations, rule set status and health. */
final class NativeApi {
  /** {@code POST /v1/conversations/{id}/turns}. */
  record TurnRequest(
      String text,
      Map<String, String> attributes,
      String ruleset,
      @JsonProperty("idempotency_key") String idempotencyKey) {}

  private final RuleSets ruleSets;
  private final Turns turns;
  private final TraceLog log;
  private final int maxBodyBytes;

  NativeApi(RuleSets ruleSets, Turns turns, TraceLog log, int maxBodyBytes) {
    this.ruleSets = ruleSets;
    this.turns = turns;
    this.log = log;
    this.maxBodyBytes = maxBodyBytes;
  }

  void turn(Context ctx) {
    TurnRequest request = Json.read(Http.body(ctx, maxBodyBytes), TurnRequest.class);
    if (request.text() == null) {
      throw ApiError.badRequest("missing_text", "text", "'text' is required: the user's message");
    }
    RuleSets.Served served = ruleSets.get(request.ruleset(), "ruleset");
    Map<String, String> attributes = request.attributes() == null ? Map.of() : request.attributes();
    String key = idempotencyKey(ctx, request);
    if (key != null) {
      String body =
          turns.turnOnce(
              ctx,
              served,
              ctx.pathParam("id"),
              request.text(),
              attributes,
              key,
              Turns.NATIVE,
              NativeApi::body);
      Http.json(ctx, 200, body);
      return;
    }
    TurnResult result =
        turns.turn(ctx, served, ctx.pathParam("id"), request.text(), attributes, Turns.NATIVE);
    Http.json(ctx, 200, body(result));
  }

  private static String body(TurnResult result) {
    ObjectNode body = Json.object();
    body.put("reply", result.reply());
    body.putRawValue("trace", new RawValue(result.trace().toJson()));
    return Json.write(body);
  }

  /** The {@code Idempotency-Key} header, or the body's {@code idempotency_key}; both must agree. */
  private static String idempotencyKey(Context ctx, TurnRequest request) {
    String header = ctx.header(Turns.IDEMPOTENCY_KEY);
    String field = request.idempotencyKey();
    if (header != null && field != null && !header.equals(field)) {
      throw ApiError.badRequest(
          "idempotency_key_mismatch",
          "idempotency_key",
          "the Idempotency-Key header and the body's 'idempotency_key' differ; send one, or the same");
    }
    return header != null ? header : field;
  }

  void conversation(Context ctx) {
    String id = ctx.pathParam("id");
    Conversation conversation = ruleSets.anyOrchestrator().conversation(id);
    if (conversation.turns() == 0) {
      throw ApiError.notFound(
          "conversation_not_found", "id", "conversation '" + id + "' has had no turn");
    }
    ObjectNode body = (ObjectNode) Json.MAPPER.valueToTree(conversation);
    ArrayNode traces = body.putArray("traces");
    for (Trace trace : log.recent(id)) {
      traces.add(withRequests(trace));
    }
    Http.json(ctx, 200, Json.bytes(body));
  }

  /**
   * The trace's JSON with {@code sent}: the request each attempt sent (the trace itself gives only
   * the first request and the others' digests), so the page can show a corrective retry's request.
   */
  private static ObjectNode withRequests(Trace trace) {
    ObjectNode json = Json.read(trace.toJson().getBytes(StandardCharsets.UTF_8), ObjectNode.class);
    ArrayNode sent = json.putArray("sent");
    for (Trace.Attempt attempt : trace.attempts()) {
      ObjectNode entry = sent.addObject().put("attempt", attempt.attempt());
      entry.set("request", Json.MAPPER.valueToTree(attempt.request()));
    }
    return json;
  }

  void ruleSets(Context ctx) {
    ObjectNode body = Json.object().put("object", "list");
    ArrayNode data = body.putArray("data");
    for (RuleSets.Served served : ruleSets.all()) {
      RuleSetStatus status = served.live().status();
      ObjectNode entry = data.addObject();
      entry
          .put("name", served.name())
          .put("version", status.version())
          .put("loadedAt", text(status.loadedAt()))
          .put("description", served.live().current().description())
          .put("reloads", status.reloads())
          .put("rejected", status.rejected())
          .put("lastErrorAt", text(status.lastErrorAt()));
      ArrayNode errors = entry.putArray("lastError");
      for (Problem p : status.lastError()) {
        errors
            .addObject()
            .put("file", p.file())
            .put("line", p.line())
            .put("column", p.column())
            .put("message", p.message())
            .put("location", p.toString());
      }
    }
    Http.json(ctx, 200, Json.bytes(body));
  }

  /** {@code GET /v1/models}: the rule sets, for OpenAI clients that list models first. */
  void models(Context ctx) {
    ObjectNode body = Json.object().put("object", "list");
    ArrayNode data = body.putArray("data");
    for (RuleSets.Served served : ruleSets.all()) {
      Instant loaded = served.live().status().loadedAt();
      data.addObject()
          .put("id", served.name())
          .put("object", "model")
          .put("created", loaded == null ? 0 : loaded.getEpochSecond())
          .put("owned_by", "armature");
    }
    Http.json(ctx, 200, Json.bytes(body));
  }

  /** {@code GET /v1/models/{id}}: one rule set as an OpenAI model, or a 404 naming the known. */
  void model(Context ctx) {
    RuleSets.Served served = ruleSets.get(ctx.pathParam("id"), "model");
    Instant loaded = served.live().status().loadedAt();
    ObjectNode body =
        Json.object()
            .put("id", served.name())
            .put("object", "model")
            .put("created", loaded == null ? 0 : loaded.getEpochSecond())
            .put("owned_by", "armature");
    Http.json(ctx, 200, Json.bytes(body));
  }

  void health(Context ctx) {
    ObjectNode body = Json.object().put("status", "ok");
    ArrayNode names = body.putArray("rulesets");
    List<String> served = ruleSets.names();
    served.forEach(names::add);
    Http.json(ctx, 200, Json.bytes(body));
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
