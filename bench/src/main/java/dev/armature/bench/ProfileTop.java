package dev.armature.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Summarizes a CPU or allocation profile of a benchmark: the top frames by self samples and
 * Armature's methods by inclusive samples, in percent of the samples taken inside the root method.
 * Reads a JFR recording ({@code .jfr}: its execution samples) or async-profiler's collapsed stacks
 * (any other file: one {@code frame;frame;...;leaf count} line per stack, as {@code bench/profile}
 * writes them). Usage: {@code ProfileTop FILE [ROOT_METHOD]}; the root method defaults to
 * {@code TurnBenchmark.turn}.
 */
public final class ProfileTop {
  private final Map<String, Long> self = new HashMap<>();
  private final Map<String, Long> inclusive = new HashMap<>();
  private final String root;
  private long total;

  private ProfileTop(String root) {
    this.root = root;
  }

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    ProfileTop top = new ProfileTop(args.length > 1 ? args[1] : "TurnBenchmark.turn");
    if (file.toString().endsWith(".jfr")) {
      top.readJfr(file);
    } else {
      top.readCollapsed(file);
    }
    top.print();
  }

  private void readJfr(Path file) throws IOException {
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      if (e.getEventType().getName().equals("jdk.ExecutionSample") && e.getStackTrace() != null) {
        List<String> leafFirst = new ArrayList<>();
        for (RecordedFrame f : e.getStackTrace().getFrames()) {
          RecordedMethod m = f.getMethod();
          leafFirst.add(m == null ? "?" : m.getType().getName() + "." + m.getName());
        }
        add(leafFirst, 1);
      }
    }
  }

  private void readCollapsed(Path file) throws IOException {
    for (String line : Files.readAllLines(file)) {
      int space = line.lastIndexOf(' ');
      if (space < 0) {
        continue;
      }
      List<String> leafFirst = new ArrayList<>();
      for (String frame : line.substring(0, space).split(";")) {
        leafFirst.add(0, frame.replace('/', '.'));
      }
      add(leafFirst, Long.parseLong(line.substring(space + 1).trim()));
    }
  }

  private void add(List<String> leafFirst, long samples) {
    if (leafFirst.isEmpty() || leafFirst.stream().noneMatch(f -> f.contains(root))) {
      return;
    }
    total += samples;
    self.merge(leafFirst.get(0), samples, Long::sum);
    Set<String> seen = new HashSet<>();
    for (String frame : leafFirst) {
      if (seen.add(frame)) {
        inclusive.merge(frame, samples, Long::sum);
      }
    }
  }

  private void print() {
    System.out.println("samples in " + root + ": " + total);
    System.out.println("\ntop frames by self samples");
    print(self, 25, "");
    System.out.println("\nArmature and Drools entry points by inclusive samples");
    print(inclusive, 60, "dev.armature");
    print(inclusive, 12, "org.drools.kiesession.session.StatefulKnowledgeSessionImpl");
  }

  private void print(Map<String, Long> counts, int limit, String prefix) {
    counts.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(limit)
        .forEach(e -> System.out.printf(Locale.ROOT, "%5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
  }
}
