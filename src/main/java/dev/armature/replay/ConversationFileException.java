package dev.armature.replay;

import dev.armature.ArmatureException;
import java.nio.file.Path;

/**
 * A conversation file cannot be read: bad YAML, a missing or mistyped field, an unknown rule set or
 * construct. The message names the file, the line and the field, such as {@code
 * conversations/refund.yaml:14: field 'turns[2].user': a turn needs the user's text}.
 */
public final class ConversationFileException extends ArmatureException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final int line;
  private final String field;

  ConversationFileException(Path file, int line, String field, String problem) {
    super(
        file + ":" + line + ": " + (field.isEmpty() ? "" : "field '" + field + "': ") + problem,
        null);
    this.file = file;
    this.line = line;
    this.field = field;
  }

  /** The conversation file. */
  public Path file() {
    return file;
  }

  /** The 1-based line of the problem, or 0 when it has none (an unreadable file). */
  public int line() {
    return line;
  }

  /** The field, such as {@code turns[2].expect.constructs[0]}, or empty for the file as a whole. */
  public String field() {
    return field;
  }

  @Override
  public boolean retriable() {
    return false;
  }
}
