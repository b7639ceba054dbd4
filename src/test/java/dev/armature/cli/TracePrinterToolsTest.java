package dev.armature.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.ModelReply;
import dev.armature.Orchestrator;
import dev.armature.ToolRequest;
import dev.armature.example.ExampleShop;
import dev.armature.ruleset.RuleSetLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.Test;

class TracePrinterToolsTest {
  @Test
  void print_whenTheTurnCalledTools_showsEachCallItsOutcomeAndTheRule() {
    ArrayDeque<ModelReply> replies =
        new ArrayDeque<>(
            List.of(
                ModelReply.calling(
                    new ToolRequest("c1", "refund_order", "{\"order_id\":\"2001\",\"amount\":20}")),
                ModelReply.of("That order is outside the window.")));
    Orchestrator.Builder builder =
        Orchestrator.builder()
            .ruleSet(RuleSetLoader.load(Path.of("rules/support")))
            .model(request -> replies.removeFirst());
    new ExampleShop().tools().forEach(builder::tool);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    new TracePrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8))
        .print(builder.build().turn("c", "I want a refund for order 2001").trace());

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains(
            "  tool       refund_order {\"order_id\":\"2001\",\"amount\":20} -> denied by 'Only a"
                + " known order is returned or refunded': order 2001 is not an order the lookup"
                + " found");
  }
}
