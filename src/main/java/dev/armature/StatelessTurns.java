package dev.armature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
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

  /**
   * The conversation after the earlier exchanges, as the rules of {@code runner} make it. A state
   * derived lately from the same start of the history (same rule set version, attributes and
   * parameters) is taken from {@code derived}, and only the exchanges after it run. A state does
   * not depend on its conversation's name (a stateless turn's name is a digest of all its messages,
   * so each request of a chat has another), which is given to the state taken.
   */
  static Conversation derive(
      TurnRunner runner,
      ModelCaller caller,
      LongSupplier ticker,
      String conversationId,
      List<Message> earlier,
      Map<String, String> attributes,
      ModelParameters requested,
      int maxTextBytes,
      Derived derived) {
    List<Earlier> pairs = pairs(earlier);
    String[] history = Derived.chain(pairs);
    String version = runner.ruleSet().version();
    Conversation conversation = Conversation.start(conversationId);
    int from = 0;
    for (int k = pairs.size(); k > 0; k--) {
      Conversation known = derived.get(new Derived.Key(version, attributes, requested, history[k]));
      if (known != null) {
        conversation =
            new Conversation(
                conversationId, known.version(), known.turns(), known.vars(), known.recent());
        from = k;
        break;
      }
    }
    Recorded model = new Recorded();
    TurnRunner replaying = runner.answeredBy(model, caller);
    for (Earlier e : pairs.subList(from, pairs.size())) {
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
    derived.reused(from);
    if (from < pairs.size()) {
      derived.put(
          new Derived.Key(version, Map.copyOf(attributes), requested, history[pairs.size()]),
          conversation);
    }
    return conversation;
  }

  /**
   * States derived lately, by what they were derived from, least recently used out first: a client
   * that sends its whole history with each request continues from the state its previous request
   * derived, so the rules run about once per request however long the history. A turn is a pure
   * function of its inputs, so a state taken from here is the one derivation would make.
   */
  static final class Derived {
    /** The rule set version, the caller's attributes and parameters, and the exchanges' digest. */
    record Key(
        String version,
        Map<String, String> attributes,
        ModelParameters requested,
        String history) {}

    private final Map<Key, Conversation> states;
    private long reused;

    Derived(int capacity) {
      this.states =
          new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Conversation> eldest) {
              return size() > capacity;
            }
          };
    }

    synchronized Conversation get(Key key) {
      return states.get(key);
    }

    synchronized void put(Key key, Conversation state) {
      states.put(key, state);
    }

    synchronized void reused(int exchanges) {
      reused += exchanges;
    }

    /** How many earlier exchanges were taken from here rather than run, in all. */
    synchronized long reused() {
      return reused;
    }

    /** Element k: the SHA-256 of the first k exchanges, each depending on the one before. */
    static String[] chain(List<Earlier> pairs) {
      String[] chain = new String[pairs.size() + 1];
      chain[0] = "";
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int k = 0; k < pairs.size(); k++) {
          sha.update(chain[k].getBytes(StandardCharsets.US_ASCII));
          for (String part : new String[] {pairs.get(k).user(), pairs.get(k).reply()}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) ':');
            sha.update(bytes);
          }
          chain[k + 1] = HexFormat.of().formatHex(sha.digest());
        }
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is part of every Java platform", e);
      }
      return chain;
    }
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
