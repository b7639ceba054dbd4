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

  /**
   * One earlier exchange: a user message, the reply the client showed after it, and the rounds of
   * the client's own tools that the turn went through before that reply.
   */
  record Earlier(String user, String reply, List<ClientTools.Round> rounds) {
    Earlier(String user, String reply) {
      this(user, reply, List.of());
    }
  }

  /**
   * Pairs the messages: a user message with the assistant messages after it (joined with a blank
   * line; none is an empty reply), and the tool calls among them with the tool messages answering
   * them. System messages and leading assistant messages are skipped.
   */
  static List<Earlier> pairs(List<Message> messages) {
    List<Earlier> pairs = new ArrayList<>();
    String user = null;
    StringBuilder reply = new StringBuilder();
    List<ClientTools.Round> rounds = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      if (m.role() == Message.Role.USER) {
        if (user != null) {
          pairs.add(new Earlier(user, reply.toString(), rounds));
        }
        user = m.text();
        reply.setLength(0);
        rounds = new ArrayList<>();
      } else if (m.role() == Message.Role.ASSISTANT && user != null && !m.toolCalls().isEmpty()) {
        Map<String, String> results = new LinkedHashMap<>();
        for (int j = i + 1; j < messages.size(); j++) {
          Message r = messages.get(j);
          if (r.role() != Message.Role.TOOL) {
            break;
          }
          results.put(r.toolCallId(), r.text());
        }
        rounds.add(new ClientTools.Round(m.text(), m.toolCalls(), results));
      } else if (m.role() == Message.Role.ASSISTANT && user != null) {
        reply.append(reply.length() == 0 ? "" : "\n\n").append(m.text());
      }
    }
    if (user != null) {
      pairs.add(new Earlier(user, reply.toString(), rounds));
    }
    return pairs;
  }

  /**
   * The conversation after the earlier exchanges, as the rules of {@code runner} make it. A state
   * derived lately from the same start of the history (same rule set version, attributes and
   * parameters) is taken from {@code derived}, and only the exchanges after it run. A state does
   * not depend on its conversation's name (a stateless turn's name is a digest of all its messages,
   * so each request of a chat has another), which is given to the state taken.
   *
   * <p>Where the client runs the tools {@code clientTools}, an earlier turn that called them runs
   * its rounds again, its calls judged and its results read by the rules, as when it ran.
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
      Derived derived,
      java.util.Set<String> clientTools) {
    List<Earlier> pairs = pairs(earlier);
    String[] history = Derived.chain(pairs, clientTools);
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
              .run(
                  conversation,
                  e.user(),
                  attributes,
                  requested,
                  ticker.getAsLong(),
                  null,
                  e.rounds().isEmpty()
                      ? ClientTools.NONE
                      : new ClientTools(clientTools, e.rounds()))
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
      return chain(pairs, java.util.Set.of());
    }

    /**
     * The chain where the client runs {@code clientTools}: an exchange with tool rounds also hashes
     * them and the tools (which decide what its calls became).
     */
    static String[] chain(List<Earlier> pairs, java.util.Set<String> clientTools) {
      String[] chain = new String[pairs.size() + 1];
      chain[0] = "";
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int k = 0; k < pairs.size(); k++) {
          sha.update(chain[k].getBytes(StandardCharsets.US_ASCII));
          Earlier e = pairs.get(k);
          String rounds =
              e.rounds().isEmpty()
                  ? ""
                  : new java.util.TreeSet<>(clientTools) + Json.write(e.rounds());
          List<String> parts = new ArrayList<>(List.of(e.user(), e.reply()));
          if (!rounds.isEmpty()) {
            parts.add(rounds);
          }
          for (String part : parts) {
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
