package dev.armature.bench;

import dev.armature.ruleset.RuleSet;
import dev.armature.ruleset.RuleSetLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Rule set load time: {@link RuleSetLoader#load} (read, parse, check, compile to a KieBase) of each
 * rule set, the first load in the process and then {@code runs} more in the same warm process, as a
 * running server would reload an edited rule set. Prints one tab-separated line per rule set:
 * {@code name, rules, first ms, median ms, min ms}. Save-to-serving through the live rule set
 * (watcher, settle, load, swap) is {@link SaveToServing}.
 *
 * <p>Usage: {@code LoadTime RUNS NAME...} with names as in {@link Workload#folder}.
 */
public final class LoadTime {
  private LoadTime() {}

  public static void main(String[] args) {
    int runs = Integer.parseInt(args[0]);
    for (int a = 1; a < args.length; a++) {
      Path folder = Workload.folder(args[a]);
      long start = System.nanoTime();
      RuleSet first = RuleSetLoader.load(folder);
      double firstMs = (System.nanoTime() - start) / 1e6;
      List<Double> warm = new ArrayList<>();
      for (int r = 0; r < runs; r++) {
        long t = System.nanoTime();
        RuleSetLoader.load(folder);
        warm.add((System.nanoTime() - t) / 1e6);
      }
      Collections.sort(warm);
      System.out.printf(Locale.ROOT, "%s\t%d\t%.0f\t%.0f\t%.0f%n", args[a], first.rules().size(), firstMs,
          warm.get(warm.size() / 2), warm.get(0));
    }
  }
}
