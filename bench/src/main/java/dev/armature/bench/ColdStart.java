package dev.armature.bench;

import dev.armature.Orchestrator;
import dev.armature.TurnResult;
import java.nio.file.Path;
import java.util.Map;

/**
 * Cold start as an application embedding Armature sees it: a fresh JVM loads a rule set, builds an
 * orchestrator and runs one turn. Prints the wall-clock time of the first decision as bash's
 * {@code EPOCHREALTIME} does (seconds, a dot, microseconds), for {@code bench/cold-start}, which
 * took the same clock before launching the JVM.
 *
 * <p>Usage: {@code ColdStart RULESET_FOLDER}.
 */
public final class ColdStart {
  private ColdStart() {}

  public static void main(String[] args) {
    try (Orchestrator orchestrator = Orchestrator.builder().rules(Path.of(args[0])).build()) {
      TurnResult result =
          orchestrator.turn(
              "cold-start",
              "Hi, I was charged twice for order 1182 and I'm annoyed",
              Map.of("tier", "gold", "channel", "web"));
      java.time.Instant now = java.time.Instant.now();
      if (result.trace().directives().isEmpty()) {
        System.err.println("cold start: the turn applied no construct");
      }
      System.out.printf("%d.%06d%n", now.getEpochSecond(), now.getNano() / 1000);
    }
  }
}
