package dev.armature.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A recorded conversation ({@code conversations/*.yaml}): the rule set it runs on, the caller's
 * attributes, and per turn the user's text, the model's recorded replies and what the turn is
 * expected to do. See {@code docs/replay.md} for the format.
 *
 * @param file where it was read from
 * @param ruleSet the rule set's name, resolved against a rules root such as {@code rules/}
 * @param time the time every turn runs at on replay, unless a turn gives its own
 */
public record ConversationFile(
    Path file,
    String name,
    String ruleSet,
    Map<String, String> attributes,
    Instant time,
    List<Turn> turns) {
  /** Turns run at this time when a file gives none. */
  public static final Instant DEFAULT_TIME = Instant.parse("2026-01-01T00:00:00Z");

  public ConversationFile {
    Objects.requireNonNull(file, "file == null");
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(ruleSet, "ruleSet == null");
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    Objects.requireNonNull(time, "time == null");
    turns = List.copyOf(turns);
  }

  /**
   * One turn.
   *
   * @param line the line its {@code user} text is written on
   * @param answers what the model answered, call by call (empty when a rule responded)
   * @param time when the turn ran, or {@code null} for the file's time
   * @param recorded whether it was written by a recording, with every expectation
   */
  public record Turn(
      int line,
      String user,
      List<Answer> answers,
      Expect expect,
      Instant time,
      Recorded recorded,
      List<ToolRun> tools) {
    public Turn {
      Objects.requireNonNull(user, "user == null");
      answers = List.copyOf(answers);
      Objects.requireNonNull(expect, "expect == null");
      tools = tools == null ? null : List.copyOf(tools);
    }

    /** A turn with no tool call recorded. */
    public Turn(
        int line,
        String user,
        List<Answer> answers,
        Expect expect,
        Instant time,
        Recorded recorded) {
      this(line, user, answers, expect, time, recorded, null);
    }
  }

  /**
   * One tool call of a turn as recorded: replay feeds {@code detail} back as the tool's result (or
   * failure) instead of running the tool, and reports any call whose tool, arguments or outcome
   * differ.
   *
   * @param arguments the arguments as JSON text
   * @param outcome as in the trace: {@code ran}, {@code confirmed}, {@code error}, {@code timeout},
   *     {@code denied}, {@code parked}, {@code dropped}, ...
   * @param detail the result as JSON text, the failure, or the reason the model was given
   */
  public record ToolRun(String tool, String arguments, String outcome, String detail) {
    public ToolRun {
      Objects.requireNonNull(tool, "tool == null");
      Objects.requireNonNull(arguments, "arguments == null");
      Objects.requireNonNull(outcome, "outcome == null");
    }

    /** Whether the tool itself ran (or was given up on), so that replay feeds its result back. */
    public boolean ran() {
      return List.of("ran", "confirmed", "error", "timeout").contains(outcome);
    }
  }

  /** A tool call in a model's recorded answer. */
  public record Call(String id, String tool, String arguments) {
    public Call {
      Objects.requireNonNull(id, "id == null");
      Objects.requireNonNull(tool, "tool == null");
      Objects.requireNonNull(arguments, "arguments == null");
    }
  }

  /**
   * One model call as recorded: a reply, or a failure of a kind such as {@code unavailable}.
   *
   * @param error {@code null} for a reply
   */
  public record Answer(String text, String error, List<Call> calls) {
    public Answer {
      if ((text == null) == (error == null)) {
        throw new IllegalArgumentException(
            "an answer is either a reply or an error, not " + (text == null ? "neither" : "both"));
      }
      calls = calls == null ? List.of() : List.copyOf(calls);
    }

    public Answer(String text, String error) {
      this(text, error, List.of());
    }

    /** An answer that calls tools, with what text the model gave beside them. */
    public static Answer calling(String text, List<Call> calls) {
      return new Answer(text == null ? "" : text, null, calls);
    }

    public static Answer reply(String text) {
      return new Answer(text, null);
    }

    public static Answer error(String kind) {
      return new Answer(null, kind);
    }
  }

  /**
   * What a turn is expected to do; {@code null} fields are not checked.
   *
   * @param constructs exactly these constructs apply, in request order
   * @param rules the fired rules include these
   * @param vars after the turn, these variables have these values ({@code null}: unset)
   * @param outcome {@code generated}, {@code responded}, {@code retried-after-review}, {@code
   *     replaced-by-review} or {@code fallback}
   * @param digest the SHA-256 of the request, compared in strict mode
   * @param reply the text the user saw when a rule wrote it (outcome {@code responded}, {@code
   *     replaced-by-review} or {@code fallback}), so that changing a rule's {@code Respond} changes
   *     what the recording pins
   * @param lines the line of each field given, by name ({@code constructs}, {@code constructs[0]},
   *     ...)
   */
  public record Expect(
      List<String> constructs,
      List<String> rules,
      Map<String, String> vars,
      String outcome,
      String digest,
      String reply,
      Map<String, Integer> lines) {
    public static final Expect NONE = new Expect(null, null, null, null, null, null, Map.of());

    public Expect {
      constructs = constructs == null ? null : List.copyOf(constructs);
      rules = rules == null ? null : List.copyOf(rules);
      vars = vars == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(vars));
      lines = Map.copyOf(lines);
    }

    /** Whether nothing is expected. */
    public boolean isEmpty() {
      return constructs == null
          && rules == null
          && vars == null
          && outcome == null
          && digest == null
          && reply == null;
    }
  }

  /**
   * For information, written by a recording and not compared: the signals and the rule set version.
   */
  public record Recorded(String version, List<String> signals, List<String> dropped) {
    public Recorded {
      signals = List.copyOf(signals);
      dropped = List.copyOf(dropped);
    }
  }

  /**
   * Reads a conversation file.
   *
   * @throws ConversationFileException naming the file, line and field of the first problem
   */
  public static ConversationFile read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConversationFileException(file, 0, "", "cannot read: " + e);
    }
    return ConversationReader.read(file, text);
  }

  /** Writes this conversation to its file, in the layout a recording uses. */
  public void write() {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, ConversationWriter.write(this), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write " + file, e);
    }
  }

  /** This conversation as YAML, in the layout a recording uses. */
  public String toYaml() {
    return ConversationWriter.write(this);
  }
}
