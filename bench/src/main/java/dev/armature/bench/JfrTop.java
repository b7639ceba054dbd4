package dev.armature.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarizes a JFR recording's CPU samples of benchmark threads: the top frames by self time and
 * Armature's methods by inclusive time, in percent of samples that ran inside a turn.
 * Usage: {@code JfrTop FILE.jfr [ROOT_METHOD]} where the root method (default
 * {@code TurnBenchmark.turn}) selects the samples counted.
 */
public final class JfrTop {
  private JfrTop() {}

  public static void main(String[] args) throws IOException {
    String root = args.length > 1 ? args[1] : "TurnBenchmark.turn";
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> inclusive = new HashMap<>();
    int total = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
        continue;
      }
      List<RecordedFrame> frames = e.getStackTrace().getFrames();
      if (frames.stream().noneMatch(f -> name(f).contains(root))) {
        continue;
      }
      total++;
      self.merge(name(frames.get(0)), 1, Integer::sum);
      Set<String> seen = new HashSet<>();
      for (RecordedFrame f : frames) {
        String n = name(f);
        if (seen.add(n)) {
          inclusive.merge(n, 1, Integer::sum);
        }
      }
    }
    System.out.println("samples in " + root + ": " + total);
    System.out.println("\ntop frames by self time");
    print(self, total, 25, "");
    System.out.println("\nArmature and Drools entry points by inclusive time");
    print(inclusive, total, 60, "dev.armature");
    print(inclusive, total, 12, "org.drools.kiesession.session.StatefulKnowledgeSessionImpl");
  }

  private static void print(Map<String, Integer> counts, int total, int limit, String prefix) {
    counts.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
        .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())).limit(limit)
        .forEach(e -> System.out.printf(Locale.ROOT, "%5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
  }

  private static String name(RecordedFrame f) {
    RecordedMethod m = f.getMethod();
    return m == null ? "?" : m.getType().getName() + "." + m.getName();
  }
}
