package dev.armature.ruleset;

import dev.armature.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.Results;
import org.kie.api.conf.KieBaseMutabilityOption;
import org.kie.api.runtime.KieContainer;

/**
 * Compiles DRL into a new, independent KieBase on the classic (MVEL) path, which rebuilds in about
 * a fifth of the time of the executable model. Each build has its own release id and is removed
 * from the global repository once its KieBase exists, so rebuilds neither collide nor pile up.
 */
final class DroolsCompiler {
  private static final String RESOURCES = "src/main/resources/";
  private static final AtomicLong BUILDS = new AtomicLong();
  private static final java.util.regex.Pattern PARSER_POSITION =
      java.util.regex.Pattern.compile("Line (\\d+):(\\d+)");

  private DroolsCompiler() {}

  /** The KieBase, or the problems that kept it from compiling. */
  record Compiled(KieBase kieBase, List<Problem> problems) {}

  static Compiled compile(String ruleSetName, List<DrlSource> sources) {
    KieServices services = KieServices.Factory.get();
    ClassLoader loader = DroolsCompiler.class.getClassLoader();
    ReleaseId release =
        services.newReleaseId(
            "dev.armature.rulesets", artifactId(ruleSetName), "1.0." + BUILDS.incrementAndGet());
    KieFileSystem files = services.newKieFileSystem();
    files.generateAndWritePomXML(release);
    for (DrlSource source : sources) {
      files.write(RESOURCES + source.compilerPath(), source.compiled);
    }
    KieBuilder builder = services.newKieBuilder(files, loader);
    builder.buildAll();
    Results results = builder.getResults();
    List<Problem> problems = new ArrayList<>();
    List<org.kie.api.builder.Message> errors =
        results.getMessages(org.kie.api.builder.Message.Level.ERROR);
    boolean duplicate =
        errors.stream().anyMatch(m -> String.valueOf(m.getText()).contains("Duplicate rule name"));
    for (org.kie.api.builder.Message message : errors) {
      String text = String.valueOf(message.getText());
      // The parser adds this after its real syntax errors; it says nothing more. A duplicate rule
      // name also makes its generated class clash, which would only repeat it in Java's words.
      if ((errors.size() == 1 || !text.contains("Parser returned a null Package"))
          && !(duplicate && text.contains("is already defined"))) {
        problems.add(problem(message, sources));
      }
    }
    if (!problems.isEmpty()) {
      services.getRepository().removeKieModule(release);
      return new Compiled(null, problems);
    }
    KieContainer container = services.newKieContainer(release, loader);
    // A rule set's KieBase never changes once built (a reload builds a new one), so it need not
    // keep track of its sessions for in-place updates: every turn's session is created and
    // disposed without registering with it.
    KieBaseConfiguration configuration = services.newKieBaseConfiguration();
    configuration.setOption(KieBaseMutabilityOption.DISABLED);
    KieBase kieBase = container.newKieBase(configuration);
    services.getRepository().removeKieModule(release);
    return new Compiled(kieBase, List.of());
  }

  private static Problem problem(org.kie.api.builder.Message message, List<DrlSource> sources) {
    String path = message.getPath() == null ? "" : message.getPath();
    String file = path.startsWith(RESOURCES) ? path.substring(RESOURCES.length()) : path;
    int line = Math.max(0, message.getLine());
    int column = Math.max(0, message.getColumn());
    for (DrlSource source : sources) {
      if (source.compilerPath().equals(file)) {
        file = source.file;
        if (line == 1) {
          column = Math.max(1, column - source.shift);
        }
      }
    }
    String text = message.getText() == null ? "compile error" : message.getText().strip();
    java.util.regex.Matcher at = PARSER_POSITION.matcher(text);
    if (column == 0 && at.find() && Integer.parseInt(at.group(1)) == line) {
      column = Integer.parseInt(at.group(2)) + 1;
    }
    text = text.replaceAll("\\s*\\^?\\s*\\[Line: \\d+, Column: \\d+]", "").replaceAll("\\s+", " ");
    for (DrlSource source : sources) {
      if (source.file.equals(file) && column == 0 && line > 0) {
        int[] found = source.locate(line, text);
        line = found[0];
        column = found[1];
      }
    }
    return new Problem(file.isEmpty() ? "patterns" : file, line, column, plain(text));
  }

  /**
   * The compiler's message without its internals: error codes, parser positions already given as
   * line and column, the engine's "near" excerpts and Java package names.
   */
  static String plain(String text) {
    String out = text.replace('\n', ' ');
    out = out.replaceAll("\\[ERR \\d+] Line \\d+:\\d+ ", "");
    out = out.replaceAll("\\s*\\[Near : \\{.*?}]", "");
    out = out.replaceAll("\\[Error: ([^\\]]*)]", "$1");
    out = out.replaceAll("\\b(?:dev\\.armature\\.facts|java\\.lang|java\\.util)\\.", "");
    out = out.replaceAll("armature\\.rulesets\\.\\w+\\.", "");
    out = out.replace("Rule Compilation error ", "");
    java.util.regex.Matcher constructor =
        java.util.regex.Pattern.compile("The constructor (\\w+)\\(([^)]*)\\) is undefined")
            .matcher(out);
    if (constructor.find() && FactTypes.ALL.containsKey(constructor.group(1))) {
      FactTypes.Type t = FactTypes.ALL.get(constructor.group(1));
      out =
          "new "
              + t.name()
              + "("
              + constructor.group(2)
              + ") does not match what "
              + t.name()
              + " takes: new "
              + t.name()
              + "("
              + String.join(", ", t.fields().keySet())
              + ")";
    }
    java.util.regex.Matcher type =
        java.util.regex.Pattern.compile("Unable to resolve ObjectType '(\\w+)'").matcher(out);
    if (type.find()) {
      String close = Names.closest(type.group(1), FactTypes.ALL.keySet());
      out =
          "unknown fact type '"
              + type.group(1)
              + "'"
              + (close == null ? "" : "; did you mean '" + close + "'?")
              + "; rules match "
              + String.join(", ", FactTypes.ALL.keySet());
    }
    return out.replaceAll("\\s+", " ").strip();
  }

  private static String artifactId(String name) {
    String id = name.replaceAll("[^A-Za-z0-9_.-]", "-");
    return id.isEmpty() ? "ruleset" : id;
  }
}
