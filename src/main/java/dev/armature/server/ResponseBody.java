package dev.armature.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.armature.Trace;
import dev.armature.TurnResult;
import java.util.Map;

/**
 * The {@code response} object of the Responses API, for one request: its fields that echo the
 * request, then, once the turn is done, its output (one assistant message), usage and status.
 *
 * @param previous the {@code previous_response_id} the request continued, or null
 * @param instructions the request's {@code instructions}, or null
 * @param store whether the turn was kept
 */
record ResponseBody(
    String model,
    long created,
    String previous,
    String instructions,
    boolean store,
    Map<String, String> metadata) {
  ResponseBody {
    metadata = Map.copyOf(metadata);
  }

  /** The response before its turn ran: no output yet. */
  ObjectNode inProgress(String id) {
    ObjectNode body = common(id, "in_progress");
    body.putArray("output");
    body.putNull("usage");
    return body;
  }

  /** The response of a finished turn. */
  ObjectNode completed(TurnResult result) {
    Trace trace = result.trace();
    String reason = ChatCompletions.finishReason(trace);
    boolean cut = reason.equals("length") || reason.equals("content_filter");
    ObjectNode body = common(id(trace), cut ? "incomplete" : "completed");
    if (cut) {
      body.putObject("incomplete_details")
          .put("reason", reason.equals("length") ? "max_output_tokens" : "content_filter");
    }
    com.fasterxml.jackson.databind.node.ArrayNode output = body.putArray("output");
    output.add(message(trace, result.reply(), "completed"));
    // A turn paused for the client's own tools hands their calls over, as function_call items.
    result.clientCalls().forEach(call -> output.add(functionCall(call)));
    body.set("usage", usage(trace));
    body.set("armature", ChatCompletions.extension(trace));
    return body;
  }

  static String id(Trace trace) {
    return ResponseIds.response(trace.conversation(), trace.turn());
  }

  /** The assistant message item holding {@code text}. */
  static ObjectNode message(Trace trace, String text, String status) {
    ObjectNode item = message(ResponseIds.message(trace.conversation(), trace.turn()), status);
    item.putArray("content").add(part(text));
    return item;
  }

  /**
   * A call of a client tool, as the Responses API hands a model's call to its client. Its id holds
   * the call itself ({@link ResponseInput#FUNCTION_CALL} and the call's JSON in base64url), so that
   * an {@code item_reference} to it names the call with nothing stored.
   */
  static ObjectNode functionCall(dev.armature.ToolRequest call) {
    ObjectNode held = Json.object();
    held.put("call_id", call.id()).put("name", call.name()).put("arguments", call.arguments());
    String id =
        ResponseInput.FUNCTION_CALL
            + java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Json.write(held).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    ObjectNode item = Json.object();
    item.put("type", "function_call")
        .put("id", id)
        .put("call_id", call.id())
        .put("name", call.name())
        .put("arguments", call.arguments())
        .put("status", "completed");
    return item;
  }

  static ObjectNode message(String id, String status) {
    ObjectNode item = Json.object();
    item.put("type", "message").put("id", id).put("status", status).put("role", "assistant");
    return item;
  }

  static ObjectNode part(String text) {
    ObjectNode part = Json.object();
    part.put("type", "output_text").put("text", text);
    part.putArray("annotations");
    part.putArray("logprobs");
    return part;
  }

  private ObjectNode common(String id, String status) {
    ObjectNode body = Json.object();
    body.put("id", id)
        .put("object", "response")
        .put("created_at", created)
        .put("status", status)
        .putNull("error")
        .putNull("incomplete_details")
        .put("instructions", instructions)
        .put("model", model)
        .put("previous_response_id", previous)
        .put("store", store);
    body.putArray("tools");
    body.put("tool_choice", "none").put("parallel_tool_calls", false);
    body.putObject("text").putObject("format").put("type", "text");
    ObjectNode meta = body.putObject("metadata");
    metadata.forEach(meta::put);
    return body;
  }

  private static ObjectNode usage(Trace trace) {
    int input = trace.attempts().stream().mapToInt(Trace.Attempt::inputTokens).sum();
    int output = trace.attempts().stream().mapToInt(Trace.Attempt::outputTokens).sum();
    ObjectNode usage = Json.object();
    usage.put("input_tokens", input);
    usage.putObject("input_tokens_details").put("cached_tokens", 0);
    usage.put("output_tokens", output);
    usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
    usage.put("total_tokens", input + output);
    return usage;
  }
}
