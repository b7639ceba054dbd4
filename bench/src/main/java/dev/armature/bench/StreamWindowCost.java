package dev.armature.bench;

import dev.armature.Model;
import dev.armature.ModelReply;
import dev.armature.ModelRequest;
import dev.armature.Orchestrator;
import dev.armature.ruleset.RuleSetLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The CPU time of a streamed turn of rules/support with a held-back window of 40 characters (the
 * redacting signals and the review rules asked before each release) against the same turn with no
 * window, side by side in one run, as this thread's CPU time. The model streams a 400-character
 * reply in 70 pieces, on this thread.
 *
 * <pre>java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
 *     dev.armature.bench.StreamWindowCost</pre>
 */
public final class StreamWindowCost {
  private static final String REPLY =
      ("Your order left our warehouse on Monday and is with the courier now. It should reach you"
              + " within three working days; the tracking link in your confirmation email shows"
              + " where it is. ")
          .repeat(2);

  private StreamWindowCost() {}

  /** Streams {@link #REPLY} word by word. */
  static final class Words implements Model {
    @Override
    public ModelReply generate(ModelRequest request) {
      return ModelReply.of(REPLY);
    }

    @Override
    public ModelReply stream(ModelRequest request, Consumer<String> tokens) {
      for (String word : REPLY.split("(?<= )")) {
        tokens.accept(word);
      }
      return ModelReply.of(REPLY);
    }
  }

  public static void main(String[] args) throws IOException {
    Path windowed = copy(Path.of("rules/support"));
    Path yaml = windowed.resolve("ruleset.yaml");
    Files.writeString(yaml, Files.readString(yaml) + "\nstream:\n  window: 40\n");
    Orchestrator plain =
        Orchestrator.builder()
            .ruleSet(RuleSetLoader.load(Path.of("rules/support")))
            .model(new Words())
            .build();
    Orchestrator held =
        Orchestrator.builder().ruleSet(RuleSetLoader.load(windowed)).model(new Words()).build();
    String text = "Where is my order 1182?";
    StringBuilder sink = new StringBuilder();
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    int rounds = 15;
    int perRound = 40;
    double[] without = new double[rounds];
    double[] with = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long c0 = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < perRound; i++) {
        plain.stream("plain-" + r + "-" + i, text, Map.of(), sink::append);
      }
      long c1 = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < perRound; i++) {
        held.stream("held-" + r + "-" + i, text, Map.of(), sink::append);
      }
      long c2 = cpu.getCurrentThreadCpuTime();
      without[r] = (c1 - c0) / 1e3 / perRound;
      with[r] = (c2 - c1) / 1e3 / perRound;
      sink.setLength(0);
    }
    // The first rounds warm the JIT; the median of the last ten is reported.
    double w = median(Arrays.copyOfRange(with, 5, rounds));
    double n = median(Arrays.copyOfRange(without, 5, rounds));
    System.out.printf(
        "CPU per streamed turn (median of 10 rounds of %d, %d characters in %d pieces):"
            + " no window %.0f µs, window of 40 characters %.0f µs, difference %.2f ms%n",
        perRound, REPLY.length(), REPLY.split("(?<= )").length, n, w, (w - n) / 1000);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return (sorted[sorted.length / 2] + sorted[(sorted.length - 1) / 2]) / 2;
  }

  /** A copy in a temporary folder, so that the edit never touches rules/. */
  private static Path copy(Path source) {
    try {
      Path target = Files.createTempDirectory("armature-bench-window-");
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
