package dev.armature.bench;

import dev.armature.Message;
import dev.armature.ModelParameters;
import dev.armature.Orchestrator;
import dev.armature.ruleset.RuleSetLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The same turn of the support rule set two ways, in one run: stateless, its state derived from
 * 20 earlier exchanges the request carries (each run through the rules with its recorded reply),
 * against kept, the conversation's state read from the in-memory store under its id. Dry-run model.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class StatelessBenchmark {
  static final int EARLIER = 20;

  Orchestrator orchestrator;
  final List<Message> earlier = new ArrayList<>();
  final String text = "Can I change the delivery address of that order?";
  long kept;

  @Setup
  public void setUp() {
    orchestrator =
        Orchestrator.builder().ruleSet(RuleSetLoader.load(Path.of("rules/support"))).build();
    for (int i = 0; i < EARLIER; i++) {
      String user = Messages.TEXTS.get(i % Messages.TEXTS.size());
      earlier.add(new Message(Message.Role.USER, user));
      earlier.add(
          new Message(Message.Role.ASSISTANT, "I understand. Here is what I can tell you: " + i));
    }
    for (int c = 0; c < 64; c++) {
      for (int i = 0; i < EARLIER; i++) {
        orchestrator.turn("kept-" + c, Messages.TEXTS.get(i % Messages.TEXTS.size()), Map.of());
      }
    }
  }

  /** 20 earlier exchanges derived, then the turn. */
  @Benchmark
  public Object statelessWith20Earlier() {
    return orchestrator.statelessTurn(
        "stateless-bench", earlier, text, Map.of(), ModelParameters.DEFAULTS);
  }

  /** The turn of a kept conversation that has had 20 turns (and keeps adding them). */
  @Benchmark
  public Object keptWithId() {
    String id = "kept-" + (kept++ % 64);
    return orchestrator.turn(id, text, Map.of());
  }
}
