package dev.armature.bench;

import dev.armature.Orchestrator;
import dev.armature.TurnResult;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;

/**
 * Cold start: a fresh JVM loads a rule set, builds an orchestrator and runs one turn. Prints the
 * wall-clock time at the first decision (epoch milliseconds, for the caller who timed the process
 * launch) and the milliseconds since the JVM's own start time, tab-separated.
 *
 * <p>Usage: {@code ColdStart RULESET_FOLDER}.
 */
public final class ColdStart {
  private ColdStart() {}

  public static void main(String[] args) {
    Orchestrator orchestrator = Orchestrator.builder().rules(Path.of(args[0])).build();
    TurnResult result = orchestrator.turn("cold-start", "Hi, I was charged twice for order 1182 and I'm annoyed",
        Map.of("tier", "gold", "channel", "web"));
    long now = System.currentTimeMillis();
    long sinceJvmStart = now - ManagementFactory.getRuntimeMXBean().getStartTime();
    if (result.trace().directives().isEmpty()) {
      System.err.println("cold start: the turn applied no construct");
    }
    System.out.println(now + "\t" + sinceJvmStart);
  }
}
