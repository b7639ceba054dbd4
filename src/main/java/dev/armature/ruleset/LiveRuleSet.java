package dev.armature.ruleset;

import dev.armature.Problem;
import dev.armature.RuleSetException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A rule set that follows its folder: edits are loaded off the request path, checked, and swapped
 * in atomically when they are good; a broken edit is rejected with its problems and the last good
 * version keeps serving. A later good edit recovers without a restart.
 *
 * <p>{@link #current()} is what a turn reads once at its start, so a turn runs on one version from
 * start to end.
 */
public final class LiveRuleSet implements AutoCloseable {

  private final Path directory;
  private final Clock clock;
  private final List<Consumer<RuleSetEvent>> listeners = new CopyOnWriteArrayList<>();
  private volatile RuleSet current;
  private volatile RuleSetStatus status;
  private String rejectedFingerprint;
  private RuleSetWatcher.Registration watching;

  private LiveRuleSet(Path directory, Clock clock, RuleSet first) {
    this.directory = directory;
    this.clock = clock;
    this.current = first;
    this.status =
        new RuleSetStatus(first.name(), first.version(), clock.instant(), List.of(), null, 0, 0);
  }

  /**
   * Loads the rule set; it does not follow its folder until {@link #watch()}.
   *
   * @throws RuleSetException when the first load fails: there is no good version to keep
   */
  public static LiveRuleSet load(Path directory, Clock clock) {
    Objects.requireNonNull(directory, "directory == null");
    return new LiveRuleSet(
        directory, Objects.requireNonNull(clock, "clock == null"), RuleSetLoader.load(directory));
  }

  /** The version that serves new turns now. */
  public RuleSet current() {
    return current;
  }

  public RuleSetStatus status() {
    return status;
  }

  public Path directory() {
    return directory;
  }

  /** Receives every swap and rejection, on the thread that reloaded. */
  public void addListener(Consumer<RuleSetEvent> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener == null"));
  }

  /** Starts following the folder: edits reload it once saves have settled. */
  public synchronized void watch() {
    if (watching == null) {
      watching = RuleSetWatcher.PROCESS.watch(directory, this::reload);
    }
  }

  /**
   * Loads the folder now and swaps the new version in if it is good: it passes every check, and
   * every conversation of its gate replays. Files whose content is the version serving are not
   * rebuilt (saving the same bytes again, or undoing a rejected edit, is no reload), nor are those
   * of the last rejected edit.
   *
   * @return the event, or {@code null} when nothing changed
   */
  public synchronized RuleSetEvent reload() {
    long start = System.nanoTime();
    String fingerprint;
    try {
      fingerprint = RuleSetLoader.fingerprint(directory);
    } catch (RuntimeException e) {
      fingerprint = null;
    }
    if (fingerprint != null && fingerprint.equals(current.version())) {
      if (!status.lastError().isEmpty()) {
        // The rejected edit was undone: the folder holds what serves again.
        rejectedFingerprint = null;
        RuleSetStatus was = status;
        status =
            new RuleSetStatus(
                was.name(),
                was.version(),
                was.loadedAt(),
                List.of(),
                null,
                was.reloads(),
                was.rejected());
      }
      return null;
    }
    if (fingerprint != null && fingerprint.equals(rejectedFingerprint)) {
      return null;
    }
    RuleSetEvent event;
    try {
      RuleSet next = RuleSetLoader.load(directory);
      long built = System.nanoTime();
      List<Problem> gate = dev.armature.replay.Gate.check(next);
      if (!gate.isEmpty()) {
        throw new RuleSetException(gate);
      }
      event = swap(next, built - start, System.nanoTime() - built);
    } catch (RuleSetException e) {
      event = reject(fingerprint, e.problems(), e.getMessage());
    } catch (RuntimeException e) {
      List<Problem> problems =
          List.of(
              new Problem(
                  RuleSetLoader.RULESET_FILE,
                  0,
                  0,
                  "cannot load: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
      event = reject(fingerprint, problems, problems.get(0).toString());
    }
    for (Consumer<RuleSetEvent> listener : listeners) {
      try {
        listener.accept(event);
      } catch (RuntimeException e) {
        // A listener's failure must not undo a swap or hide a rejection from the other listeners.
        log().error("rule set listener failed on {}", event, e);
      }
    }
    return event;
  }

  private RuleSetEvent swap(RuleSet next, long buildNanos, long gateNanos) {
    RuleSetStatus was = status;
    RuleSet previous = current;
    current = next;
    rejectedFingerprint = null;
    status =
        new RuleSetStatus(
            next.name(),
            next.version(),
            clock.instant(),
            List.of(),
            null,
            was.reloads() + 1,
            was.rejected());
    log()
        .info(
            "rule set '{}' now serves version {} (was {})",
            next.name(),
            next.version(),
            previous.version());
    return new RuleSetEvent.Swapped(
        next.name(), previous.version(), next.version(), status.loadedAt(), buildNanos, gateNanos);
  }

  private RuleSetEvent reject(String fingerprint, List<Problem> problems, String message) {
    RuleSetStatus was = status;
    rejectedFingerprint = fingerprint;
    status =
        new RuleSetStatus(
            was.name(),
            was.version(),
            was.loadedAt(),
            problems,
            clock.instant(),
            was.reloads(),
            was.rejected() + 1);
    // One line per rejected edit, with every problem, so a log reader sees the whole edit at once.
    log()
        .warn(
            "rule set '{}': edit rejected, version {} keeps serving; {} problem(s): {}",
            was.name(),
            was.version(),
            problems.size(),
            problems.stream()
                .map(Object::toString)
                .map(p -> p.replaceAll("[\\p{Cntrl}\\s]+", " "))
                .collect(java.util.stream.Collectors.joining(" | ")));
    return new RuleSetEvent.Rejected(was.name(), was.version(), problems, status.lastErrorAt());
  }

  /** Stops following the folder; the current version stays usable. */
  @Override
  public synchronized void close() {
    if (watching != null) {
      watching.close();
      watching = null;
    }
  }

  /**
   * The logger, looked up on first use: finding the logging backend scans the class path for
   * providers (about 50 ms of a cold start), and a start logs nothing; only reloads do.
   */
  private static org.slf4j.Logger log() {
    return Log.LOGGER;
  }

  private static final class Log {
    static final org.slf4j.Logger LOGGER = org.slf4j.LoggerFactory.getLogger(LiveRuleSet.class);
  }
}
