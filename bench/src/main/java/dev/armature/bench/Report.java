package dev.armature.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the result files of one {@code bench/run} into the markdown tables of BENCHMARKS.md:
 * {@code sample.json}, {@code thrpt1.json}, {@code thrpt2.json} (JMH), {@code load.tsv},
 * {@code save.tsv}, {@code cold.tsv}, {@code memory.tsv} and {@code server.tsv}. Usage: {@code Report RESULTS_FOLDER}.
 */
public final class Report {
  private static final List<String> SETS = List.of("support", "generated-100", "generated-1000");
  /** The ways {@code bench/cold-start} starts Armature, as the tables name them. */
  private static final Map<String, String> COLD_WAYS = Map.of(
      "launcher", "`./armature chat` (launcher flags, class archive)",
      "launcher, no archive", "`./armature chat`, `ARMATURE_CLASS_ARCHIVE=off`",
      "embedded", "embedded (`ColdStart`, default JVM flags, no archive)");

  private final Path dir;
  private final StringBuilder out = new StringBuilder();
  private final List<String[]> goals = new ArrayList<>();

  private Report(Path dir) {
    this.dir = dir;
  }

  public static void main(String[] args) throws IOException {
    Report report = new Report(Path.of(args[0]));
    report.write();
    System.out.print(report.out);
  }

  /** One JMH result: primary score, percentiles, allocation per operation. */
  private record Result(double score, double p50, double p99, double alloc) {}

