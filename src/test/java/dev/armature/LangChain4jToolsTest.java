package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.armature.model.LangChain4jTools;
import dev.armature.ruleset.RuleSet;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** LangChain4j's tool types implement declared tools, through the same tool stage. */
class LangChain4jToolsTest {
  private static final RuleSet LOADED = dev.armature.ruleset.RuleSetLoader.load(ToolsTest.RULES);

  /** A shop as a LangChain4j application writes its tools. */
  static final class ShopTools {
    final List<String> calls = new ArrayList<>();

    @Tool(name = "lookup_order", value = "Looks up an order by its number.")
    public String lookupOrder(@P(name = "order_id", value = "the order number") String orderId) {
      calls.add("lookup " + orderId);
      return "{\"status\":\"shipped\",\"order_id\":\"" + orderId + "\"}";
    }

    @Tool(name = "refund_order", value = "Refunds an order.")
    public String refundOrder(
        @P(name = "order_id", value = "the order") String orderId,
        @P(name = "amount", value = "how much") double amount) {
      calls.add("refund " + orderId + " " + amount);
      if (amount > 50) {
        throw new IllegalStateException("the payment service refused the refund");
      }
      return "refunded " + amount;
    }
  }

  /** A tool whose name the rule set does not declare: LangChain4j names it after its method. */
  static final class Misnamed {
    @Tool("Looks up an order.")
    public String lookupOrder(@P(name = "order_id", value = "the order") String orderId) {
      return "{}";
    }
  }

  /** A tool that takes another argument than the declared one, and requires it. */
  static final class OtherArguments {
    @Tool(name = "lookup_order", value = "Looks up an order.")
    public String lookup(@P(name = "orderNumber", value = "the order") String orderNumber) {
      return "{}";
    }
  }

  @Test
  void turn_whenALangChain4jToolIsCalled_runsItAndTheRulesReadItsResult() {
    ShopTools shop = new ShopTools();
    ReplyScript model =
        new ReplyScript(
            ReplyScript.call("lookup_order", "{\"order_id\":\"1182\"}"),
            ModelReply.of("It has shipped."));
    Orchestrator o = Orchestrator.builder().ruleSet(LOADED).model(model).tools(shop).build();

    TurnResult result = o.turn("c", "where is order 1182");

    assertThat(shop.calls).containsExactly("lookup 1182");
    assertThat(result.trace().tools())
        .extracting(Trace.ToolUse::outcome, Trace.ToolUse::detail)
        .containsExactly(Tuple.tuple("ran", "{\"order_id\":\"1182\",\"status\":\"shipped\"}"));
    assertThat(o.conversation("c").vars()).containsEntry("order_status", "shipped");
  }

  @Test
  void turn_whenALangChain4jToolAnswersTextOrThrows_itIsAResultOrAFailure() {
    ShopTools shop = new ShopTools();
    ReplyScript model =
        new ReplyScript(
            ReplyScript.call("refund_order", "{\"order_id\":\"1182\",\"amount\":40}"),
            ModelReply.of("Done."),
            ReplyScript.call("refund_order", "{\"order_id\":\"1183\",\"amount\":60}"));
    Orchestrator o = Orchestrator.builder().ruleSet(LOADED).model(model).tools(shop).build();

    o.turn("c", "refund order 1182");
    Trace.ToolUse ran = o.turn("c", "yes").trace().tools().get(0);
    o.turn("c", "refund order 1183");
    TurnResult failed = o.turn("c", "yes please");

    assertThat(shop.calls).containsExactly("refund 1182 40.0", "refund 1183 60.0");
    assertThat(ran.outcome()).isEqualTo("confirmed");
    assertThat(ran.detail()).isEqualTo("{\"result\":\"refunded 40.0\"}");
    assertThat(failed.trace().tools().get(0).outcome()).isEqualTo("error");
    assertThat(failed.trace().tools().get(0).detail())
        .contains("the payment service refused the refund");
    assertThat(failed.reply()).isEqualTo("The refund did not go through; a person will follow up.");
  }

  @Test
  void turn_whenASpecificationAndExecutorAreGiven_runsTheExecutor() {
    ToolSpecification specification =
        ToolSpecification.builder()
            .name("lookup_order")
            .description("Looks up an order.")
            .parameters(
                JsonObjectSchema.builder()
                    .addStringProperty("order_id")
                    .required("order_id")
                    .build())
            .build();
    List<String> seen = new ArrayList<>();
    LangChain4jTools.Bound bound =
        LangChain4jTools.of(
            specification,
            (request, memoryId) -> {
              seen.add(request.name() + " " + request.arguments());
              return "{\"status\":\"delivered\"}";
            });
    ReplyScript model =
        new ReplyScript(
            ReplyScript.call("lookup_order", "{\"order_id\":\"2001\"}"),
            ModelReply.of("Delivered."));
    Orchestrator o =
        Orchestrator.builder()
            .ruleSet(LOADED)
            .model(model)
            .tool(bound.spec(), bound.tool())
            .build();

    o.turn("c", "where is order 2001");

    assertThat(seen).containsExactly("lookup_order {\"order_id\":\"2001\"}");
    assertThat(o.conversation("c").vars()).containsEntry("order_status", "delivered");
  }

  @Test
  void build_whenALangChain4jToolIsNotDeclared_saysWhichAndWhatIs() {
    Orchestrator.Builder builder = Orchestrator.builder().ruleSet(LOADED).tools(new Misnamed());

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "tool 'lookupOrder' is not declared in the ruleset.yaml of rule set 'tools'"
                + " (declared: lookup_order, refund_order); give the implementation the declared"
                + " name, with LangChain4j's @Tool(name = \"...\")");
  }

  @Test
  void build_whenALangChain4jToolsArgumentsDisagree_namesThem() {
    Orchestrator.Builder builder =
        Orchestrator.builder().ruleSet(LOADED).tools(new OtherArguments());

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "tool 'lookup_order': ruleset.yaml declares arguments [order_id] that the"
                + " implementation does not take (it takes [orderNumber]); tool 'lookup_order':"
                + " the implementation requires arguments [orderNumber] that ruleset.yaml does not"
                + " require (it requires [order_id])");
  }

  @Test
  void tools_whenAnObjectHasNoToolMethod_refusesIt() {
    assertThatThrownBy(() -> Orchestrator.builder().tools(new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an object of Object has no method annotated with LangChain4j's @Tool");
  }

  @Test
  void tool_whenTheTextIsNotAJsonObject_itIsTheResultField() throws Exception {
    LangChain4jTools.Bound list =
        LangChain4jTools.of(ToolSpecification.builder().name("x").build(), (r, m) -> "[1, 2]");

    assertThat(list.tool().call(Map.of())).isEqualTo(Map.of("result", "[1, 2]"));
    assertThat(list.spec().parameters()).isEqualTo("{}");
  }
}
