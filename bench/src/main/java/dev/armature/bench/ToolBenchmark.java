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
 * second model request.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class ToolBenchmark {
  static final String TEXT = "I want a refund for order 1182, the shoes don't fit";

  Orchestrator noCall;
  Orchestrator denied;
  Orchestrator ran;
  long n;

  @Setup
  public void setUp() {
    RuleSet support = RuleSetLoader.load(Path.of("rules/support"));
    noCall = orchestrator(support, request -> ModelReply.of("Refunds close 30 days after delivery."));
    denied = orchestrator(support, calling("refund_order", "{\"order_id\":\"1182\",\"amount\":20}"));
    ran = orchestrator(support, calling("lookup_order", "{\"order_id\":\"1182\"}"));
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
}