  private void write() throws IOException {
    Map<String, Result> sample = jmh("sample.json");
    Map<String, Result> thrpt1 = jmh("thrpt1.json");
    Map<String, Result> thrpt2 = jmh("thrpt2.json");
    Map<String, String[]> load = tsv("load.tsv");
    Map<String, String[]> save = tsv("save.tsv");

    line("### Turn against bare Drools, same KieBase, same facts (1 thread, JMH SampleTime)");
    line("");
    line("| rule set | rules | turn p50 µs | bare p50 µs | **ratio p50** | turn p99 µs | bare p99 µs | ratio p99 "
        + "| turn alloc/op | bare alloc/op | decide stage alone p50 µs |");
    line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (String set : SETS) {
      Result turn = sample.get("turn/" + set);
      Result bare = sample.get("bareDrools/" + set);
      if (turn == null || bare == null) {
        continue;
      }
      Result decide = sample.get("decideStage/" + set);
      line(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | **%.2f×** | %.1f | %.1f | %.2f× | %s | %s | %s |", set,
          load.containsKey(set) ? load.get(set)[1] : "?", turn.p50, bare.p50, turn.p50 / bare.p50, turn.p99, bare.p99,
          turn.p99 / bare.p99, bytes(turn.alloc), bytes(bare.alloc),
          decide == null ? "" : String.format(Locale.ROOT, "%.1f", decide.p50)));
    }
    line("");
    line("### Throughput in process (JMH Throughput, operations per second)");
    line("");
    line("| rule set | turn/s 1 thread | bare/s 1 thread | turn/s 2 threads | bare/s 2 threads | turn scaling 1→2 |");
    line("|---|---:|---:|---:|---:|---:|");
    for (String set : SETS) {
      Result t1 = thrpt1.get("turn/" + set);
      Result b1 = thrpt1.get("bareDrools/" + set);
      Result t2 = thrpt2.get("turn/" + set);
      Result b2 = thrpt2.get("bareDrools/" + set);
      if (t1 == null || t2 == null) {
        continue;
      }
      line(String.format(Locale.ROOT, "| %s | %,.0f | %s | %,.0f | %s | %.2f× |", set, t1.score,
          b1 == null ? "" : String.format(Locale.ROOT, "%,.0f", b1.score), t2.score,
          b2 == null ? "" : String.format(Locale.ROOT, "%,.0f", b2.score), t2.score / t1.score));
    }
    line("");
    line("### Rule set load (RuleSetLoader.load: read, parse, check, compile)");
    line("");
    line("| rule set | rules | first load in the JVM ms | warm reload median ms | warm reload min ms "
        + "| save to serving median ms (min–max) |");
    line("|---|---:|---:|---:|---:|---:|");
    for (String set : SETS) {
      String[] l = load.get(set);
      if (l != null) {
        String[] v = save.get(set);
        line("| " + set + " | " + l[1] + " | " + l[2] + " | " + l[3] + " | " + l[4] + " | "
            + (v == null ? "not measured" : v[1] + " (" + v[2] + "–" + v[3] + ")") + " |");
      }
    }
    line("");
    Map<String, List<double[]>> cold = new LinkedHashMap<>();
    for (String[] c : rows("cold.tsv")) {
      cold.computeIfAbsent(c[0], way -> new ArrayList<>())
          .add(new double[] {Double.parseDouble(c[1]), Double.parseDouble(c[2])});
    }
    line("### Cold start, rules/support (fresh JVM: load, compile, first turn; the ways started in turn)");
    line("");
    line("| way | starts | median ms from launch to first decision | min | max | median ms from launch to exit |");
    line("|---|---:|---:|---:|---:|---:|");
    cold.forEach((way, starts) -> {
      List<Double> decided = starts.stream().map(t -> t[0]).toList();
      List<Double> exited = starts.stream().map(t -> t[1]).toList();
      line(String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.0f | %.0f |", COLD_WAYS.getOrDefault(way, way),
          starts.size(), median(decided), Collections.min(decided), Collections.max(decided), median(exited)));
    });
    line("");
    line("### Memory: conversations held by InMemoryStore, rules/support, -Xmx1g");
    line("");
    line("| conversations | turns each | reply chars | heap before MiB | heap after MiB | store MiB | bytes/conversation | fits in 1 GiB |");
    line("|---:|---:|---:|---:|---:|---:|---:|---|");
    List<String[]> memory = rows("memory.tsv");
    for (String[] m : memory) {
      if (m.length < 9) {
        line("| 100000 | 10 | " + (m.length > 0 ? m[0] : "?") + " | | | | | **no**: " + (m.length > 1 ? m[1] : "failed") + " |");
      } else {
        line("| " + m[0] + " | " + m[1] + " | " + (m[2].equals("0") ? "dry-run (~120)" : m[2]) + " | " + m[3] + " | "
            + m[4] + " | " + m[5] + " | " + m[6] + " | yes |");
      }
    }
    line("");
    List<String[]> server = rows("server.tsv");
    serverLoad(server);
    goals(sample, thrpt2, cold, memory, server);
  }

  /** The rows of {@code bench/server-load}'s {@code server.tsv}; see that script for the columns. */
  private void serverLoad(List<String[]> server) {
    line("### Server load (`/v1/chat/completions` on rules/support; stub, `armature serve` and wrk in separate processes)");
    line("");
    line("| load | direct: req/s | p50 µs | p99 µs | stub CPU µs/req | via serve: req/s | p50 µs | p99 µs | p99.9 µs "
        + "| errors | late | serve CPU µs/req | **added p50 µs** | **added p99 µs** |");
    line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (String[] r : server) {
      if (r.length >= 17) {
        String load = r[0].equals("1 connection") ? "closed loop, 1 connection" : r[0] + " req/s";
        line("| " + load + " | " + r[1] + " | " + r[2] + " | " + r[3] + " | " + r[7] + " | " + r[8] + " | " + r[9]
            + " | " + r[10] + " | " + r[11] + " | " + r[12] + " | " + r[13] + " | " + r[14] + " | " + r[15] + " | "
            + r[16] + " |");
      } else {
        line("| " + String.join(" ", r) + " | | | | | | | | | | | | | |");
      }
    }
    line("");
  }

  private void goals(Map<String, Result> sample, Map<String, Result> thrpt2, Map<String, List<double[]>> cold,
      List<String[]> memory,
      List<String[]> server) {
    line("### Goals of issue 8");
    line("");
    line("| goal | target | measured | met |");
    line("|---|---|---|---|");
    for (String set : List.of("support", "generated-100")) {
      Result turn = sample.get("turn/" + set);
      Result bare = sample.get("bareDrools/" + set);
      if (turn != null && bare != null) {
        goal("turn / bare Drools at p50, " + set, "≤ 1.5×", turn.p50 / bare.p50, 1.5, "%.2f×");
      }
    }
    Result t100 = sample.get("turn/generated-100");
    if (t100 != null) {
      goal("turn p99, 100 rules", "≤ 250 µs", t100.p99, 250, "%.0f µs");
    }
    Result t1000 = sample.get("turn/generated-1000");
    if (t1000 != null) {
      goal("turn p99, 1,000 rules", "≤ 1,000 µs", t1000.p99, 1000, "%.0f µs");
    }
    Result thr = thrpt2.get("turn/generated-100");
    if (thr != null) {
      line(String.format(Locale.ROOT, "| turns/s on 2 threads, 100 rules | ≥ 20,000 | %,.0f | %s |", thr.score,
          thr.score >= 20000 ? "yes" : "**no**"));
    }
    cold.forEach((way, starts) -> goal("cold start to first decision, support: " + COLD_WAYS.getOrDefault(way, way),
        "≤ 2,000 ms", median(starts.stream().map(t -> t[0]).toList()), 2000, "%.0f ms"));
    String[] at1000 = server.stream().filter(r -> r.length >= 17 && r[0].equals("1000")).findFirst().orElse(null);
    if (at1000 == null) {
      line("| server adds ≤ 2 ms p99 at 1,000 req/s | ≤ 2 ms | not measured in this run | – |");
    } else {
      long added = Long.parseLong(at1000[16]);
      line("| server adds ≤ 2 ms p99 at 1,000 req/s | ≤ 2 ms | "
          + String.format(Locale.ROOT, "%,.1f ms (%s req/s achieved)", added / 1000.0, at1000[8]) + " | "
          + (added <= 2000 ? "yes" : "**no**") + " |");
    }
    for (String[] m : memory) {
      String label = "100,000 conversations × 10 turns in 1 GiB"
          + (m.length > 2 && !"0".equals(m[2]) && m.length >= 9 ? " (replies of " + m[2] + " chars)" : "");
      line("| " + label + " | fits | " + (m.length >= 9 ? m[5] + " MiB held" : "out of memory") + " | "
          + (m.length >= 9 ? "yes" : "**no**") + " |");
    }
  }

  private void goal(String what, String target, double value, double limit, String format) {
    line("| " + what + " | " + target + " | " + String.format(Locale.ROOT, format, value) + " | "
        + (value <= limit ? "yes" : "**no**") + " |");
  }

  private Map<String, Result> jmh(String file) throws IOException {
    Map<String, Result> results = new LinkedHashMap<>();
    Path path = dir.resolve(file);
    if (!Files.exists(path)) {
      return results;
    }
    for (JsonNode r : new ObjectMapper().readTree(path.toFile())) {
      String bench = r.get("benchmark").asText();
      String name = bench.substring(bench.lastIndexOf('.') + 1) + "/" + r.path("params").path("ruleSet").asText();
      JsonNode primary = r.get("primaryMetric");
      JsonNode pct = primary.path("scorePercentiles");
      double alloc = Double.NaN;
      var secondaries = r.path("secondaryMetrics").fields();
      while (secondaries.hasNext()) {
        var e = secondaries.next();
        if (e.getKey().endsWith("gc.alloc.rate.norm")) {
          alloc = e.getValue().get("score").asDouble();
        }
      }
      results.put(name, new Result(primary.get("score").asDouble(), pct.path("50.0").asDouble(Double.NaN),
          pct.path("99.0").asDouble(Double.NaN), alloc));
    }
    return results;
  }

  private Map<String, String[]> tsv(String file) throws IOException {
    Map<String, String[]> byName = new LinkedHashMap<>();
    for (String[] row : rows(file)) {
      byName.put(row[0], row);
    }
    return byName;
  }

  private List<String[]> rows(String file) throws IOException {
    Path path = dir.resolve(file);
    List<String[]> rows = new ArrayList<>();
    if (Files.exists(path)) {
      for (String l : Files.readAllLines(path)) {
        if (!l.isBlank()) {
          rows.add(l.split("\t"));
        }
      }
    }
    return rows;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String bytes(double b) {
    if (Double.isNaN(b)) {
      return "";
    }
    return b >= 10_240 ? String.format(Locale.ROOT, "%.1f KiB", b / 1024) : String.format(Locale.ROOT, "%.0f B", b);
  }

  private void line(String s) {
    out.append(s).append('\n');
  }
}
