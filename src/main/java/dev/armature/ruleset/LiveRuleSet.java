package dev.armature.ruleset;

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
   * Loads the folder now and swaps the new version in if it is good. Files whose content did not
   * change since the version serving (or since the last rejected edit) are not rebuilt.
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
    if (fingerprint != null
        && (fingerprint.equals(current.version()) && status.lastError().isEmpty()
            || fingerprint.equals(rejectedFingerprint))) {
      return null;
    }
    RuleSetEvent event;
    RuleSetStatus was = status;
    try {
      RuleSet next = RuleSetLoader.load(directory);
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
      event =
          new RuleSetEvent.Swapped(
              next.name(),
              previous.version(),
              next.version(),
              status.loadedAt(),
              System.nanoTime() - start);
      log()
          .info(
              "rule set '{}' now serves version {} (was {})",
              next.name(),
              next.version(),
              previous.version());
    } catch (RuleSetException e) {
      rejectedFingerprint = fingerprint;
      status =
          new RuleSetStatus(
              was.name(),
              was.version(),
              was.loadedAt(),
              e.problems(),
              clock.instant(),
              was.reloads(),
              was.rejected() + 1);
      event =
          new RuleSetEvent.Rejected(was.name(), was.version(), e.problems(), status.lastErrorAt());
      log()
          .warn(
              "rule set '{}': edit rejected, version {} keeps serving; {} problem(s): {}",
              was.name(),
              was.version(),
              e.problems().size(),
              e.problems().stream()
                  .map(Object::toString)
                  .map(p -> p.replaceAll("[\\p{Cntrl}\\s]+", " "))
                  .collect(java.util.stream.Collectors.joining(" | ")));
    } catch (RuntimeException e) {
      rejectedFingerprint = fingerprint;
      List<dev.armature.Problem> problems =
          List.of(new dev.armature.Problem(RuleSetLoader.RULESET_FILE, 0, 0, "cannot load: " + e));
      status =
          new RuleSetStatus(
              was.name(),
              was.version(),
              was.loadedAt(),
              problems,
              clock.instant(),
              was.reloads(),
              was.rejected() + 1);
      event = new RuleSetEvent.Rejected(was.name(), was.version(), problems, status.lastErrorAt());
      log()
          .warn(
              "rule set '{}': edit rejected, version {} keeps serving: {}",
              was.name(),
              was.version(),
              problems.get(0).message().replaceAll("[\\p{Cntrl}\\s]+", " "));
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
