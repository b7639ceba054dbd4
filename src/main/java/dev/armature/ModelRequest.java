package dev.armature;

import java.util.List;
import java.util.Objects;

/**
 * What Armature asks a model: the messages (system message first, then the history window, then the
 * user's text), the parameters, and for fakes and the dry-run model the directives behind it.
 *
 * @param route the named route a rule chose, or {@code null} for the default model
 */
public record ModelRequest(
    List<Message> messages, ModelParameters parameters, List<String> directives, String route) {
  public ModelRequest {
    messages = List.copyOf(messages);
    Objects.requireNonNull(parameters, "parameters == null");
    directives = List.copyOf(directives);
  }

  /** The system message's text. */
  public String system() {
    return messages.get(0).text();
  }

  /** The last message's text: the user's message of this turn. */
  public String userText() {
    return messages.get(messages.size() - 1).text();
  }
}
