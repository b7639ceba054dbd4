package dev.armature;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The state of a conversation the caller keeps, derived from its messages: each earlier user
 * message is run through the rules with the assistant message after it as the model's reply, as a
 * replay does. A turn is a pure function of rule set version, state, input and reply, so the state
 * is the one the conversation would have had if Armature had kept it. Nothing is stored.
 */
final class StatelessTurns {
  private StatelessTurns() {}

  /** One earlier exchange: a user message and the reply the client showed after it. */
  record Earlier(String user, String reply) {}

  /**
   * Pairs the messages: a user message with the assistant messages after it (joined with a blank
   * line; none is an empty reply). System messages and leading assistant messages are skipped.
   */
  static List<Earlier> pairs(List<Message> messages) {
    List<Earlier> pairs = new ArrayList<>();
    String user = null;
    StringBuilder reply = new StringBuilder();
    for (Message m : messages) {
      if (m.role() == Message.Role.USER) {
        if (user != null) {
          pairs.add(new Earlier(user, reply.toString()));
        }
        user = m.text();
        reply.setLength(0);
      } else if (m.role() == Message.Role.ASSISTANT && user != null) {
        reply.append(reply.length() == 0 ? "" : "\n\n").append(m.text());
      }
    }
    if (user != null) {
      pairs.add(new Earlier(user, reply.toString()));
    }
    return pairs;
  }

  /** The conversation after the earlier exchanges, as the rules of {@code runner} make it. */
  static Conversation derive(
      TurnRunner runner,
      ModelCaller caller,
      LongSupplier ticker,
      String conversationId,
      List<Message> earlier,
      Map<String, String> attributes,
      ModelParameters requested,
      int maxTextBytes) {
    Recorded model = new Recorded();
    TurnRunner replaying = runner.answeredBy(model, caller);
    Conversation conversation = Conversation.start(conversationId);
    for (Earlier e : pairs(earlier)) {
      if (e.user().isBlank()) {
        continue;
      }
      Limits.check(conversationId, e.user(), attributes, maxTextBytes);
      model.reply = e.reply();
      conversation =
          replaying
              .run(conversation, e.user(), attributes, requested, ticker.getAsLong(), null)
              .next();
    }
    return conversation;
  }

  /** Answers every call with the reply the client recorded. */
  static final class Recorded implements Model {
    private volatile String reply = "";

    @Override
    public ModelReply generate(ModelRequest request) {
      return new ModelReply(reply, "stop", 0, 0);
    }
  }
}
