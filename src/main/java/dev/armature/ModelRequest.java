package dev.armature;

import java.util.List;
import java.util.Objects;

/**
 * What Armature asks a model: the messages (system message first, then the history window, then the
 * user's text, then any tool calls and results of this turn), the parameters, the tools the rules
 * offered, and for fakes and the dry-run model the directives behind it.
 *
 * @param route the named route a rule chose, or {@code null} for the default model
 * @param tools the tools the model may call; empty when the rules offered none
 */
public record ModelRequest(
    List<Message> messages,
    ModelParameters parameters,
    List<String> directives,
    String route,
    List<ToolSpec> tools) {
  public ModelRequest {
    messages = List.copyOf(messages);
    Objects.requireNonNull(parameters, "parameters == null");
    directives = List.copyOf(directives);
    tools = List.copyOf(tools);
  }

  /** A request that offers no tools. */
  public ModelRequest(
      List<Message> messages, ModelParameters parameters, List<String> directives, String route) {
    this(messages, parameters, directives, route, List.of());
  }

  /** The system message's text. */
  public String system() {
    return messages.get(0).text();
  }

  /** The user's message of this turn: the last message from the user. */
  public String userText() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role() == Message.Role.USER) {
        return messages.get(i).text();
      }
    }
    return messages.get(messages.size() - 1).text();
  }

  /** This request with more messages at its end and the tools it offers. */
  ModelRequest continued(List<Message> more, List<ToolSpec> offered) {
    List<Message> all = new java.util.ArrayList<>(messages);
    all.addAll(more);
    return new ModelRequest(all, parameters, directives, route, offered);
  }
}
