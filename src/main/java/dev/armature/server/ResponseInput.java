package dev.armature.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.armature.ClientTools;
import dev.armature.Message;
import dev.armature.ToolRequest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The {@code input} and {@code instructions} of a Responses API request: a string is one user
 * message; a list holds messages (role and content, with or without {@code "type": "message"}),
 * {@code item_reference}s to replies and function calls this server gave, and the calls of the
 * client's own tools ({@code function_call}) with their {@code function_call_output}. The last user
 * message is the turn's text; the messages before it are the history, the calls after it the turn's
 * rounds so far; {@code instructions} and system or developer messages are the client's system
 * text, which reaches the rules as an attribute.
 *
 * @param earlier the user and assistant messages before the turn's text, oldest first
 * @param system the client's system text, in order
 * @param rounds the calls of the client's tools after the turn's text, with their output
 */
record ResponseInput(
    List<Message> earlier, String text, List<String> system, List<ClientTools.Round> rounds) {
  ResponseInput {
    earlier = List.copyOf(earlier);
    system = List.copyOf(system);
    rounds = List.copyOf(rounds);
  }

  /** How the ids of the function calls this server hands to clients start. */
  static final String FUNCTION_CALL = "fc_";

  /** An input without calls of the client's tools after its last user message. */
  ResponseInput(List<Message> earlier, String text, List<String> system) {
    this(earlier, text, system, List.of());
  }

  /**
   * Reads the request's input.
   *
   * @param references the text of the reply an {@code item_reference}'s id names, given the id and
   *     the parameter that holds it
   * @throws ApiError 400 naming the item and field that is missing, of the wrong type or of a kind
   *     Armature does not take (tool calls, reasoning, files)
   */
  static ResponseInput of(JsonNode body, BiFunction<String, String, String> references) {
    List<String> system = new ArrayList<>();
    JsonNode instructions = body.get("instructions");
    if (instructions != null && !instructions.isNull()) {
      if (!instructions.isTextual()) {
        throw ApiError.badRequest(
            "invalid_value", "instructions", "'instructions' must be a string");
      }
      system.add(instructions.asText());
    }
    JsonNode input = body.get("input");
    if (input == null || input.isNull()) {
      throw ApiError.badRequest(
          "missing_input", "input", "'input' is required: a string or a list of messages");
    }
    if (input.isTextual()) {
      return new ResponseInput(List.of(), input.asText(), system);
    }
    if (!input.isArray()) {
      throw ApiError.badRequest(
          "invalid_value", "input", "'input' must be a string or a list of messages");
    }
    List<Message> messages = new ArrayList<>();
    Map<String, String> calls = new LinkedHashMap<>();
    for (int i = 0; i < input.size(); i++) {
      String param = "input[" + i + "]";
      JsonNode item = input.get(i);
      String type = item != null && item.isObject() ? item.path("type").asText("message") : "";
      if (type.equals("item_reference") && item.path("id").asText().startsWith(FUNCTION_CALL)) {
        call(referenced(item.path("id").asText(), param), param, messages, calls);
      } else if (type.equals("function_call")) {
        call(item, param, messages, calls);
      } else if (type.equals("function_call_output")) {
        output(item, param, messages, calls);
      } else {
        item(item, param, messages, system, references);
      }
    }
    if (!calls.isEmpty()) {
      String call = calls.keySet().iterator().next();
      throw ApiError.badRequest(
          "invalid_value",
          calls.get(call),
          "'"
              + calls.get(call)
              + "' (call_id '"
              + call
              + "') has no function_call_output answering it; each call needs one, after it");
    }
    int last = -1;
    for (int i = messages.size() - 1; i >= 0 && last < 0; i--) {
      if (messages.get(i).role() == Message.Role.USER) {
        last = i;
      }
    }
    if (last < 0 && messages.stream().anyMatch(m -> m.role() == Message.Role.TOOL)) {
      throw ApiError.badRequest(
          "missing_user_message",
          "input",
          "'input' holds tool output but no user message: a response that handed calls to the"
              + " client is not stored, so send its whole input again (the user message, the"
              + " function_call items and their function_call_output), without"
              + " previous_response_id");
    }
    if (last < 0) {
      throw ApiError.badRequest(
          "missing_user_message", "input", "'input' holds no message with role 'user'");
    }
    return new ResponseInput(
        messages.subList(0, last),
        messages.get(last).text(),
        system,
        rounds(messages.subList(last + 1, messages.size())));
  }

  /** The function call an {@code item_reference} names: its id holds it. */
  private static JsonNode referenced(String id, String param) {
    try {
      byte[] json = Base64.getUrlDecoder().decode(id.substring(FUNCTION_CALL.length()));
      JsonNode call = Json.read(json, JsonNode.class);
      if (call.isObject()) {
        return call;
      }
    } catch (IllegalArgumentException | ApiError e) {
      // Not one of ours: said below.
    }
    throw ApiError.badRequest(
        "invalid_value",
        param + ".id",
        "'" + param + ".id' is not the id of a function call this server handed out");
  }

  /** A {@code function_call} item: joins the calls of the assistant message just before it. */
  private static void call(
      JsonNode item, String param, List<Message> messages, Map<String, String> calls) {
    String id = string(item, "call_id", param);
    ToolRequest call =
        new ToolRequest(id, string(item, "name", param), string(item, "arguments", param));
    if (calls.containsKey(id)) {
      throw ApiError.badRequest(
          "invalid_value", param + ".call_id", "'" + param + ".call_id' repeats '" + id + "'");
    }
    calls.put(id, param);
    Message before = messages.isEmpty() ? null : messages.get(messages.size() - 1);
    if (before != null
        && before.role() == Message.Role.ASSISTANT
        && !before.toolCalls().isEmpty()) {
      List<ToolRequest> joined = new ArrayList<>(before.toolCalls());
      joined.add(call);
      messages.set(messages.size() - 1, Message.calls(before.text(), joined));
    } else {
      messages.add(Message.calls("", List.of(call)));
    }
  }

  /** A {@code function_call_output} item: the client's result of a call before it. */
  private static void output(
      JsonNode item, String param, List<Message> messages, Map<String, String> calls) {
    String id = string(item, "call_id", param);
    if (!calls.containsKey(id)) {
      throw ApiError.badRequest(
          "invalid_value",
          param + ".call_id",
          "'"
              + param
              + ".call_id' is '"
              + id
              + "', which answers no unanswered function_call item before it (a response that"
              + " handed calls to the client is not stored: send its whole input again, the"
              + " function_call items included, without previous_response_id)");
    }
    calls.remove(id);
    messages.add(Message.toolResult(id, text(item.get("output"), param + ".output")));
  }

  /** The client's rounds: each assistant message that called tools, and the outputs after it. */
  private static List<ClientTools.Round> rounds(List<Message> after) {
    List<ClientTools.Round> rounds = new ArrayList<>();
    for (int i = 0; i < after.size(); i++) {
      Message m = after.get(i);
      if (m.role() != Message.Role.ASSISTANT || m.toolCalls().isEmpty()) {
        continue;
      }
      Map<String, String> results = new LinkedHashMap<>();
      for (int j = i + 1; j < after.size() && after.get(j).role() == Message.Role.TOOL; j++) {
        results.put(after.get(j).toolCallId(), after.get(j).text());
      }
      rounds.add(new ClientTools.Round(m.text(), m.toolCalls(), results));
    }
    return rounds;
  }

  private static void item(
      JsonNode item,
      String param,
      List<Message> messages,
      List<String> system,
      BiFunction<String, String, String> references) {
    if (item == null || !item.isObject()) {
      throw ApiError.badRequest("invalid_value", param, "'" + param + "' must be an object");
    }
    String type = item.path("type").asText("message");
    if (type.equals("item_reference")) {
      String id = string(item, "id", param);
      messages.add(new Message(Message.Role.ASSISTANT, references.apply(id, param + ".id")));
      return;
    }
    if (!type.equals("message")) {
      throw ApiError.badRequest(
          "unsupported_parameter",
          param + ".type",
          "'"
              + param
              + ".type' is '"
              + Edge.printable(type)
              + "'; Armature takes messages, item references, function calls and their output");
    }
    String role = string(item, "role", param);
    String text = text(item.get("content"), param + ".content");
    switch (role) {
      case "user":
        messages.add(new Message(Message.Role.USER, text));
        break;
      case "assistant":
        messages.add(new Message(Message.Role.ASSISTANT, text));
        break;
      case "system":
      case "developer":
        system.add(text);
        break;
      default:
        throw ApiError.badRequest(
            "invalid_value",
            param + ".role",
            "'"
                + param
                + ".role' is '"
                + Edge.printable(role)
                + "'; it must be user, assistant, system or developer");
    }
  }

  private static String string(JsonNode item, String field, String param) {
    JsonNode value = item.get(field);
    if (value == null || !value.isTextual()) {
      throw ApiError.badRequest(
          "invalid_value", param + "." + field, "'" + param + "." + field + "' must be a string");
    }
    return value.asText();
  }

  /** A string, or a list of text parts ({@code input_text}, {@code output_text}, {@code text}). */
  private static String text(JsonNode content, String param) {
    if (content != null && content.isTextual()) {
      return content.asText();
    }
    if (content == null || !content.isArray()) {
      throw ApiError.badRequest(
          "invalid_value", param, "'" + param + "' must be a string or a list of text parts");
    }
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < content.size(); i++) {
      JsonNode part = content.get(i);
      String type = part.path("type").asText("");
      if (!List.of("input_text", "output_text", "text").contains(type)
          || !part.path("text").isTextual()) {
        throw ApiError.badRequest(
            "unsupported_parameter",
            param + "[" + i + "]",
            "'"
                + param
                + "["
                + i
                + "]' is not a text part (input_text or output_text with a 'text' string);"
                + " Armature takes text only");
      }
      parts.add(part.path("text").asText());
    }
    return String.join("\n", parts);
  }
}
