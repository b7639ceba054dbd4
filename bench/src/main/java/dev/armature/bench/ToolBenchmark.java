package dev.armature.bench;

import dev.armature.Message;
import dev.armature.Model;
import dev.armature.ModelReply;
import dev.armature.Orchestrator;
import dev.armature.ToolRequest;
import dev.armature.example.ExampleShop;
import dev.armature.ruleset.RuleSet;
import dev.armature.ruleset.RuleSetLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the tool phase adds to a turn of the support rule set, side by side in one run: the same
 * refund question answered at once (tools offered, none called), with one call the rules judge and
 * deny (a refund of an order never looked up: no tool runs), and with one call the rules let run
 * (a lookup in the offline example shop, then the rules read its result). The model is in process
 * and answers at once, so the difference is Armature's own: judging, running, reading, and the
 * second model request. The last runs the same lookup on an HTTP endpoint ({@code ToolEndpoint}, a
 * JDK HTTP server on this machine answering from the same shop), which adds the round trip and
 * the JSON both ways.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class ToolBenchmark {
  static final String TEXT = "I want a refund for order 1182, the shoes don't fit";

  Orchestrator noCall;
  Orchestrator denied;
  Orchestrator ran;
  Orchestrator ranOnEndpoint;
  com.sun.net.httpserver.HttpServer endpoint;
  java.util.concurrent.ExecutorService endpointThreads;
  long n;

  @Setup
  public void setUp() {
    RuleSet support = RuleSetLoader.load(Path.of("rules/support"));
    noCall = orchestrator(support, request -> ModelReply.of("Refunds close 30 days after delivery."));
    denied = orchestrator(support, calling("refund_order", "{\"order_id\":\"1182\",\"amount\":20}"));
    ran = orchestrator(support, calling("lookup_order", "{\"order_id\":\"1182\"}"));
    ranOnEndpoint =
        Orchestrator.builder()
            .ruleSet(support)
            .model(calling("lookup_order", "{\"order_id\":\"1182\"}"))
            .tool(
                "lookup_order",
                dev.armature.server.ToolEndpoint.of("lookup_order", shopEndpoint() + "/lookup")
                    .asTool())
            .build();
  }

  /** The example shop's lookup over HTTP, on a free port of this machine. */
  private String shopEndpoint() {
    // Without it the JDK's server waits for more to send, about 40 ms per answer.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    dev.armature.Tool lookup = new ExampleShop().tools().get("lookup_order");
    try {
      endpoint =
          com.sun.net.httpserver.HttpServer.create(
              new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    endpoint.createContext(
        "/lookup",
        x -> {
          try {
            @SuppressWarnings("unchecked")
            Map<String, Object> args = json.readValue(x.getRequestBody(), Map.class);
            byte[] body = json.writeValueAsBytes(lookup.call(args));
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
          } catch (Exception e) {
            x.sendResponseHeaders(500, -1);
          } finally {
            x.close();
          }
        });
    endpointThreads = java.util.concurrent.Executors.newFixedThreadPool(2);
    endpoint.setExecutor(endpointThreads);
    endpoint.start();
    return "http://127.0.0.1:" + endpoint.getAddress().getPort();
  }

  @org.openjdk.jmh.annotations.TearDown
  public void tearDown() {
    endpoint.stop(0);
    endpointThreads.shutdownNow();
  }

  private static Orchestrator orchestrator(RuleSet support, Model model) {
    Orchestrator.Builder builder = Orchestrator.builder().ruleSet(support).model(model);
    new ExampleShop().tools().forEach(builder::tool);
    return builder.build();
  }

  /** A model that calls one tool, then answers once it has the result. */
  private static Model calling(String tool, String arguments) {
    return request -> {
      Message last = request.messages().get(request.messages().size() - 1);
      return last.role() == Message.Role.TOOL
          ? ModelReply.of("Here is what I found.")
          : ModelReply.calling(new ToolRequest("call_1", tool, arguments));
    };
  }

  private String id() {
    return "bench-" + (n++ % 64);
  }

  /** The turn with tools offered and none called. */
  @Benchmark
  public Object noToolCall() {
    return noCall.turn(id(), TEXT, Map.of());
  }

  /** The turn with one call the rules judge and deny: nothing runs. */
  @Benchmark
  public Object oneCallDenied() {
    return denied.turn(id(), TEXT, Map.of());
  }

  /** The turn with one call the rules let run, and its result read by the rules. */
  @Benchmark
  public Object oneCallRun() {
    return ran.turn(id(), TEXT, Map.of());
  }

  /** The same turn, its lookup run on an HTTP endpoint. */
  @Benchmark
  public Object oneCallRunOnEndpoint() {
    return ranOnEndpoint.turn(id(), TEXT, Map.of());
  }
}
