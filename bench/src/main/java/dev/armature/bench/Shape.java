package dev.armature.bench;

import dev.armature.TurnResult;
import java.util.List;
import java.util.Locale;
import org.kie.api.runtime.KieSession;

/**
 * What a workload asks of the engine, averaged over turns: facts the bare floor inserts, facts the
 * measured turns insert (built from the conversation's state just before each, the way the turn
 * builds them: the two must agree for the comparison to be fair), signals detected, rules
 * fired by a whole turn (decide and review), rules fired by the bare session given the same facts,
 * and constructs applied, then the mean microseconds of each stage as the trace times it (signals,
 * decide, resolve, assemble, model, review, commit, total). Prints one tab-separated line per rule
 * set; 1,024 turns are measured after 24,480 turns of warm-up.
 * Usage: {@code Shape NAME...}.
 */
public final class Shape {
  private Shape() {}

  public static void main(String[] args) {
    for (String name : args) {
      Workload w = new Workload(name);
      int n = Workload.BARE_SAMPLES;
      long facts = 0;
      long bareFired = 0;
      for (List<Object> f : w.bareFacts) {
        facts += f.size();
        KieSession session = w.ruleSet.kieBase().newKieSession();
        f.forEach(session::insert);
        bareFired += session.fireAllRules(w.ruleSet.maxFirings());
        session.dispose();
      }
      long signals = 0;
      long fired = 0;
      long constructs = 0;
      long turnFacts = 0;
      long[] stages = new long[8];
      long start = (long) Workload.CONVERSATIONS * Workload.WARM_TURNS;
      for (long t = start; t < start + 20 * n; t++) {
        w.turn(t);
      }
      start += 20 * n;
      for (long t = start; t < start + n; t++) {
        turnFacts += w.facts(t - (long) Workload.CONVERSATIONS * Workload.WARM_TURNS).size();
        TurnResult r = (TurnResult) w.turn(t);
        signals += r.trace().signals().size();
        fired += r.trace().rules().size();
        constructs += r.trace().constructs().size();
        var timing = r.trace().timings();
        long[] lap = {timing.signals(), timing.decide(), timing.resolve(), timing.assemble(), timing.model(),
            timing.review(), timing.commit(), timing.total()};
        for (int i = 0; i < stages.length; i++) {
          stages[i] += lap[i];
        }
      }
      StringBuilder micros = new StringBuilder();
      for (long stage : stages) {
        micros.append(String.format(Locale.ROOT, "\t%.1f", stage / 1000.0 / n));
      }
      System.out.printf(Locale.ROOT, "%s\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f%s%n", name, w.ruleSet.rules().size(),
          (double) facts / n, (double) turnFacts / n, (double) signals / n, (double) fired / n, (double) bareFired / n, (double) constructs / n,
          micros);
    }
  }
}
