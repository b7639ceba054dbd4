package dev.armature.cli;

import dev.armature.ConversationStore;
import dev.armature.RuleSetException;
import dev.armature.model.Models;
import dev.armature.server.ArmatureServer;
import dev.armature.state.InMemoryStore;
import dev.armature.state.JdbcStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code armature serve}: the HTTP server, until the process is stopped. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Serve the rule sets over HTTP: OpenAI-compatible /v1/chat/completions (the model field names "
            + "the rule set), a native turn API with traces, /v1/rulesets, /healthz, /metrics and a web page at /. "
            + "Rule set edits are checked and swapped in live.")
final class ServeCommand implements Callable<Integer> {
  @Option(
      names = "--rules",
      paramLabel = "DIR",
      defaultValue = "rules",
      description = "A rule set folder, or a folder of rule sets (default: rules).")
  Path rules;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      defaultValue = "127.0.0.1",
      description = "The address to listen on (default: 127.0.0.1, this machine only).")
  String host;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "8080",
      description = "The port (default: 8080; 0 for any free port).")
  int port;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "A file holding a bearer token that the API and /metrics then require.")
  Path tokenFile;

  @Option(
      names = "--allow-origin",
      paramLabel = "ORIGIN",
      description =
          "A web origin besides the server's own whose pages may call the API from a browser, "
              + "such as https://app.example (* for any). Repeatable. Other origins get 403.")
  List<String> allowOrigins = new ArrayList<>();

  @Option(
      names = "--allow-host",
      paramLabel = "HOST",
      description =
          "A Host name served besides localhost, IP addresses and --host, such as the name a "
              + "reverse proxy forwards (* for any). Repeatable. Other hosts get 403 (DNS rebinding).")
  List<String> allowHosts = new ArrayList<>();

  @Option(
      names = "--idle-timeout",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description =
          "How long a connection may send nothing, in its headers, its body or between requests "
              + "(default: 30).")
  long idleTimeoutSeconds;

  @Option(
      names = "--min-body-rate",
      paramLabel = "BYTES",
      defaultValue = "1024",
      description =
          "The slowest a request body may arrive, in bytes per second after its first second "
              + "(default: 1024; 0 for no minimum). Slower bodies get 408.")
  long minBodyRate;

  @Option(
      names = "--access-log",
      description = "Log one line per request (logger dev.armature.access).")
  boolean accessLog;

  @Option(
      names = "--keep-stateless",
      description =
          "Store each stateless turn (a completion that names no conversation) under its"
              + " stateless- name; by default nothing of them is stored.")
  boolean keepStateless;

  @Mixin ModelOption model;

  @Mixin ServeLimits limits;

  @Mixin ToolEndpointOptions toolEndpoints;

  @Option(
      names = "--route",
      paramLabel = "NAME=SPEC",
      description =
          "A named model that rules choose with Route(\"NAME\"), such as strong=openai:gpt-4o. Repeatable.")
  Map<String, String> routes = new LinkedHashMap<>();

  @Option(
      names = "--store",
      paramLabel = "STORE",
      defaultValue = "h2:armature-data/conversations",
      description =
          "Where conversations are kept: h2:PATH (an embedded database file, the default: "
              + "h2:armature-data/conversations), a JDBC URL such as jdbc:postgresql://host/db?user=u&password=p "
              + "(instances that share conversations), or memory.")
  String store;

  @Override
  public Integer call() throws InterruptedException {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ArmatureServer server;
    try {
      ArmatureServer.Builder builder =
          ArmatureServer.builder().rules(rules).host(host).port(port).model(model.model());
      allowOrigins.forEach(builder::allowOrigin);
      allowHosts.forEach(builder::allowHost);
      builder
          .idleTimeout(java.time.Duration.ofSeconds(idleTimeoutSeconds))
          .minBodyRate(minBodyRate);
      if (keepStateless) {
        builder.keepStatelessTurns();
      }
      if (accessLog) {
        builder.accessLog();
      }
      conversations = limits.store(store);
      builder.store(conversations);
      limits.configure(builder);
      for (Map.Entry<String, String> route : routes.entrySet()) {
        builder.route(route.getKey(), Models.fromSpec(route.getValue(), System.getenv()));
      }
      if (tokenFile != null) {
        builder.token(token(tokenFile));
      }
      endpoints = toolEndpoints.endpoints(System.getenv());
      endpoints.forEach(builder::toolEndpoint);
      server = builder.start();
    } catch (RuleSetException e) {
      err.println("The rule sets have errors:");
      err.println(e.getMessage());
      return 1;
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println(e.getMessage());
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    ConversationStore kept = conversations;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  if (kept instanceof JdbcStore) {
                    ((JdbcStore) kept).close();
                  }
                  stopped.countDown();
                },
                "armature-serve-shutdown"));
    out.println(
        "Armature serving "
            + String.join(", ", server.ruleSets())
            + " at "
            + server.url()
            + " (model "
            + model.spec
            + ", conversations in "
            + describe(store)
            + (tokenFile == null ? "" : ", bearer token required")
            + "). Ctrl-C stops.");
    out.flush();
    out.println("  page " + server.url() + "/   OpenAI base URL " + server.url() + "/v1");
    endpoints.forEach(e -> out.println("  tool " + e));
    if (tokenFile == null
        && !(host.startsWith("127.") || host.equals("localhost") || host.equals("::1"))) {
      err.println(
          "warning: listening on "
              + host
              + " without --token-file: anyone who reaches it can use the API");
    }
    stopped.await();
    return 0;
  }

  private ConversationStore conversations;

  private List<dev.armature.server.ToolEndpoint> endpoints = List.of();

  /** The store a {@code --store} value names. */
  static ConversationStore store(String spec) {
    return store(spec, JdbcStore.Retention.ALL);
  }

  /** The store a {@code --store} value names, keeping the turn log as {@code retention} says. */
  static ConversationStore store(String spec, JdbcStore.Retention retention) {
    if (spec.equals("memory")) {
      return new InMemoryStore();
    }
    if (spec.startsWith("h2:")) {
      Path file = Path.of(spec.substring(3));
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "cannot create the folder of the store '" + spec + "': " + e.getMessage());
      }
      return JdbcStore.h2File(file, retention, java.time.Clock.systemUTC());
    }
    if (spec.startsWith("jdbc:")) {
      return JdbcStore.open(spec, retention, java.time.Clock.systemUTC());
    }
    throw new IllegalArgumentException(
        "--store '" + describe(spec) + "' is not h2:PATH, a jdbc: URL or memory");
  }

  /** The store's name for messages, without any password a URL holds. */
  static String describe(String spec) {
    return spec.replaceAll("(?i)(password=)[^&;]*", "$1***")
        .replaceAll("//([^:/@]+):[^@/]*@", "//$1:***@");
  }

  private static String token(Path file) {
    String token;
    try {
      token = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the token file '" + file + "': " + e.getMessage());
    }
    if (token.isEmpty()) {
      throw new IllegalArgumentException("the token file '" + file + "' is empty");
    }
    return token;
  }
}
