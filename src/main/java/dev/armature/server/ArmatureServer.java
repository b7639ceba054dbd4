package dev.armature.server;

import dev.armature.ConversationStore;
import dev.armature.Model;
import dev.armature.ModelPolicy;
import dev.armature.Orchestrator;
import dev.armature.model.DryRunModel;
import dev.armature.ruleset.LiveRuleSet;
import dev.armature.state.InMemoryStore;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Armature over HTTP: an OpenAI-compatible {@code /v1/chat/completions} (blocking and streaming), a
 * native turn API with traces, rule set status, health, Prometheus metrics and a web page that
 * shows why each reply is what it is. Every rule set found is served live: edits are checked and
 * swapped in while the server runs.
 *
 * <pre>{@code
 * try (ArmatureServer server = ArmatureServer.builder().rules(Path.of("rules")).port(0).start()) {
 *   System.out.println(server.url());
 * }
 * }</pre>
 */
public final class ArmatureServer implements AutoCloseable {
  private final RuleSets ruleSets;
  private final Javalin app;
  private final String host;

  private ArmatureServer(RuleSets ruleSets, Javalin app, String host) {
    this.ruleSets = ruleSets;
    this.app = app;
    this.host = host;
  }

  /**
   * A builder.
   *
   * @throws IllegalStateException naming the artifact to add when the server's libraries (Javalin,
   *     Micrometer's Prometheus registry: optional dependencies of Armature) are not on the class
   *     path
   */
  public static Builder builder() {
    Libraries.require();
    return new Builder();
  }

  /** The port the server listens on: the one asked for, or the one chosen for port 0. */
  public int port() {
    return app.port();
  }

  /** {@code http://host:port}, the base of every endpoint. */
  public String url() {
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
  }

  /** The names of the rule sets served, in order; the {@code model} an OpenAI client sends. */
  public List<String> ruleSets() {
    return ruleSets.names();
  }

  /** Stops listening, then stops following the rule set folders. */
  @Override
  public void close() {
    try {
      app.stop();
    } finally {
      ruleSets.close();
    }
  }

  /** Configures and starts an {@link ArmatureServer}. */
  public static final class Builder {
    static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    private Path rules = Path.of("rules");
    private Model model = new DryRunModel();
    private final Map<String, Model> routes = new LinkedHashMap<>();
    private ConversationStore store = new InMemoryStore();
    private Clock clock = Clock.systemUTC();
    private ModelPolicy modelPolicy;
    private String host = "127.0.0.1";
    private int port = 8080;
    private String token;
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private final EdgeSettings edge = new EdgeSettings();
    private int maxInFlight = Capacity.DEFAULT_MAX_IN_FLIGHT;
    private final java.util.Set<String> clientAttributes = new java.util.TreeSet<>();
    private final Map<String, String> fixedAttributes = new java.util.TreeMap<>();
    private Turns.StatelessTurns statelessTurns = Turns.StatelessTurns.DISCARDED;
    private final Map<String, dev.armature.Tool> tools = new java.util.TreeMap<>();

    private Builder() {}

    /** A rule set folder, or a folder whose subfolders are rule sets; {@code rules} unless set. */
    public Builder rules(Path rules) {
      this.rules = Objects.requireNonNull(rules, "rules == null");
      return this;
    }

    /** The default model of every rule set; the offline dry-run model unless set. */
    public Builder model(Model model) {
      this.model = Objects.requireNonNull(model, "model == null");
      return this;
    }

    /** A named model that rules choose with {@code Route(name)}. */
    public Builder route(String name, Model model) {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(model, "model == null");
      if (routes.putIfAbsent(name, model) != null) {
        throw new IllegalStateException("route '" + name + "' was already set");
      }
      return this;
    }

    /**
     * The implementation of the tool {@code name} for every served rule set that declares it in
     * {@code ruleset.yaml}. {@link #start()} refuses a name that no served rule set declares.
     */
    public Builder tool(String name, dev.armature.Tool tool) {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(tool, "tool == null");
      if (tools.putIfAbsent(name, tool) != null) {
        throw new IllegalStateException("tool '" + name + "' was already set");
      }
      return this;
    }

    /** A tool served by an HTTP endpoint; see {@link ToolEndpoint} and {@link #tool}. */
    public Builder toolEndpoint(ToolEndpoint endpoint) {
      Objects.requireNonNull(endpoint, "endpoint == null");
      return tool(endpoint.tool(), endpoint.asTool());
    }

    /** Where conversations are kept, shared by every rule set; in memory unless set. */
    public Builder store(ConversationStore store) {
      this.store = Objects.requireNonNull(store, "store == null");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Deadline, retries and circuit breaking of model calls; the orchestrator's default unless set.
     */
    public Builder modelPolicy(ModelPolicy modelPolicy) {
      this.modelPolicy = Objects.requireNonNull(modelPolicy, "modelPolicy == null");
      return this;
    }

    /** The address to listen on; {@code 127.0.0.1} unless set. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host == null");
      return this;
    }

    /** The port; 8080 unless set, 0 for any free port. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be from 0 to 65535 but was " + port);
      }
      this.port = port;
      return this;
    }

    /** A bearer token that {@code /v1/*} and {@code /metrics} then require; none unless set. */
    public Builder token(String token) {
      if (token == null || token.isBlank()) {
        throw new IllegalArgumentException("the bearer token is empty");
      }
      this.token = token.strip();
      return this;
    }

    /** The largest request body accepted, in bytes; 1 MiB unless set. */
    public Builder maxBodyBytes(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be >= 1 but was " + bytes);
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /**
     * A web origin other than the server's own, such as {@code https://app.example}, whose pages
     * may call the API from a browser ({@code *}: any). Requests from other origins get 403.
     */
    public Builder allowOrigin(String origin) {
      edge.origins.add(EdgeSettings.nonBlank(origin, "origin"));
      return this;
    }

    /**
     * A {@code Host} name this server answers to besides loopback names, IP addresses and the
     * address it listens on, such as the name a reverse proxy forwards ({@code *}: any). Requests
     * for other hosts (a hostile name resolved to this machine) get 403.
     */
    public Builder allowHost(String host) {
      edge.hosts.add(EdgeSettings.nonBlank(host, "host"));
      return this;
    }

    /**
     * How long a connection may send nothing, in its headers, its body or between requests; 30 s
     * unless set.
     */
    public Builder idleTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout == null");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("idleTimeout must be positive but was " + timeout);
      }
      edge.idleTimeout = timeout;
      return this;
    }

