package dev.armature.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import dev.armature.ruleset.Phase;
import dev.armature.ruleset.RuleSession;
import org.kie.api.runtime.KieSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A whole turn (signals, decide, resolve, assemble, dry-run model, review, commit to the in-memory
 * store) against the floor under it: a bare session from the same KieBase given the same facts,
 * fired with the same bound, and disposed.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TurnBenchmark {

  /** The rule set and everything built on it, shared by all threads of a trial. */
  @State(Scope.Benchmark)
  public static class Shared {
    @Param({"support", "generated-100", "generated-1000"})
    public String ruleSet;

    Workload workload;
    final AtomicInteger threads = new AtomicInteger();

    @Setup(Level.Trial)
    public void setUp() {
      workload = new Workload(ruleSet);
    }
  }

  /** Where each thread is in the rotation; threads start half the conversations apart. */
  @State(Scope.Thread)
  public static class Cursor {
    long next;

    @Setup(Level.Trial)
    public void setUp(Shared shared) {
      next = (long) Workload.CONVERSATIONS * Workload.WARM_TURNS
          + shared.threads.getAndIncrement() * (Workload.CONVERSATIONS / 2 + 1);
    }
  }

  @Benchmark
  public Object turn(Shared shared, Cursor cursor) {
    return shared.workload.turn(cursor.next++);
  }

  /** The decide stage alone as Armature runs it: its session wrapper, listeners and trace records. */
  @Benchmark
  public Object decideStage(Shared shared, Cursor cursor) {
    Workload w = shared.workload;
    List<Object> facts = w.bareFacts.get((int) (cursor.next++ % Workload.BARE_SAMPLES));
    try (RuleSession session = w.ruleSet.openSession()) {
      return session.fire(Phase.DECIDE, facts);
    }
  }

  @Benchmark
  public int bareDrools(Shared shared, Cursor cursor) {
    Workload w = shared.workload;
    List<Object> facts = w.bareFacts.get((int) (cursor.next++ % Workload.BARE_SAMPLES));
    KieSession session = w.ruleSet.kieBase().newKieSession();
    try {
      for (Object fact : facts) {
        session.insert(fact);
      }
      return session.fireAllRules(w.ruleSet.maxFirings());
    } finally {
      session.dispose();
    }
  }
}
