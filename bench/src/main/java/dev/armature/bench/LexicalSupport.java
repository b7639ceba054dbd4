package dev.armature.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * {@code support-lexical}: a copy of rules/support without its semantic signals (the topic-*
 * signals, placed by meaning), without the rules that apply them and without their names in other
 * rules, so that the benchmarks can run rules/support with and without semantic signals side by
 * side.
 *
 * <p>Run as a program, it writes the copy and prints its folder (for bench/semantic).
 */
final class LexicalSupport {
  /** The comment that opens the semantic signals in ruleset.yaml; the next "# ---" ends them. */
  static final String SIGNALS_FROM = "  # --- what the conversation is about, by meaning";

  /** The comment that opens the rules by meaning in topics.drl, and what follows them. */
  static final String RULES_FROM = "// Meaning, when no lexicon placed the message";

  static final String RULES_TO = "// Salience -5: after every topic rule above";

  private LexicalSupport() {}

  public static void main(String[] args) {
    System.out.println(write(Workload.folder("support")));
  }

  /** A copy of {@code support} without semantic signals, in a new temporary folder. */
  static Path write(Path support) {
    try {
      Path dir = Files.createTempDirectory("armature-bench-lexical-");
      try (Stream<Path> walk = Files.walk(support)) {
        for (Path p : (Iterable<Path>) walk::iterator) {
          Path to = dir.resolve(support.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(to);
          } else {
            Files.copy(p, to);
          }
        }
      }
      Path yaml = dir.resolve("ruleset.yaml");
      Files.writeString(yaml, withoutSemanticSignals(Files.readString(yaml)));
      Path drl = dir.resolve("patterns/topics.drl");
      Files.writeString(drl, withoutRulesByMeaning(Files.readString(drl)));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the lexical copy of " + support, e);
    }
  }

  static String withoutSemanticSignals(String yaml) {
    int from = yaml.indexOf(SIGNALS_FROM);
    int to = from < 0 ? -1 : yaml.indexOf("  # --- ", from + SIGNALS_FROM.length());
    if (to < 0) {
      throw new IllegalStateException(
          "rules/support/ruleset.yaml no longer has '" + SIGNALS_FROM.strip() + "' and a next section");
    }
    String rest = yaml.substring(0, from) + yaml.substring(to);
    if (rest.contains("examples:")) {
      throw new IllegalStateException("rules/support/ruleset.yaml has examples outside that section");
    }
    return rest;
  }

  static String withoutRulesByMeaning(String drl) {
    int from = drl.indexOf(RULES_FROM);
    int to = from < 0 ? -1 : drl.indexOf(RULES_TO, from);
    if (to < 0) {
      throw new IllegalStateException(
          "rules/support/patterns/topics.drl no longer has '" + RULES_FROM + "' before '" + RULES_TO + "'");
    }
    // Other rules name the topic-* signals in lists of what they wait for ("not Signal(name in
    // (..., "topic-refund"))"): without the signals those names are dropped too.
    return (drl.substring(0, from) + drl.substring(to)).replaceAll(",\\s*\"topic-[a-z-]+\"", "");
  }
}