    /**
     * The most turns that run at once; a turn beyond them is refused with 503 and {@code
     * Retry-After}. 4,096 unless set.
     */
    public Builder maxInFlight(int turns) {
      if (turns < 1) {
        throw new IllegalArgumentException("maxInFlight must be >= 1 but was " + turns);
      }
      this.maxInFlight = turns;
      return this;
    }

    /**
     * The slowest a request body may arrive, in bytes per second, judged after its first second;
     * 1024 unless set, 0 for no minimum. A slower body is cut with 408.
     */
    public Builder minBodyRate(long bytesPerSecond) {
      if (bytesPerSecond < 0) {
        throw new IllegalArgumentException("minBodyRate must be >= 0 but was " + bytesPerSecond);
      }
      edge.minRate = bytesPerSecond;
      return this;
    }

    /**
     * Stores each stateless turn (a chat completion that names no conversation) under its {@code
     * stateless-} name, as a conversation the page shows and a client may go on with; the same
     * messages sent again are answered and store nothing more. Off unless set: nothing is stored.
     */
    public Builder keepStatelessTurns() {
      this.statelessTurns = Turns.StatelessTurns.KEPT;
      return this;
    }

    /** Logs one line per request (logger {@code dev.armature.access}); off unless set. */
    public Builder accessLog() {
      edge.accessLog = true;
      return this;
    }

    /**
     * Lets HTTP clients set this caller attribute on turns of every rule set, beside those each
     * rule set declares under {@code attributes: client:}.
     */
    public Builder clientAttribute(String name) {
      clientAttributes.add(attributeName(name));
      return this;
    }

    /** Sets this caller attribute on every turn; a client may not set or change it. */
    public Builder attribute(String name, String value) {
      Objects.requireNonNull(value, "value == null");
      fixedAttributes.put(attributeName(name), value);
      return this;
    }

    private static String attributeName(String name) {
      Objects.requireNonNull(name, "name == null");
      if (!name.matches("[a-z][a-z0-9_.-]{0,63}")) {
        throw new IllegalArgumentException(
            "attribute name '" + name + "' is not lower case [a-z][a-z0-9_.-]*");
      }
      return name;
    }

    /**
     * Loads the rule sets and starts listening.
     *
     * @throws dev.armature.RuleSetException when a rule set does not load, with every problem
     * @throws IllegalStateException when the address cannot be listened on
     * @throws IllegalArgumentException when a tool is implemented that no rule set declares
     */
    public ArmatureServer start() {
      Metrics metrics = new Metrics();
      metrics.store(store);
      RuleSets ruleSets = RuleSets.load(rules, clock, live -> orchestrator(live, metrics));
      try {
        ServedTools.check(tools.keySet(), ruleSets.all());
      } catch (IllegalArgumentException e) {
        ruleSets.close();
        throw e;
      }
      try {
        Javalin app = Javalin.create(config -> configure(config, ruleSets, metrics));
        app.start(host, port);
        return new ArmatureServer(ruleSets, app, host);
      } catch (RuntimeException e) {
        ruleSets.close();
        throw new IllegalStateException(
            "cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
      }
    }

    private Orchestrator orchestrator(LiveRuleSet live, Metrics metrics) {
      live.addListener(metrics::ruleSetEvent);
      metrics.ruleSetServed(live.current().name());
      Orchestrator.Builder builder =
          Orchestrator.builder().liveRules(live).model(model).store(store).clock(clock);
      routes.forEach(builder::route);
      tools.forEach(builder::tool);
      if (modelPolicy != null) {
        builder.modelPolicy(modelPolicy);
      }
      return builder.build();
    }

    private void configure(JavalinConfig config, RuleSets ruleSets, Metrics metrics) {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.http.maxRequestSize = maxBodyBytes;
      edge.config(host, maxBodyBytes).applyTo(config);
      ServerThreads.configure(config, maxInFlight);
      // A known path asked with the wrong method is a 405 naming the methods, not a 404.
      config.http.prefer405over404 = true;
      TraceLog log = new TraceLog();
      Turns turns =
          new Turns(
              metrics,
              log,
              new Capacity(maxInFlight),
              new AttributePolicy(clientAttributes, fixedAttributes),
              statelessTurns);
      Routes.register(
          config.routes,
          new Routes(
              new ChatCompletions(
                  ruleSets,
                  turns,
                  clock,
                  maxBodyBytes,
                  () -> java.util.UUID.randomUUID().toString()),
              new Responses(
                  ruleSets,
                  turns,
                  clock,
                  maxBodyBytes,
                  () -> java.util.UUID.randomUUID().toString()),
              new NativeApi(ruleSets, turns, log, maxBodyBytes),
              new Web(),
              metrics,
              token == null ? null : new BearerAuth(token)));
    }
  }
}
