package dev.armature.ruleset;

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

  static List<String> of(List<Object> objects) {
    List<Object> kept = new ArrayList<>(objects.size());
    for (Object o : objects) {
      // Engine-internal objects (the initial fact behind exists/not) carry identity hashes.
      if (!o.getClass().getName().startsWith("org.drools.")) {
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
