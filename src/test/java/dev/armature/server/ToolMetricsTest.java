package dev.armature.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.ModelReply;
import dev.armature.Orchestrator;
import dev.armature.ToolRequest;
import dev.armature.ruleset.RuleSetLoader;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolMetricsTest {
  @Test
  void metrics_countToolCallsByToolAndOutcome() {
    ArrayDeque<ModelReply> replies =
        new ArrayDeque<>(
            List.of(
                ModelReply.calling(
                    new ToolRequest("c1", "lookup_order", "{\"order_id\":\"1182\"}"),
                    new ToolRequest("c2", "lookup_order", "{\"order_id\":\"x\"}")),
                ModelReply.of("It shipped.")));
    Orchestrator orchestrator =
        Orchestrator.builder()
            .ruleSet(RuleSetLoader.load(Path.of("src/test/resources/rulesets/tools")))
            .model(request -> replies.removeFirst())
            .tool("lookup_order", args -> Map.of("status", "shipped"))
            .build();
    Metrics metrics = new Metrics();

    metrics.turn(orchestrator.turn("c", "where is order 1182").trace(), "native");

    assertThat(metrics.scrape())
        .contains(
            "armature_tool_calls_total{outcome=\"ran\",ruleset=\"tools\",tool=\"lookup_order\"} 1.0")
        .contains(
            "armature_tool_calls_total{outcome=\"invalid-arguments\",ruleset=\"tools\","
                + "tool=\"lookup_order\"} 1.0")
        .contains("armature_tool_duration_seconds_count{ruleset=\"tools\",tool=\"lookup_order\"} 1")
        .contains("armature_turn_stage_seconds_count{ruleset=\"tools\",stage=\"tools\"} 1");
  }
}
