package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The tool stage's time is a timing of its own: a clock that moves only inside the tool and the
 * model shows which stage each nanosecond is counted in.
 */
class ToolTimingsTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  private Orchestrator orchestrator(ReplyScript script) {
    Model model =
        request -> {
          now.addAndGet(1_000_000);
          return script.generate(request);
        };
    return Orchestrator.builder()
        .ruleSet(dev.armature.ruleset.RuleSetLoader.load(ToolsTest.RULES))
        .model(model)
        .ticker(now::get)
        .tool(
            "lookup_order",
            args -> {
              now.addAndGet(5_000_000);
              return Map.of("status", "shipped");
            })
        .build();
  }

  @Test
  void trace_whenAToolRuns_countsItsTimeInTheToolsTimingNotTheModels() {
    Trace trace =
        orchestrator(
                new ReplyScript(
                    ReplyScript.call("lookup_order", "{\"order_id\":\"1182\"}"),
                    ModelReply.of("It has shipped.")))
            .turn("c", "where is order 1182")
            .trace();

    assertThat(trace.tools().get(0).nanos()).isEqualTo(5_000_000);
    assertThat(trace.timings().tools()).isEqualTo(5_000_000);
    assertThat(trace.timings().model()).isEqualTo(2_000_000);
    assertThat(trace.timings().total()).isEqualTo(7_000_000);
    assertThat(trace.toJson()).contains("\"tools\":5000000}");
    assertThat(trace.withoutTimings().timings().tools()).isZero();
  }

  @Test
  void trace_whenNoToolIsCalled_theToolsTimingIsZero() {
    Trace trace =
        orchestrator(new ReplyScript(ModelReply.of("Hello.")))
            .turn("c", "where is order 1182")
            .trace();

    assertThat(trace.timings().tools()).isZero();
    assertThat(trace.timings().model()).isEqualTo(1_000_000);
  }
}
