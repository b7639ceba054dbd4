package dev.armature.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.armature.ClientTools;
import dev.armature.ToolRequest;
import dev.armature.ruleset.RuleSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A chat completion's client-side tools: the {@code tools} the client runs itself (each one the
 * rule set must declare), {@code tool_choice}, and the assistant {@code tool_calls} messages with
 * the {@code role: "tool"} messages answering them. Those after the last user message continue that
 * turn; every one is checked, wherever it is, so that a malformed one is a 400 naming it.
 */
final class ClientToolMessages {
  private ClientToolMessages() {}

  /**
   * The client's tools and, for the turn, its rounds so far.
   *
   * @throws ApiError 400 naming the field: a tool the rule set does not declare, a {@code
   *     tool_choice} the rules cannot honour, a malformed call or tool message, a tool message that
   *     answers no call, a call no tool message answers
   */
  static ClientTools of(JsonNode body, List<CompletionRequest.Message> messages, RuleSet ruleSet) {
    return of(names(body.get("tools"), ruleSet, ".function.name"), body, rounds(messages));
  }

  /**
   * The client's tools of a Responses API request ({@code tools[i].name}) and its rounds after the
   * last user message, read from its input by {@link ResponseInput}.
   */
  static ClientTools ofResponse(JsonNode body, List<ClientTools.Round> rounds, RuleSet ruleSet) {
    return of(names(body.get("tools"), ruleSet, ".name"), body, rounds);
  }

  private static ClientTools of(Set<String> names, JsonNode body, List<ClientTools.Round> rounds) {
    if (!rounds.isEmpty() && names.isEmpty()) {
      throw ApiError.badRequest(
          "invalid_value",
          "tools",
          "the messages after the last user message hold tool calls and their output, but the"
              + " request sends no 'tools': send the tools the client runs with every request of"
              + " the turn");
    }
    if (choice(body.get("tool_choice")).equals("none")) {
      if (!rounds.isEmpty()) {
        throw CompletionParameters.unsupported(
            "tool_choice",
            "'tool_choice' is 'none' while the turn continues with tool results; send 'auto'");
      }
      return ClientTools.NONE;
    }
    return new ClientTools(names, rounds);
  }

  /** The names of the tools; {@code field} is where a tool holds its name. */
  private static Set<String> names(JsonNode tools, RuleSet ruleSet, String field) {
    Set<String> names = new LinkedHashSet<>();
    if (tools == null || tools.isNull()) {
      return names;
    }
    if (!tools.isArray()) {
      throw invalid("tools", "'tools' must be a list of {\"type\": \"function\", ...}");
    }
    for (int i = 0; i < tools.size(); i++) {
      JsonNode tool = tools.get(i);
      String at = "tools[" + i + "]";
      if (!tool.isObject()) {
        throw invalid(at, "'" + at + "' must be an object");
      }
      if (!"function".equals(tool.path("type").asText())) {
        throw CompletionParameters.unsupported(
            at + ".type", "'" + at + ".type' must be 'function'; no other kind of tool is served");
      }
      JsonNode name =
          field.equals(".name") ? tool.path("name") : tool.path("function").path("name");
      if (!name.isTextual() || name.asText().isBlank()) {
        throw invalid(at + field, "'" + at + field + "' must be a tool's name");
      }
      if (!ruleSet.tools().containsKey(name.asText())) {
        throw ApiError.badRequest(
            "tool_not_declared",
            at + field,
            "'"
                + at
                + field
                + "': tool '"
                + name.asText()
                + "' is not declared by rule set '"
                + ruleSet.name()
                + "' (its tools: "
                + ruleSet.toolNames()
                + "); a client's tool is used only when the rule set declares it in ruleset.yaml"
                + " 'tools:', whose rules offer it and judge its calls");
      }
      if (!names.add(name.asText())) {
        throw invalid(at + field, "tool '" + name.asText() + "' is listed twice");
      }
    }
    return names;
  }

  private static String choice(JsonNode choice) {
    if (choice == null || choice.isNull()) {
      return "auto";
    }
    if (choice.isTextual() && List.of("auto", "none").contains(choice.asText())) {
      return choice.asText();
    }
    throw CompletionParameters.unsupported(
        "tool_choice",
        "'tool_choice' may be 'auto' or 'none': the rule set's rules decide which tools the model"
            + " is offered, so a client cannot require one");
  }

