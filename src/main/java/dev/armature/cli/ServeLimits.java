package dev.armature.cli;

import dev.armature.ConversationStore;
import dev.armature.server.ArmatureServer;
import dev.armature.state.InMemoryStore;
import dev.armature.state.JdbcStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** The options of {@code serve} that bound its load, its storage and what clients may set. */
final class ServeLimits {
  @Option(
      names = "--max-in-flight",
      paramLabel = "N",
      defaultValue = "4096",
      description =
          "The most turns running at once; one more is refused at once with 503 and Retry-After (default: 4096).")
  int maxInFlight;

  @Option(
      names = "--memory-max-conversations",
      paramLabel = "N",
      defaultValue = "100000",
      description =
          "With --store memory: the most conversations kept; the least recently used goes first (default: 100000).")
  int memoryMaxConversations;

  @Option(
      names = "--memory-max-idle",
      paramLabel = "DURATION",
      defaultValue = "24h",
      converter = DurationConverter.class,
      description =
          "With --store memory: a conversation unused this long is forgotten (default: 24h; s, m, h or d).")
  Duration memoryMaxIdle;

  @Option(
      names = "--keep-turns",
      paramLabel = "N",
      defaultValue = "1000",
      description =
          "With a database store: the turns kept in the turn log per conversation, the most recent (default: 1000; 0 keeps all).")
  int keepTurns;

  @Option(
      names = "--keep-turns-for",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "With a database store: turns older than this are deleted from the turn log (default: kept whatever their age).")
  Duration keepTurnsFor;

  @Option(
      names = "--client-attribute",
      paramLabel = "NAME",
      description =
          "A caller attribute that HTTP clients may set on every rule set, beside those a rule set declares under attributes.client. Repeatable.")
  List<String> clientAttributes = new ArrayList<>();

  @Option(
      names = "--attribute",
      paramLabel = "NAME=VALUE",
      description =
          "A caller attribute set on every turn, which clients may not set or change, such as tier=gold. Repeatable.")
  Map<String, String> attributes = new LinkedHashMap<>();

  void configure(ArmatureServer.Builder builder) {
    builder.maxInFlight(maxInFlight);
    clientAttributes.forEach(builder::clientAttribute);
    attributes.forEach(builder::attribute);
  }

  /** The store a {@code --store} value names, with these limits. */
  ConversationStore store(String spec) {
    if (spec.equals("memory")) {
      return new InMemoryStore(memoryMaxConversations, memoryMaxIdle, Clock.systemUTC());
    }
    JdbcStore.Retention retention = new JdbcStore.Retention(keepTurns, keepTurnsFor);
    return ServeCommand.store(spec, retention);
  }

  /** {@code 90s}, {@code 30m}, {@code 24h}, {@code 7d}. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,8})([smhd])");

    @Override
    public Duration convert(String value) {
      Matcher m = FORM.matcher(value.strip());
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "'" + value + "' is not a duration such as 90s, 30m, 24h or 7d");
      }
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "s":
          return Duration.ofSeconds(n);
        case "m":
          return Duration.ofMinutes(n);
        case "h":
          return Duration.ofHours(n);
        default:
          return Duration.ofDays(n);
      }
    }
  }
}
