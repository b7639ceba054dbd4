package dev.armature.ruleset;

import dev.armature.ModelParameters;
import dev.armature.Problem;
import dev.armature.RuleSetException;
import dev.armature.assembly.Construct;
import dev.armature.signals.Embedder;
import dev.armature.signals.Embedders;
import dev.armature.signals.SignalDetector;
import dev.armature.signals.SignalSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * Loads a rule set folder: {@code ruleset.yaml}, every {@code .drl} under it, and {@code
 * constructs/*.md}. Everything is parsed, checked and compiled here, once; a turn compiles, parses
 * and reflects nothing.
 */
public final class RuleSetLoader {
  static final String RULESET_FILE = "ruleset.yaml";
  private static final int DEFAULT_MAX_FIRINGS = 1000;
  private static final int DEFAULT_MAX_TOOL_ROUNDS = 4;

  /** The longest held-back window of a streamed reply, in characters. */
  static final int MAX_STREAM_WINDOW = 100_000;

  private RuleSetLoader() {}

  /**
   * Loads and compiles the rule set in {@code directory}.
   *
   * @throws RuleSetException listing every problem found, each with file, line and column
   */
  public static RuleSet load(Path directory) {
    return load(directory, Embedders.process());
  }

  /**
   * Loads and compiles the rule set in {@code directory}; its semantic signals, if it has any,
   * embed with the embedder {@code embedder} gives (asked for only then).
   *
   * @throws RuleSetException listing every problem found, each with file, line and column
   */
  public static RuleSet load(Path directory, Supplier<Embedder> embedder) {
    Path dir = directory.toAbsolutePath().normalize();
    if (!Files.isRegularFile(dir.resolve(RULESET_FILE))) {
      throw new RuleSetException(
          new Problem(
              RULESET_FILE,
              0,
              0,
              "no " + RULESET_FILE + " in rule set folder '" + directory + "'"));
    }
    Map<String, String> files = readFiles(dir);
    List<Problem> problems = new ArrayList<>();
    String yamlText = files.get(RULESET_FILE);
    Yaml.Read<RuleSetYaml> read = Yaml.read(RULESET_FILE, yamlText, RuleSetYaml.class, 0);
    if (read.problem() != null) {
      throw failure(withoutYaml(dir, files, read.problem()));
    }
    RuleSetYaml yaml = read.value();
    String name = yaml.name() == null ? dir.getFileName().toString() : yaml.name();
    List<String> sections = sections(yaml, yamlText, problems);
    Map<String, Construct> constructs = constructs(files, sections, problems);
    SignalDetector signals = signals(yaml, yamlText, embedder, problems);
    Map<String, String> params = params(yaml, yamlText, problems);
    HistoryPolicy history = history(yaml, yamlText, problems);
    int maxFirings =
        yaml.limits() == null || yaml.limits().maxFirings() == null
            ? DEFAULT_MAX_FIRINGS
            : yaml.limits().maxFirings();
    if (maxFirings < 1) {
      problems.add(
          new Problem(
              RULESET_FILE,
              Yaml.lineOfKey(yamlText, "max_firings"),
              1,
              "field 'limits.max_firings' must be >= 1 but was " + maxFirings));
    }
    int streamWindow = streamWindow(yaml, yamlText, problems);
    if (streamWindow < 0 || streamWindow > MAX_STREAM_WINDOW) {
      problems.add(
          new Problem(
              RULESET_FILE,
              Yaml.lineOfKey(yamlText, "window"),
              1,
              "field 'stream.window' must be from 0 to "
                  + MAX_STREAM_WINDOW
                  + " characters but was "
                  + streamWindow));
    }
    checkExcludes(constructs, files, problems);
    Map<String, ToolDeclaration> tools = ToolsYaml.read(yaml.tools(), yamlText, problems);
    int maxToolRounds =
        yaml.limits() == null || yaml.limits().maxToolRounds() == null
            ? DEFAULT_MAX_TOOL_ROUNDS
            : yaml.limits().maxToolRounds();
    if (maxToolRounds < 1) {
      problems.add(
          new Problem(
              RULESET_FILE,
              Yaml.lineOfKey(yamlText, "max_tool_rounds"),
              1,
              "field 'limits.max_tool_rounds' must be >= 1 but was " + maxToolRounds));
    }

    List<DrlSource> drl = new ArrayList<>();
    String pkg = "armature.rulesets." + name.replaceAll("[^A-Za-z0-9_]", "_");
    files.forEach(
        (file, text) -> {
          if (file.endsWith(".drl")) {
            drl.add(new DrlSource(file, text, pkg));
          }
        });
    Set<String> constructFiles = new java.util.TreeSet<>();
    files.keySet().stream()
        .filter(f -> f.startsWith("constructs/"))
        .forEach(f -> constructFiles.add(f.substring("constructs/".length(), f.length() - 3)));
    Map<String, String> routes = routes(yaml, yamlText, problems);
    List<GatePath> gate = GatePath.resolve(yaml.gate(), dir, yamlText, problems);
    Set<String> clientAttributes = clientAttributes(yaml, yamlText, problems);
    Vocabulary vocabulary =
        new Vocabulary(
            yaml.signals() == null ? Set.of() : yaml.signals().keySet(),
            constructFiles,
            variablesSet(yaml, drl),
            routes.keySet(),
            // Every tool written, broken or not: a broken declaration is reported once, at itself.
            yaml.tools() == null ? Set.of() : yaml.tools().keySet());
    List<Problem> vocabularyProblems = new ArrayList<>();
    for (DrlSource source : drl) {
      vocabularyProblems.addAll(vocabulary.check(source));
    }
    vocabularyProblems.addAll(placeholders(files, constructs, vocabulary));
    problems.addAll(vocabularyProblems);
    // The rules compile even when other files have problems, so an author sees every problem of
    // an edit at once rather than one kind per save.
    DroolsCompiler.Compiled compiled = DroolsCompiler.compile(name, drl);
    problems.addAll(Overlap.withoutRepeats(compiled.problems(), vocabularyProblems, drl));
    if (!problems.isEmpty()) {
      throw failure(problems);
    }
    Set<Rule> review = new HashSet<>();
    Set<Rule> fallback = new HashSet<>();
    Set<Rule> tool = new HashSet<>();
    List<RuleSet.RuleInfo> rules =
        rules(compiled.kieBase(), drl, new PhaseSets(review, fallback, tool), problems);
    if (!problems.isEmpty()) {
      throw failure(problems);
    }
    RuleSet.Loaded loaded =
        new RuleSet.Loaded(
            name,
            yaml.description() == null ? "" : yaml.description().strip(),
            version(files),
            dir,
            yaml.frame() == null ? "" : yaml.frame().strip(),
            sections,
            constructs,
            signals,
            params,
            history,
            maxFirings,
            streamWindow,
            rules,
            clientAttributes,
            routes,
            gate,
            tools,
            maxToolRounds);
    return new RuleSet(loaded, compiled.kieBase(), review, fallback, tool);
  }

  /** The held-back window in characters: {@code stream.window}, or 4 per {@code window_tokens}. */
  private static int streamWindow(RuleSetYaml yaml, String yamlText, List<Problem> problems) {
    RuleSetYaml.StreamYaml stream = yaml.stream();
    if (stream == null) {
      return 0;
    }
    if (stream.window() != null && stream.windowTokens() != null) {
      problems.add(
          new Problem(
              RULESET_FILE,
              Yaml.lineOfKey(yamlText, "window_tokens"),
              1,
              "set one of 'stream.window' (characters) and 'stream.window_tokens', not both"));
      return 0;
    }
    if (stream.windowTokens() != null) {
      long chars = 4L * stream.windowTokens();
      return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, chars));
    }
    return stream.window() == null ? 0 : stream.window();
  }

  /**
   * The rule set folders a path names: the path itself when it holds a {@code ruleset.yaml}, else
   * each folder directly below it that does, sorted; empty when there is none.
   */
  public static List<Path> folders(Path dir) {
    if (Files.isRegularFile(dir.resolve(RULESET_FILE))) {
      return List.of(dir);
    }
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children.filter(c -> Files.isRegularFile(c.resolve(RULESET_FILE))).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list rule set folder '" + dir + "'", e);
    }
  }

  /**
   * The version the folder's files would load as, without parsing or compiling anything: the same
   * hash as {@link RuleSet#version()}.
   */
  public static String fingerprint(Path directory) {
    return version(readFiles(directory.toAbsolutePath().normalize()));
  }

  private static RuleSetException failure(List<Problem> problems) {
    List<Problem> sorted = new ArrayList<>(problems);
    sorted.sort(
        Comparator.comparing(Problem::file)
            .thenComparingInt(Problem::line)
            .thenComparingInt(Problem::column));
    return new RuleSetException(sorted);
  }

  /** Every file that counts, by path relative to the folder with '/' separators, sorted. */
  static Map<String, String> readFiles(Path dir) {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) walk::iterator) {
        String rel = dir.relativize(path).toString().replace('\\', '/');
        boolean counts =
            rel.equals(RULESET_FILE)
                || rel.endsWith(".drl")
                || (rel.startsWith("constructs/")
                    && rel.endsWith(".md")
                    && rel.indexOf('/', 11) < 0);
        if (counts
            && Files.isRegularFile(path)
            && !Path.of(rel).getFileName().toString().startsWith(".")) {
          files.put(rel, Files.readString(path, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rule set folder '" + dir + "'", e);
    }
    return files;
  }

  private static String version(Map<String, String> files) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      files.forEach(
          (file, text) -> {
            sha.update(file.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(text.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
          });
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static List<String> sections(RuleSetYaml yaml, String text, List<Problem> problems) {
    List<String> sections = yaml.sections() == null ? List.of() : yaml.sections();
    if (sections.isEmpty()) {
      problems.add(
          new Problem(
              RULESET_FILE,
              Math.max(1, Yaml.lineOfKey(text, "sections")),
              1,
              "field 'sections' must list at least one section, in the order they appear in the system message"));
    } else if (new HashSet<>(sections).size() != sections.size()) {
      problems.add(
          new Problem(
              RULESET_FILE,
              Yaml.lineOfKey(text, "sections"),
              1,
              "field 'sections' names a section twice: " + sections));
    }
    return sections;
  }

  private static Map<String, Construct> constructs(
      Map<String, String> files, List<String> sections, List<Problem> problems) {
    Map<String, Construct> constructs = new LinkedHashMap<>();
    files.forEach(
        (file, text) -> {
          if (file.startsWith("constructs/") && file.endsWith(".md")) {
            String id = file.substring("constructs/".length(), file.length() - 3);
            ConstructFile.Read read = ConstructFile.read(file, id, text, sections);
            problems.addAll(read.problems());
            if (read.construct() != null) {
              constructs.put(id, read.construct());
            }
          }
        });
    return constructs;
  }

  private static void checkExcludes(
      Map<String, Construct> constructs, Map<String, String> files, List<Problem> problems) {
    for (Construct c : constructs.values()) {
      for (String excluded : c.excludes()) {
        if (!files.containsKey("constructs/" + excluded + ".md")) {
          String file = "constructs/" + c.id() + ".md";
          problems.add(
              new Problem(
                  file,
                  1 + Yaml.lineOfKey(files.get(file).substring(4), "excludes"),
                  1,
                  "field 'excludes': unknown construct '" + excluded + "'"));
        }
      }
    }
  }

  /**
   * The problems of a rule set whose {@code ruleset.yaml} does not read: that one, and those the
   * other files show without it (constructs, construct names in rules, the compiler's), so one save
   * shows every problem.
   */
  private static List<Problem> withoutYaml(Path dir, Map<String, String> files, Problem yaml) {
    List<Problem> problems = new ArrayList<>();
    problems.add(yaml);
    constructs(files, List.of(), problems);
    String pkg = "armature.rulesets.unread";
    List<DrlSource> drl = new ArrayList<>();
    Set<String> constructFiles = new java.util.TreeSet<>();
    files.forEach(
        (file, text) -> {
          if (file.endsWith(".drl")) {
            drl.add(new DrlSource(file, text, pkg));
          } else if (file.startsWith("constructs/")) {
            constructFiles.add(file.substring("constructs/".length(), file.length() - 3));
          }
        });
    // Without ruleset.yaml the signals, variables and routes are unknown: only names of
    // constructs are checked.
    Vocabulary vocabulary = new Vocabulary(null, constructFiles, null, null, null);
    List<Problem> vocabularyProblems = new ArrayList<>();
    drl.forEach(source -> vocabularyProblems.addAll(vocabulary.check(source)));
    problems.addAll(vocabularyProblems);
    problems.addAll(
        Overlap.withoutRepeats(
            DroolsCompiler.compile(dir.getFileName().toString(), drl).problems(),
            vocabularyProblems,
            drl));
    return problems;
  }

  /** Every variable something sets: literal SetVar names, captures, declared variables. */
  private static Set<String> variablesSet(RuleSetYaml yaml, List<DrlSource> drl) {
    Set<String> set = new java.util.TreeSet<>(Vocabulary.setVariables(drl));
    if (yaml.signals() != null) {
      yaml.signals().values().forEach(spec -> set.addAll(spec.capture().values()));
    }
    if (yaml.variables() != null) {
      set.addAll(yaml.variables());
    }
    return set;
  }

  /** Variables that constructs read with {@code {{var.NAME}}} and that nothing sets. */
  private static List<Problem> placeholders(
      Map<String, String> files, Map<String, Construct> constructs, Vocabulary vocabulary) {
    List<Problem> problems = new ArrayList<>();
    for (Construct c : constructs.values()) {
      String file = "constructs/" + c.id() + ".md";
      String text = files.get(file).replace("\r\n", "\n");
      for (String variable : new java.util.LinkedHashSet<>(c.template().variables())) {
        if (vocabulary.variables() == null) {
          break;
        }
        if (vocabulary.variables().contains(variable) || vocabulary.variables().contains("*")) {
          continue;
        }
        java.util.regex.Matcher at =
            java.util.regex.Pattern.compile(
                    "\\{\\{\\s*var\\." + java.util.regex.Pattern.quote(variable) + "\\b")
                .matcher(text);
        int offset = at.find() ? at.start() : 0;
        int line = 1 + (int) text.substring(0, offset).chars().filter(ch -> ch == '\n').count();
        int column = offset - text.lastIndexOf('\n', offset - 1);
        problems.add(
            new Problem(
                file,
                line,
                column,
                "construct '" + c.id() + "' " + vocabulary.unsetVariable(variable)));
      }
    }
    return problems;
  }

  /** The routes ruleset.yaml declares, each with its default. */
  private static Map<String, String> routes(RuleSetYaml yaml, String text, List<Problem> problems) {
    Map<String, String> routes = yaml.routes() == null ? Map.of() : yaml.routes();
    routes.forEach(
        (route, fallback) -> {
          if (!"default".equals(fallback)) {
            problems.add(
                new Problem(
                    RULESET_FILE,
                    Yaml.lineOfKey(text, route) > 0
                        ? Yaml.lineOfKey(text, route)
                        : Math.max(1, Yaml.lineOfKey(text, "routes")),
                    1,
                    "field 'routes."
                        + route
                        + "' is '"
                        + fallback
                        + "'; expected 'default' (the default model serves the route until the"
                        + " application binds a model to it)"));
          }
        });
    return routes;
  }

  private static SignalDetector signals(
      RuleSetYaml yaml, String text, Supplier<Embedder> embedder, List<Problem> problems) {
    Map<String, SignalSpec> specs = yaml.signals() == null ? Map.of() : yaml.signals();
    for (Map.Entry<String, SignalSpec> e : specs.entrySet()) {
      try {
        SignalDetector.compile(Map.of(e.getKey(), e.getValue()), embedder);
      } catch (IllegalArgumentException bad) {
        problems.add(
            new Problem(
                RULESET_FILE,
                Yaml.lineOfKey(text, e.getKey()),
                1,
                "field 'signals."
                    + e.getKey()
                    + "': "
                    + bad.getMessage()
                        .replace("signal '" + e.getKey() + "': ", "")
                        .replace('\n', ' ')));
      }
    }
    try {
      return SignalDetector.compile(specs, embedder);
    } catch (RuntimeException bad) {
      return SignalDetector.compile(Map.of());
    }
  }

  private static Map<String, String> params(RuleSetYaml yaml, String text, List<Problem> problems) {
    Map<String, String> params = yaml.model() == null ? Map.of() : yaml.model();
    try {
      ModelParameters.parse(params);
    } catch (IllegalArgumentException e) {
      problems.add(
          new Problem(
              RULESET_FILE, Yaml.lineOfKey(text, "model"), 1, "field 'model': " + e.getMessage()));
    }
    return params;
  }

  /** The names of {@code attributes.client}, each a valid attribute name. */
  private static Set<String> clientAttributes(
      RuleSetYaml yaml, String text, List<Problem> problems) {
    if (yaml.attributes() == null || yaml.attributes().client() == null) {
      return Set.of();
    }
    Set<String> names = new java.util.TreeSet<>();
    for (String name : yaml.attributes().client()) {
      if (name == null || !name.matches("[a-z][a-z0-9_.-]{0,63}")) {
        problems.add(
            new Problem(
                RULESET_FILE,
                Yaml.lineOfKey(text, "client"),
                1,
                "field 'attributes.client': '"
                    + name
                    + "' is not an attribute name (lower case, [a-z][a-z0-9_.-]*)"));
      } else {
        names.add(name);
      }
    }
    return names;
  }

  private static HistoryPolicy history(RuleSetYaml yaml, String text, List<Problem> problems) {
    RuleSetYaml.HistoryYaml h = yaml.history();
    if (h == null) {
      return HistoryPolicy.DEFAULT;
    }
    HistoryPolicy d = HistoryPolicy.DEFAULT;
    try {
      return new HistoryPolicy(
          h.maxTokens() == null ? d.maxTokens() : h.maxTokens(),
          h.maxTurns() == null ? d.maxTurns() : h.maxTurns(),
          h.remember() == null ? d.remember() : h.remember());
    } catch (IllegalArgumentException e) {
      problems.add(
          new Problem(
              RULESET_FILE,
              Yaml.lineOfKey(text, "history"),
              1,
              "field 'history': " + e.getMessage()));
      return d;
    }
  }

  /** The rules of each phase but decide, filled while the rules are listed. */
  private record PhaseSets(Set<Rule> review, Set<Rule> fallback, Set<Rule> tool) {}

  private static List<RuleSet.RuleInfo> rules(
      KieBase kieBase, List<DrlSource> drl, PhaseSets phases, List<Problem> problems) {
    Map<String, DrlSource.RuleAt> where = new LinkedHashMap<>();
    Map<String, String> fileOf = new LinkedHashMap<>();
    for (DrlSource source : drl) {
      for (DrlSource.RuleAt at : source.rules()) {
        where.put(at.name(), at);
        fileOf.put(at.name(), source.file);
      }
    }
    List<RuleSet.RuleInfo> rules = new ArrayList<>();
    for (KiePackage pkg : kieBase.getKiePackages()) {
      for (Rule rule : pkg.getRules()) {
        DrlSource.RuleAt at = where.get(rule.getName());
        String file = fileOf.getOrDefault(rule.getName(), "patterns");
        int line = at == null ? 0 : at.line();
        Object phaseMeta = rule.getMetaData().get("phase");
        Phase phase =
            phaseMeta == null
                ? Phase.DECIDE
                : Phase.parse(String.valueOf(phaseMeta).replace("\"", ""));
        if (phase == null) {
          problems.add(
              new Problem(
                  file,
                  line,
                  1,
                  "rule '"
                      + rule.getName()
                      + "' has unknown @phase("
                      + phaseMeta
                      + "); expected @phase(review), @phase(fallback), @phase(tool), or no @phase"
                      + " for the decide phase"));
          continue;
        }
        if (phase == Phase.REVIEW) {
          phases.review().add(rule);
        } else if (phase == Phase.FALLBACK) {
          phases.fallback().add(rule);
        } else if (phase == Phase.TOOL) {
          phases.tool().add(rule);
        }
        rules.add(new RuleSet.RuleInfo(rule.getName(), phase, file, line));
      }
    }
    rules.sort(
        Comparator.comparing(RuleSet.RuleInfo::file).thenComparingInt(RuleSet.RuleInfo::line));
    return rules;
  }
}
