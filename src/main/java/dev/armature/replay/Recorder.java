package dev.armature.replay;

import dev.armature.Model;
import dev.armature.ModelException;
import dev.armature.ModelReply;
import dev.armature.ModelRequest;
import dev.armature.Orchestrator;
import dev.armature.Trace;
import dev.armature.TurnResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Records a live conversation as a conversation file that replays exactly.
 *
 * <pre>{@code
 * Recorder recorder = Recorder.start("double charge", Map.of("tier", "gold"));
 * Orchestrator orchestrator = Orchestrator.builder().rules(dir).model(recorder.model(chatModel)).build();
 * recorder.turn(orchestrator, "c-1", "I was charged twice for order 1182");
 * recorder.write(Path.of("conversations/double-charge.yaml"));
 * }</pre>
 *
 * <p>The file holds the user's text as typed (replay must detect the same signals, redacted ones
 * included) and the model's replies as the model gave them, through {@link #model(Model)}. It never
 * holds a secret: attributes named like a key, token, secret or password are refused, and the value
 * of any environment variable named that way is removed from the text written. Not thread-safe: one
 * recorder records one conversation.
 */
public final class Recorder {
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(key|token|secret|passw|credential|auth).*");

  private final String name;
  private final Map<String, String> attributes;
  private final List<ConversationFile.Turn> turns = new ArrayList<>();
  private final List<ConversationFile.Answer> calls = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private String ruleSet;
  private Instant start;

  private Recorder(String name, Map<String, String> attributes) {
    this.name = name;
    this.attributes = new LinkedHashMap<>(attributes);
  }

  /**
   * A recorder for one conversation with these caller attributes.
   *
   * @throws IllegalArgumentException when an attribute is named like a secret
   */
  public static Recorder start(String name, Map<String, String> attributes) {
    Objects.requireNonNull(name, "name == null");
    for (String attribute : attributes.keySet()) {
      if (SECRET_NAME.matcher(attribute).matches()) {
        throw new IllegalArgumentException(
            "attribute '"
                + attribute
                + "' is named like a secret, and conversation "
                + "files never hold secrets; give it another name or leave it out of the recording");
      }
    }
    return new Recorder(name, attributes);
  }

  /** {@code model}, with every answer it gives or failure it reports kept for the file. */
  public Model model(Model model) {
    Objects.requireNonNull(model, "model == null");
    return new Model() {
      @Override
      public ModelReply generate(ModelRequest request) {
        return kept(() -> model.generate(request));
      }

      @Override
      public ModelReply stream(ModelRequest request, Consumer<String> tokens) {
        return kept(() -> model.stream(request, tokens));
      }
    };
  }

  private ModelReply kept(java.util.function.Supplier<ModelReply> call) {
    int slot;
    synchronized (calls) {
      slot = calls.size();
      calls.add(null);
    }
    try {
      ModelReply reply = call.get();
      set(slot, reply == null ? null : answer(reply));
      return reply;
    } catch (ModelException e) {
      set(slot, ConversationFile.Answer.error(e.kind().label()));
      throw e;
    } catch (RuntimeException e) {
      set(slot, ConversationFile.Answer.error("unavailable"));
      throw e;
    }
  }

  /** A reply as a recording keeps it: its text, and the tools it called. */
  static ConversationFile.Answer answer(ModelReply reply) {
    if (reply.toolCalls().isEmpty()) {
      return ConversationFile.Answer.reply(reply.text());
    }
    List<ConversationFile.Call> calls = new ArrayList<>();
    reply
        .toolCalls()
        .forEach(c -> calls.add(new ConversationFile.Call(c.id(), c.name(), c.arguments())));
    return ConversationFile.Answer.calling(reply.text(), calls);
  }

  private void set(int slot, ConversationFile.Answer answer) {
    synchronized (calls) {
      calls.set(slot, answer);
    }
  }

  /**
   * Runs a turn with this recorder's attributes and records it; a turn that fails is not recorded.
   */
  public TurnResult turn(Orchestrator orchestrator, String conversationId, String text) {
    synchronized (calls) {
      calls.clear();
    }
    TurnResult result = orchestrator.turn(conversationId, text, attributes);
    Trace trace = result.trace();
    if (ruleSet == null) {
      ruleSet = trace.ruleSet();
      start = trace.time();
    }
    if (!trace.input().text().equals(text)) {
      warnings.add(
          "turn "
              + trace.turn()
              + ": the rule set redacts part of this text; the file holds it as typed, "
              + "so that replay detects it again");
    }
    ConversationFile.Expect expect =
        Snapshot.expect(trace, orchestrator.conversation(conversationId).vars());
    turns.add(
        new ConversationFile.Turn(
            turns.size() + 1,
            text,
            answers(trace),
            expect,
            trace.time().equals(start) ? null : trace.time(),
            Snapshot.recorded(trace),
            trace.tools().isEmpty() ? null : RecordedTools.of(trace)));
    return result;
  }

  /** Each model call of the turn, in order: what the model said, or how it failed. */
  private List<ConversationFile.Answer> answers(Trace trace) {
    List<ConversationFile.Answer> answers = new ArrayList<>();
    int slot = 0;
    synchronized (calls) {
      for (Trace.ModelCall call : trace.calls()) {
        if (call.outcome().equals("circuit-open")) {
          continue;
        }
        ConversationFile.Answer kept = slot < calls.size() ? calls.get(slot) : null;
        slot++;
        if (!call.outcome().equals("ok")) {
          answers.add(ConversationFile.Answer.error(call.outcome()));
        } else if (kept != null && kept.error() == null) {
          answers.add(kept);
        } else {
          // The model was not wrapped with model(Model): the trace's reply is the best there is.
          trace.attempts().stream()
              .filter(a -> a.attempt() == call.attempt())
              .findFirst()
              .ifPresent(a -> answers.add(ConversationFile.Answer.reply(a.reply())));
        }
      }
    }
    return answers;
  }

  /** What the recording could not keep exactly, such as redacted text; empty when all is well. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /** The conversation recorded so far, for {@code file}. */
  public ConversationFile conversation(Path file) {
    if (turns.isEmpty()) {
      throw new IllegalStateException("conversation '" + name + "' has no recorded turn");
    }
    return new ConversationFile(file, name, ruleSet, attributes, start, turns);
  }

  /**
   * Writes the conversation recorded so far to {@code file}, with the environment's secrets
   * removed.
   */
  public void write(Path file) {
    String yaml = scrub(conversation(file).toYaml(), System.getenv());
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.writeString(file, yaml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * {@code text} with the value of every variable named like a secret (8 characters or more)
   * removed.
   */
  static String scrub(String text, Map<String, String> env) {
    String out = text;
    for (Map.Entry<String, String> e : env.entrySet()) {
      String value = e.getValue();
      if (SECRET_NAME.matcher(e.getKey()).matches()
          && value != null
          && value.length() >= 8
          && out.contains(value)) {
        out = out.replace(value, "[" + e.getKey() + " removed]");
      }
    }
    return out;
  }
}
