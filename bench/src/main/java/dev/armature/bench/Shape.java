package dev.armature.bench;

import dev.armature.TurnResult;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.kie.api.runtime.KieSession;

/**
 * What a workload asks of the engine and where a turn's time goes. Counts are means per turn: facts
 * the bare floor's samples insert, facts the measured turns insert (built from the conversation's
 * state just before each, the way the turn builds them: the two must agree for the comparison to be
 * fair), signals detected, rules fired by a whole turn (decide and review), rules fired by the bare
 * session, constructs applied. Times are medians in microseconds: each stage as the turn's trace
 * times it (signals, which includes the input checks and loading the conversation; decide; resolve;
 * assemble; model; review; commit; total), then the bare floor run on the very facts of each
 * measured turn, right after it, so that both see the same caches. 8,192 turns are measured after
 * 20,480 turns of warm-up. Usage: {@code Shape NAME...}.
 */
public final class Shape {
  private static final int MEASURED = 8 * Workload.BARE_SAMPLES;

  private Shape() {}

  public static void main(String[] args) {
    for (String name : args) {
      Workload w = new Workload(name);
      long facts = 0;
      long bareFired = 0;
      for (List<Object> f : w.bareFacts) {
        facts += f.size();
        bareFired += bare(w, f);
      }
      long signals = 0;
      long fired = 0;
      long constructs = 0;
      long turnFacts = 0;
      long[][] times = new long[9][MEASURED];
      long offset = (long) Workload.CONVERSATIONS * Workload.WARM_TURNS;
      long start = offset;
      for (long t = start; t < start + 20 * Workload.BARE_SAMPLES; t++) {
        w.turn(t);
      }
      start += 20 * Workload.BARE_SAMPLES;
      for (int i = 0; i < MEASURED; i++) {
        long t = start + i;
        List<Object> own = w.facts(t - offset);
        turnFacts += own.size();
        TurnResult r = (TurnResult) w.turn(t);
        long before = System.nanoTime();
        bare(w, own);
        times[8][i] = System.nanoTime() - before;
        signals += r.trace().signals().size();
        fired += r.trace().rules().size();
        constructs += r.trace().constructs().size();
        var timing = r.trace().timings();
        long[] lap = {timing.signals(), timing.decide(), timing.resolve(), timing.assemble(), timing.model(),
            timing.review(), timing.commit(), timing.total()};
        for (int k = 0; k < lap.length; k++) {
          times[k][i] = lap[k];
        }
      }
      StringBuilder micros = new StringBuilder();
      for (long[] stage : times) {
        Arrays.sort(stage);
        micros.append(String.format(Locale.ROOT, "\t%.1f", stage[MEASURED / 2] / 1000.0));
      }
      int n = Workload.BARE_SAMPLES;
      System.out.printf(Locale.ROOT, "%s\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f%s%n", name, w.ruleSet.rules().size(),
          (double) facts / n, (double) turnFacts / MEASURED, (double) signals / MEASURED, (double) fired / MEASURED,
          (double) bareFired / n, (double) constructs / MEASURED, micros);
    }
  }

  private static int bare(Workload w, List<Object> facts) {
    KieSession session = w.ruleSet.kieBase().newKieSession();
    try {
      facts.forEach(session::insert);
      return session.fireAllRules(w.ruleSet.maxFirings());
    } finally {
      session.dispose();
    }
  }
}
