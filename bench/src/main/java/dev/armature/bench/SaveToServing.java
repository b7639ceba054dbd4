package dev.armature.bench;

import dev.armature.ruleset.LiveRuleSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Save to serving: a copy of a rule set is followed by a {@link LiveRuleSet}; each run appends a
 * rule to one of its .drl files and waits until the live rule set serves the new version. The time
 * covers the watcher noticing the save and letting it settle, loading, compiling and swapping.
 * Prints tab-separated: name, median ms, min ms, max ms.
 *
 * <p>Usage: {@code SaveToServing RUNS NAME...} with names as in {@link Workload#folder}.
 */
public final class SaveToServing {
  private static final long TIMEOUT_NANOS = 60_000_000_000L;

  private SaveToServing() {}

  public static void main(String[] args) throws InterruptedException {
    int runs = Integer.parseInt(args[0]);
    for (int a = 1; a < args.length; a++) {
      // NAME-nogate: the same rule set with its gate: line removed, to show what the gate costs.
      boolean noGate = args[a].endsWith("-nogate");
      Path folder = copy(Workload.folder(noGate ? args[a].replace("-nogate", "") : args[a]));
      if (noGate) {
        withoutGate(folder.resolve("ruleset.yaml"));
      }
      Path drl = firstDrl(folder);
      List<Double> times = new ArrayList<>();
      try (LiveRuleSet live = LiveRuleSet.load(folder, Clock.systemUTC())) {
        live.watch();
        Thread.sleep(500);
        for (int r = 0; r < runs; r++) {
          String before = live.current().version();
          long saved = System.nanoTime();
          // A rule that never fires: the edit checks clean and changes no gate conversation.
          append(drl, "\nrule \"bench edit " + r + "\"\nwhen\n    Turn(number == " + (-1 - r) + ")\n"
              + "then\n    insert(new SetVar(\"bench\", \"" + r + "\"));\nend\n");
          while (live.current().version().equals(before)) {
            if (System.nanoTime() - saved > TIMEOUT_NANOS) {
              throw new IllegalStateException("rule set '" + args[a] + "' did not swap within 60 s of a save: "
                  + live.status());
            }
            Thread.sleep(1);
          }
          times.add((System.nanoTime() - saved) / 1e6);
          Thread.sleep(300);
        }
      }
      Collections.sort(times);
      System.out.printf(Locale.ROOT, "%s\t%.0f\t%.0f\t%.0f%n", args[a], times.get(times.size() / 2), times.get(0),
          times.get(times.size() - 1));
    }
    System.exit(0);
  }

  private static void withoutGate(Path yaml) {
    try {
      Files.writeString(yaml, Files.readString(yaml).replaceAll("(?m)^gate:.*\\n", ""));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot edit " + yaml, e);
    }
  }

  private static void append(Path file, String text) {
    try {
      Files.writeString(file, text, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot edit " + file, e);
    }
  }

  private static Path firstDrl(Path folder) {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(p -> p.toString().endsWith(".drl")).sorted().findFirst()
          .orElseThrow(() -> new IllegalStateException("no .drl under " + folder));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A copy in a temporary folder, so that the edits never touch the rule set under rules/. */
  private static Path copy(Path source) {
    try {
      Path target = Files.createTempDirectory("armature-bench-live-");
      try (Stream<Path> walk = Files.walk(source)) {
        for (Path p : (Iterable<Path>) walk::iterator) {
          Path to = target.resolve(source.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(to);
          } else {
            Files.copy(p, to);
          }
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + source, e);
    }
  }
}
