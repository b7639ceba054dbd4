package dev.armature.replay;

import dev.armature.ruleset.RuleSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * Replays recorded conversations against rule sets, offline and exactly: the recorded model replies
 * are fed back through a scripted model, every turn runs at its recorded time, and each turn is
 * compared with what its file expects.
 *
 * <pre>{@code
 * ReplayReport report = Replay.builder().rules(Path.of("rules")).build().run(List.of(Path.of("conversations")));
 * if (!report.passed()) System.out.print(report.failures());
 * }</pre>
 *
 * <p>A file that cannot be read or run is reported with its file, line and field; the other files
 * still run. Thread-safe: rule sets are loaded once per instance and shared.
 */
public final class Replay {
  private final RuleSets rules;
  private final boolean strict;
  private final BiConsumer<Integer, Integer> progress;

  private Replay(Builder builder) {
    this.rules = new RuleSets(builder.rules);
    this.strict = builder.strict;
    this.progress = builder.progress;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Replays every conversation file given, and the {@code .yaml} files in each folder given.
   *
   * @throws UncheckedIOException when a folder cannot be listed
   */
  public ReplayReport run(List<Path> paths) {
    List<Path> files = conversations(paths);
    List<ReplayReport.FileResult> results = new ArrayList<>();
    Map<RuleSet, Coverage> coverage = new LinkedHashMap<>();
    for (Path file : files) {
      results.add(replay(file, coverage));
      progress.accept(results.size(), files.size());
    }
    return new ReplayReport(results, coverage.values().stream().map(Coverage::report).toList());
  }

  /**
   * Replays the conversations and rewrites each file whose turns now do something else, with
   * expectations from what the rules do now. The report lists what changed; files that could not
   * run are left as they are.
   */
  public ReplayReport update(List<Path> paths) {
    List<Path> files = conversations(paths);
    List<ReplayReport.FileResult> results = new ArrayList<>();
    for (Path file : files) {
      results.add(Updater.update(file, rules));
      progress.accept(results.size(), files.size());
    }
    return new ReplayReport(results, List.of());
  }

  /**
   * Replays the conversations under this replay's rules and under {@code otherRules} (another
   * version of them) with the same recorded replies, and lists each turn whose constructs,
   * variables or requests would change.
   */
  public ImpactReport impact(List<Path> paths, Path otherRules) {
    return Impact.run(
        conversations(paths),
        rules,
        new RuleSets(Objects.requireNonNull(otherRules, "otherRules == null")),
        progress);
  }

  /**
   * The conversation files among {@code paths}: files as given, folders by their {@code *.yaml}
   * files, sorted.
   */
  public static List<Path> conversations(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (!Files.isDirectory(path)) {
        files.add(path);
        continue;
      }
      try (Stream<Path> found = Files.walk(path)) {
        found
            .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
            .filter(Files::isRegularFile)
            .sorted()
            .forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + path, e);
      }
    }
    return files;
  }

  ReplayReport.FileResult replay(Path file, Map<RuleSet, Coverage> coverage) {
    Prepared prepared;
    try {
      prepared = prepare(file, rules);
    } catch (ConversationFileException e) {
      return new ReplayReport.FileResult(file, "", "", 0, List.of(), e.getMessage());
    }
    RuleSet ruleSet = prepared.ruleSet();
    List<ConversationRun.TurnRun> runs = ConversationRun.run(prepared.file(), ruleSet);
    Checker checker =
        new Checker(new Explainer(new RuleSource(ruleSet), ruleSet.history().remember()), strict);
    List<ReplayReport.Difference> differences = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      differences.addAll(checker.check(runs.get(i), runs.subList(0, i)));
    }
    coverage.computeIfAbsent(ruleSet, Coverage::new).add(runs);
    return new ReplayReport.FileResult(
        file, prepared.file().name(), ruleSet.name(), runs.size(), differences, null);
  }

  /** A conversation file read and checked against the rule set it names. */
  record Prepared(ConversationFile file, RuleSet ruleSet) {}

  /** Reads a file and resolves its rule set, failing with file, line and field. */
  static Prepared prepare(Path file, RuleSets from) {
    ConversationFile conversation = ConversationFile.read(file);
    RuleSet ruleSet;
    try {
      ruleSet = from.resolve(conversation.ruleSet());
    } catch (IllegalArgumentException e) {
      throw new ConversationFileException(
          file, lineOfKey(file, "ruleset"), "ruleset", e.getMessage());
    }
    for (int t = 0; t < conversation.turns().size(); t++) {
      ConversationFile.Expect expect = conversation.turns().get(t).expect();
      List<String> constructs = expect.constructs() == null ? List.of() : expect.constructs();
      for (int i = 0; i < constructs.size(); i++) {
        if (!ruleSet.constructs().containsKey(constructs.get(i))) {
          throw new ConversationFileException(
              file,
              expect.lines().getOrDefault("constructs[" + i + "]", 0),
              "turns[" + t + "].expect.constructs[" + i + "]",
              "unknown construct '"
                  + constructs.get(i)
                  + "'; rule set '"
                  + ruleSet.name()
                  + "' has "
                  + String.join(", ", ruleSet.constructs().keySet()));
        }
      }
    }
    return new Prepared(conversation, ruleSet);
  }

  private static int lineOfKey(Path file, String key) {
    try {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).matches("^" + key + "\\s*:.*")) {
          return i + 1;
        }
      }
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
    return 0;
  }

  /** Configures a {@link Replay}. */
  public static final class Builder {
    private Path rules = Path.of("rules");
    private boolean strict;
    private BiConsumer<Integer, Integer> progress = (done, total) -> {};

    private Builder() {}

    /** The rules root: a folder of rule sets, or one rule set folder; {@code rules} unless set. */
    public Builder rules(Path root) {
      this.rules = Objects.requireNonNull(root, "root == null");
      return this;
    }

    /**
     * Also compare each turn's request digest, so any change of the request sent is a difference.
     */
    public Builder strict() {
      this.strict = true;
      return this;
    }

    /** Told (files done, files in all) after each file, for a progress bar. */
    public Builder progress(BiConsumer<Integer, Integer> progress) {
      this.progress = Objects.requireNonNull(progress, "progress == null");
      return this;
    }

    public Replay build() {
      return new Replay(this);
    }
  }
}
