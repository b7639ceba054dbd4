package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.armature.ruleset.RuleSet;
import dev.armature.ruleset.RuleSetLoader;
import dev.armature.ruleset.ToolDeclaration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolDeclarationTest {
  @TempDir Path tmp;

  private Path withTools(String tools) throws IOException {
    Path dir = TestRules.copy(ToolsTest.RULES, tmp.resolve("tools"));
    String yaml = Files.readString(dir.resolve("ruleset.yaml"));
    Files.writeString(
        dir.resolve("ruleset.yaml"), yaml.substring(0, yaml.indexOf("tools:")) + tools);
    return dir;
  }

  private static List<String> problems(Path dir) {
    RuleSetException e =
        catchThrowableOfType(RuleSetException.class, () -> RuleSetLoader.load(dir));
    assertThat(e).as("loading %s must fail", dir).isNotNull();
    return e.problems().stream().map(Problem::toString).toList();
  }

  @Test
  void load_readsEachDeclaredTool() {
    RuleSet rules = RuleSetLoader.load(ToolsTest.RULES);
    assertThat(rules.tools()).containsOnlyKeys("lookup_order", "refund_order");
    ToolDeclaration refund = rules.tools().get("refund_order");
    assertThat(refund.changes()).isTrue();
    assertThat(refund.timeout()).hasMillis(200);
    assertThat(rules.tools().get("lookup_order").changes()).isFalse();
    assertThat(rules.maxToolRounds()).isEqualTo(2);
  }

  @Test
  void check_whenArgumentsMatch_findsNothing_andNamesEachProblemOtherwise() {
    ToolDeclaration refund = RuleSetLoader.load(ToolsTest.RULES).tools().get("refund_order");
    assertThat(refund.check(Map.of("order_id", "1182", "amount", 5))).isEmpty();
    assertThat(refund.check(Map.of("order_id", 1182, "amount", 0)))
        .containsExactlyInAnyOrder(
            "argument 'order_id' is 1182; expected text",
            "argument 'amount' is 0; expected at least 0.01");
    assertThat(refund.check(Map.of("amount", "5")))
        .containsExactlyInAnyOrder(
            "argument 'order_id' is required", "argument 'amount' is '5'; expected a number");
  }

  @Test
  void load_whenATimeoutIsNotADuration_namesTheFieldAndLine() throws IOException {
    Path dir =
        withTools(
            "tools:\n"
                + "  lookup_order:\n"
                + "    description: Looks an order up.\n"
                + "    timeout: soon\n");
    assertThat(problems(dir))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "ruleset.yaml:16:1: field 'tools.lookup_order.timeout': 'soon' is not a"
                            + " duration"));
  }

  @Test
  void load_whenASchemaUsesAnUnsupportedKeyword_saysWhichAndWhatIsSupported() throws IOException {
    Path dir =
        withTools(
            "tools:\n"
                + "  lookup_order:\n"
                + "    description: Looks an order up.\n"
                + "    parameters:\n"
                + "      properties:\n"
                + "        order_id: { type: string, format: uuid }\n"
                + "        count: { type: array }\n");
    assertThat(problems(dir))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains(
                        "field 'tools.lookup_order.parameters': 'properties.order_id.format'"
                            + " is not supported"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains("'properties.count' has type 'array'; expected one of string,"));
  }

  @Test
  void load_whenADescriptionIsMissing_saysTheModelNeedsIt() throws IOException {
    Path dir = withTools("tools:\n  lookup_order:\n    timeout: 2s\n");
    assertThat(problems(dir))
        .anySatisfy(p -> assertThat(p).contains("field 'tools.lookup_order.description': missing"));
  }

  @Test
  void load_whenARuleNamesAnUndeclaredTool_pointsAtTheRule() throws IOException {
    Path dir = TestRules.copy(ToolsTest.RULES, tmp.resolve("t"));
    Files.writeString(
        dir.resolve("patterns/extra.drl"),
        "rule \"Offers a typo\"\nwhen\n    Turn()\nthen\n    insert(new Offer(\"lookup_ordr\"));\nend\n");
    assertThat(problems(dir))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("patterns/extra.drl:5:")
                    .contains("names tool 'lookup_ordr', which the 'tools:' section")
                    .contains("lookup_order"));
  }
}
