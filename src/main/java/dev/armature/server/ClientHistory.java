package dev.armature.server;

import dev.armature.Message;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The history an OpenAI client sends with a turn that names no conversation: the messages before
 * the last user message, which Armature runs through the rules to derive the turn's state.
 */
final class ClientHistory {
  /** Stateless turns are named {@code stateless-} and a digest of the messages that make them. */
  static final String PREFIX = "stateless-";

  private ClientHistory() {}

  /**
   * The user and assistant messages before the last user message, oldest first, with the tool calls
   * of assistant messages and the tool messages answering them (already checked by {@link
   * ClientToolMessages}); system and developer messages are not part of the history.
   */
  static List<Message> earlier(List<CompletionRequest.Message> messages) {
    int last = lastUser(messages);
    List<Message> earlier = new ArrayList<>();
    for (int i = 0; i < last; i++) {
      CompletionRequest.Message m = messages.get(i);
      if (m == null) {
        continue;
      }
      if ("user".equals(m.role())) {
        earlier.add(
            new Message(
                Message.Role.USER,
                ChatCompletions.text(m.content(), "messages[" + i + "].content")));
      } else if ("assistant".equals(m.role())) {
        earlier.add(
            new Message(
                Message.Role.ASSISTANT,
                ChatCompletions.text(m.content(), "messages[" + i + "].content"),
                ClientToolMessages.calls(m, i),
                null));
      } else if ("tool".equals(m.role())) {
        earlier.add(
            Message.toolResult(
                m.toolCallId().asText(),
                ChatCompletions.text(m.content(), "messages[" + i + "].content")));
      }
    }
    return earlier;
  }

  /**
   * The turn's name: the same messages always give the same one, so a client's retry or
   * "regenerate" is the same turn, and its trace is found under it.
   */
  static String id(List<Message> earlier, String text) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
    for (Message m : earlier) {
      sha.update(m.role().name().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(m.text().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      // Tool calls and results are part of what the history says (none in most histories).
      for (dev.armature.ToolRequest call : m.toolCalls()) {
        for (String part : new String[] {call.id(), call.name(), call.arguments()}) {
          sha.update(part.getBytes(StandardCharsets.UTF_8));
          sha.update((byte) 0);
        }
      }
      if (m.toolCallId() != null) {
        sha.update(m.toolCallId().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
    }
    sha.update(text.getBytes(StandardCharsets.UTF_8));
    return PREFIX + HexFormat.of().formatHex(sha.digest(), 0, 12);
  }

  private static int lastUser(List<CompletionRequest.Message> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i) != null && "user".equals(messages.get(i).role())) {
        return i;
      }
    }
    return 0;
  }
}
