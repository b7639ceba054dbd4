package dev.armature.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.armature.Cancellation;
import dev.armature.TurnResult;
import io.javalin.http.Context;

/**
 * A streamed chat completion: {@code data: {chunk}} events in the {@code chat.completion.chunk}
 * shape, one per piece of text as the model writes it, then {@code data: [DONE]}. Nothing is
 * written before the first piece, so a turn that fails before the model answers still gets a plain
 * error response with its status. Pieces may come from a model thread: writes are serialised.
 */
final class SseStream implements Streamed {
  private final String id;
  private final long created;
  private final String model;
  private final Cancellation cancellation = new Cancellation();
  private final EventStreamOut out;
  private final StringBuilder streamed = new StringBuilder();

  /** Precedes the reply that takes the place of a streamed one the review withdrew. */
  static final String WITHDRAWN = "\n\n[The reply above was withdrawn by review. Instead:]\n\n";

  /** Precedes a fallback after the model failed mid-stream. */
  static final String ABANDONED = "\n\n[The reply above was interrupted and is abandoned.]\n\n";

  SseStream(Context ctx, String id, long created, String model) {
    this.out = new EventStreamOut(ctx, cancellation);
    this.id = id;
    this.created = created;
    this.model = model;
  }

  /** Cancels the turn when the client goes away. */
  @Override
  public Cancellation cancellation() {
    return cancellation;
  }

  @Override
  public synchronized void accept(String piece) {
    if (piece == null || piece.isEmpty()) {
      return;
    }
    start();
    streamed.append(piece);
    ObjectNode delta = Json.object().put("content", piece);
    send(chunk(delta, null));
  }

  /**
   * Ends the stream: the finish reason and the {@code armature} extension, the usage if asked,
   * {@code [DONE]}.
   */
  synchronized void finish(TurnResult result, boolean includeUsage) {
    start();
    correct(result);
    if (result.paused()) {
      // As OpenAI streams a model's tool calls: a delta with the calls, then the finish reason.
      send(
          chunk(
              Json.object()
                  .set("tool_calls", ChatCompletions.toolCalls(result.clientCalls(), true)),
              null));
    }
    ObjectNode last =
        chunk(
            Json.object(),
            result.paused() ? "tool_calls" : ChatCompletions.finishReason(result.trace()));
    last.set("armature", ChatCompletions.extension(result.trace()));
    send(last);
    if (includeUsage) {
      ObjectNode usage = chunk(null, null);
      usage.set("usage", ChatCompletions.usage(result.trace()));
      send(usage);
    }
    out.write("data: [DONE]\n\n");
  }

  /**
   * When the turn's reply is not the text streamed (the review replaced or retried it, or the model
   * failed mid-stream and a fallback answered), one more delta: a marker saying the streamed text
   * is withdrawn, then the reply, with {@code armature.withdrawn} set; clients that only
   * concatenate deltas show both, marked, and clients that read the extension replace the text.
   */
  private void correct(TurnResult result) {
    String reply = result.reply();
    if (reply.contentEquals(streamed)) {
      return;
    }
    if (streamed.length() == 0) {
      accept(reply);
      return;
    }
    String marker = result.trace().outcome().equals("fallback") ? ABANDONED : WITHDRAWN;
    ObjectNode correction = chunk(Json.object().put("content", marker + reply), null);
    correction
        .putObject("armature")
        .put("withdrawn", true)
        .put("outcome", result.trace().outcome())
        .put("reply", reply);
    send(correction);
    streamed.setLength(0);
    streamed.append(reply);
  }

  /**
   * Reports a failure in the stream when it has started.
   *
   * @return false when nothing was sent yet: the caller answers with a plain error response
   */
  synchronized boolean fail(ApiError e) {
    if (!out.opened()) {
      return false;
    }
    out.write("data: " + Json.error(e) + "\n\n");
    out.write("data: [DONE]\n\n");
    return true;
  }

  private void start() {
    if (!out.open()) {
      return;
    }
    send(chunk(Json.object().put("role", "assistant").put("content", ""), null));
  }

  private ObjectNode chunk(ObjectNode delta, String finishReason) {
    ObjectNode chunk = Json.object();
    chunk
        .put("id", id)
        .put("object", "chat.completion.chunk")
        .put("created", created)
        .put("model", model);
    if (delta == null) {
      chunk.putArray("choices");
    } else {
      ObjectNode choice = chunk.putArray("choices").addObject();
      choice.put("index", 0);
      choice.set("delta", delta);
      choice.put("finish_reason", finishReason);
    }
    return chunk;
  }

  private void send(ObjectNode chunk) {
    out.write("data: " + Json.write(chunk) + "\n\n");
  }
}