  /** The rounds after the last user message; every tool message and call is checked. */
  private static List<ClientTools.Round> rounds(List<CompletionRequest.Message> messages) {
    int lastUser = -1;
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i) != null && "user".equals(messages.get(i).role())) {
        lastUser = i;
      }
    }
    List<ClientTools.Round> rounds = new ArrayList<>();
    Open open = null;
    for (int i = 0; i < messages.size(); i++) {
      CompletionRequest.Message m = messages.get(i);
      String role = m == null ? null : m.role();
      if ("tool".equals(role)) {
        answer(open, m, i);
        continue;
      }
      if ("user".equals(role) || "assistant".equals(role)) {
        finish(open, rounds, lastUser);
        open = null;
      }
      if ("assistant".equals(role) && present(m.toolCalls())) {
        open = new Open(i, ChatCompletions.textOrEmpty(m.content(), i), calls(m.toolCalls(), i));
      }
    }
    finish(open, rounds, lastUser);
    return rounds;
  }

  /** An assistant message's calls waiting for their tool messages. */
  private record Open(
      int index, String text, List<ToolRequest> calls, Map<String, String> results) {
    Open(int index, String text, List<ToolRequest> calls) {
      this(index, text, calls, new LinkedHashMap<>());
    }
  }

  private static void answer(Open open, CompletionRequest.Message m, int i) {
    String at = "messages[" + i + "]";
    JsonNode id = m.toolCallId();
    if (id == null || !id.isTextual() || id.asText().isBlank()) {
      throw invalid(
          at + ".tool_call_id",
          "'" + at + ".tool_call_id' is required: the id of the tool call this result answers");
    }
    String callId = id.asText();
    if (open == null
        || open.calls().stream().noneMatch(c -> c.id().equals(callId))
        || open.results().containsKey(callId)) {
      throw invalid(
          at + ".tool_call_id",
          "'"
              + at
              + ".tool_call_id' is '"
              + callId
              + "', which answers no unanswered tool call of the assistant message before it");
    }
    if (m.content() == null || m.content().isNull()) {
      throw invalid(at + ".content", "'" + at + ".content' is required: the tool's result");
    }
    open.results().put(callId, ChatCompletions.text(m.content(), at + ".content"));
  }

  private static void finish(Open open, List<ClientTools.Round> rounds, int lastUser) {
    if (open == null) {
      return;
    }
    for (int j = 0; j < open.calls().size(); j++) {
      ToolRequest call = open.calls().get(j);
      if (!open.results().containsKey(call.id())) {
        String at = "messages[" + open.index() + "].tool_calls[" + j + "]";
        throw invalid(
            at,
            "'"
                + at
                + "' (id '"
                + call.id()
                + "') has no role 'tool' message answering it; each call needs one, after it");
      }
    }
    if (open.index() > lastUser) {
      rounds.add(new ClientTools.Round(open.text(), open.calls(), open.results()));
    }
  }

  private static List<ToolRequest> calls(JsonNode toolCalls, int i) {
    String at = "messages[" + i + "].tool_calls";
    if (!toolCalls.isArray()) {
      throw invalid(at, "'" + at + "' must be a list of tool calls");
    }
    List<ToolRequest> calls = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    for (int j = 0; j < toolCalls.size(); j++) {
      JsonNode call = toolCalls.get(j);
      String c = at + "[" + j + "]";
      JsonNode id = call.path("id");
      if (!id.isTextual() || id.asText().isBlank() || !ids.add(id.asText())) {
        throw invalid(c + ".id", "'" + c + ".id' must be the call's id, unique in its message");
      }
      if (call.has("type") && !"function".equals(call.path("type").asText())) {
        throw invalid(c + ".type", "'" + c + ".type' must be 'function'");
      }
      JsonNode name = call.path("function").path("name");
      if (!name.isTextual() || name.asText().isBlank()) {
        throw invalid(c + ".function.name", "'" + c + ".function.name' must be a tool's name");
      }
      JsonNode arguments = call.path("function").path("arguments");
      if (!arguments.isTextual()) {
        throw invalid(
            c + ".function.arguments",
            "'" + c + ".function.arguments' must be the arguments as a JSON string");
      }
      calls.add(new ToolRequest(id.asText(), name.asText(), arguments.asText()));
    }
    return calls;
  }

  /** An assistant message's tool calls, none when it has none (already checked by {@link #of}). */
  static List<ToolRequest> calls(CompletionRequest.Message m, int i) {
    return present(m.toolCalls()) ? calls(m.toolCalls(), i) : List.of();
  }

  private static boolean present(JsonNode node) {
    return node != null && !node.isNull() && !(node.isArray() && node.isEmpty());
  }

  private static ApiError invalid(String param, String message) {
    return CompletionParameters.invalid(param, message);
  }
}
