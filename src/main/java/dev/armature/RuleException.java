package dev.armature;

/**
 * A rule misbehaved while a turn ran: it fired without end, its action threw, or it named a
 * construct, variable or route that does not exist. The message names the rule. The turn changed
 * nothing; the rule set must be fixed.
 */
public final class RuleException extends ArmatureException {
  private static final long serialVersionUID = 1L;
  private final String rule;

  public RuleException(String rule, String message, Throwable cause) {
    super(message, cause);
    this.rule = rule;
  }

  /** The name of the rule at fault. */
  public String rule() {
    return rule;
  }

  @Override
  public boolean retriable() {
    return false;
  }
}
