package dev.armature.ruleset;

import dev.armature.facts.Reply;
import dev.armature.signals.SignalDetector;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/**
 * The facts a rule matched, as the trace shows them: written out as text only when someone reads
 * them, since most turns' traces are never printed. Facts are immutable records, so the text is the
 * same whenever it is made.
 */
final class MatchedFacts extends AbstractList<String> {
  private final Object[] facts;

  private MatchedFacts(Object[] facts) {
    this.facts = facts;
  }

  /**
   * The facts of one match; a reply in which redacting signals were found is shown with their
   * matches removed, as the trace shows the reply itself.
   */
  static List<String> of(List<Object> objects, SignalDetector signals) {
    List<Object> kept = new ArrayList<>(objects.size());
    for (Object o : objects) {
      // Engine-internal objects (the initial fact behind exists/not) carry identity hashes.
      if (o instanceof Reply && !((Reply) o).redacted().isEmpty()) {
        Reply r = (Reply) o;
        kept.add(
            new Reply(
                signals.redact(r.text()),
                r.finishReason(),
                r.inputTokens(),
                r.outputTokens(),
                r.attempt(),
                r.redacted()));
      } else if (!o.getClass().getName().startsWith("org.drools.")) {
        kept.add(o);
      }
    }
    return new MatchedFacts(kept.toArray());
  }

  @Override
  public String get(int index) {
    return String.valueOf(facts[index]);
  }

  @Override
  public int size() {
    return facts.length;
  }
}
