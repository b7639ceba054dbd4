package dev.armature.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.armature.Cancellation;
import dev.armature.TurnResult;
import io.javalin.http.Context;

/**
 * A streamed response of the Responses API: {@code response.created}, the message item and its text
 * part opened, a {@code response.output_text.delta} per piece of text as the model writes it, then
 * the text, part and item done and {@code response.completed} with the whole response. Nothing is
 * written before the first piece, so a turn that fails before the model answers gets a plain error
 * response; a failure after gets an {@code error} event. When the review replaces the streamed text
 * (or a fallback follows a model that failed mid-stream), a last delta marks the streamed text
 * withdrawn and carries the reply, and the done events and the completed response hold the reply
 * that was kept, never the withdrawn text. Writes are serialised: pieces may come from a model
 * thread.
 */
final class ResponseStream implements Streamed {
  private final ResponseBody body;
  private final String id;
  private final String item;
  private final Cancellation cancellation = new Cancellation();
  private final StringBuilder streamed = new StringBuilder();
  private final EventStreamOut out;
  private int sequence;

  /**
   * @param turn the conversation and turn the response is expected to answer, which name it in
   *     {@code response.created}
   */
  ResponseStream(Context ctx, ResponseBody body, ResponseIds.Turn turn) {
    this.out = new EventStreamOut(ctx, cancellation);
    this.body = body;
    this.id = ResponseIds.response(turn.conversation(), turn.turn());
    this.item = ResponseIds.message(turn.conversation(), turn.turn());
  }

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
    send(text("response.output_text.delta").put("delta", piece));
  }

  /** Ends the stream with the turn's reply. */
  synchronized void finish(TurnResult result) {
    start();
    String reply = result.reply();
    if (!reply.contentEquals(streamed)) {
      String marker =
          streamed.length() == 0
              ? ""
              : result.trace().outcome().equals("fallback")
                  ? SseStream.ABANDONED
                  : SseStream.WITHDRAWN;
      ObjectNode correction = text("response.output_text.delta").put("delta", marker + reply);
      if (streamed.length() > 0) {
        correction
            .putObject("armature")
            .put("withdrawn", true)
            .put("outcome", result.trace().outcome())
            .put("reply", reply);
      }
      send(correction);
    }
    send(text("response.output_text.done").put("text", reply));
    ObjectNode part = event("response.content_part.done").put("item_id", item);
    part.put("output_index", 0).put("content_index", 0).set("part", ResponseBody.part(reply));
    send(part);
    ObjectNode done = event("response.output_item.done").put("output_index", 0);
    done.set("item", ResponseBody.message(result.trace(), reply, "completed"));
    send(done);
    for (int i = 0; i < result.clientCalls().size(); i++) {
      calls(i + 1, ResponseBody.functionCall(result.clientCalls().get(i)));
    }
    ObjectNode response = body.completed(result);
    ObjectNode completed = event("response." + response.path("status").asText());
    completed.set("response", response);
    send(completed);
  }

  /**
   * A call handed to the client, as OpenAI streams one: the item added, its arguments (in one
   * delta), their end, the item done.
   */
  private void calls(int index, ObjectNode call) {
    ObjectNode opened = call.deepCopy().put("arguments", "").put("status", "in_progress");
    send(event("response.output_item.added").put("output_index", index).set("item", opened));
    String itemId = call.path("id").asText();
    String arguments = call.path("arguments").asText();
    send(
        event("response.function_call_arguments.delta")
            .put("item_id", itemId)
            .put("output_index", index)
            .put("delta", arguments));
    send(
        event("response.function_call_arguments.done")
            .put("item_id", itemId)
            .put("output_index", index)
            .put("arguments", arguments));
    send(event("response.output_item.done").put("output_index", index).set("item", call));
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
    ObjectNode error = event("error");
    error.put("code", e.code()).put("message", e.getMessage()).put("param", e.param());
    error
        .putObject("error")
        .put("type", e.type())
        .put("code", e.code())
        .put("message", e.getMessage())
        .put("param", e.param());
    send(error);
    return true;
  }

  private void start() {
    if (!out.open()) {
      return;
    }
    ObjectNode created = event("response.created");
    created.set("response", body.inProgress(id));
    send(created);
    ObjectNode progress = event("response.in_progress");
    progress.set("response", body.inProgress(id));
    send(progress);
    ObjectNode added = event("response.output_item.added").put("output_index", 0);
    ObjectNode opened = ResponseBody.message(item, "in_progress");
    opened.putArray("content");
    added.set("item", opened);
    send(added);
    ObjectNode part = event("response.content_part.added").put("item_id", item);
    part.put("output_index", 0).put("content_index", 0).set("part", ResponseBody.part(""));
    send(part);
  }

  private ObjectNode text(String type) {
    ObjectNode event = event(type).put("item_id", item);
    event.put("output_index", 0).put("content_index", 0);
    event.putArray("logprobs");
    return event;
  }

  private ObjectNode event(String type) {
    ObjectNode event = Json.object();
    event.put("type", type).put("sequence_number", sequence++);
    return event;
  }

  private void send(ObjectNode event) {
    String type = event.path("type").asText();
    out.write("event: " + type + "\ndata: " + Json.write(event) + "\n\n");
  }
}
