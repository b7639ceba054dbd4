package dev.armature;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A rule set could not be loaded. Each problem names the file, line and column; the message lists
 * them one per line as {@code file:line:col: message}.
 */
public final class RuleSetException extends ArmatureException {
  private static final long serialVersionUID = 1L;
  private final transient List<Problem> problems;

  public RuleSetException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")), null);
    this.problems = List.copyOf(problems);
  }

  public RuleSetException(Problem problem) {
    this(List.of(problem));
  }

  /** The problems found, in file order. */
  public List<Problem> problems() {
    return problems;
  }

  @Override
  public boolean retriable() {
    return false;
  }
}
