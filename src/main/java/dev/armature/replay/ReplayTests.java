package dev.armature.replay;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A folder of conversations as one test per conversation, for any test framework. With JUnit:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> conversations() {
 *   return ReplayTests.from(Path.of("conversations")).map(c -> DynamicTest.dynamicTest(c.name(), c.file().toUri(), c::run));
 * }
 * }</pre>
 *
 * Armature itself does not depend on JUnit: a case's {@link Case#run()} throws an {@link
 * AssertionError} carrying the same report as {@code armature replay}.
 */
public final class ReplayTests {
  private ReplayTests() {}

  /** One case per conversation file under {@code folder}, on the rule sets under {@code rules/}. */
  public static Stream<Case> from(Path folder) {
    return from(folder, Path.of("rules"));
  }

  /**
   * One case per conversation file under {@code folder}, on the rule sets under {@code rulesRoot}.
   */
  public static Stream<Case> from(Path folder, Path rulesRoot) {
    Replay replay = Replay.builder().rules(rulesRoot).build();
    return Replay.conversations(List.of(folder)).stream().map(file -> new Case(file, replay));
  }

  /** One conversation file to replay. */
  public static final class Case {
    private final Path file;
    private final Replay replay;

    private Case(Path file, Replay replay) {
      this.file = Objects.requireNonNull(file, "file == null");
      this.replay = replay;
    }

    /** The file's name without {@code .yaml}. */
    public String name() {
      return file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    }

    public Path file() {
      return file;
    }

    /**
     * Replays the conversation.
     *
     * @throws AssertionError naming the file and, for each turn that differs, the turn, the line
     *     and the cause
     */
    public void run() {
      ReplayReport.FileResult result = replay.run(List.of(file)).files().get(0);
      if (!result.passed()) {
        throw new AssertionError(result.text());
      }
    }

    @Override
    public String toString() {
      return name();
    }
  }
}
