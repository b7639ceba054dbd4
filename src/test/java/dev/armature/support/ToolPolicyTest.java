package dev.armature.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.armature.Model;
import dev.armature.ModelReply;
import dev.armature.ModelRequest;
import dev.armature.Orchestrator;
import dev.armature.ToolRequest;
import dev.armature.example.ExampleShop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The retail policy of {@code rules/support}, scenario by scenario: a scripted model attempts
 * correct calls and calls that break the policy (outside the window, unknown order, second refund,
 * no confirmation, arguments off the schema, a tool not offered, gold-only amounts...). Every
 * breaking call must be stopped before the example shop receives it, every correct call must reach
 * it; the test prints both counts.
 */
class ToolPolicyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every turn's trace, for the coverage test. */
  final List<dev.armature.Trace> traces = new ArrayList<>();

  /** One tool call the model attempts, and whether the policy allows it. */
  /**
   * @param expected for a breaking call, what must become of it: the trace's outcome, and after a
   *     colon the rule that must have decided it
   */
  private record Attempt(String tool, String arguments, boolean correct, String expected) {
    Attempt(String tool, String arguments, boolean correct) {
      this(tool, arguments, correct, null);
    }
  }

  /** One model answer: tool calls, or text. */
  private record Answer(List<Attempt> calls, String text) {}

  private record Step(String user, List<Answer> answers) {}

  private record Scenario(String name, String tier, List<Step> steps) {}

  private static final class Builder {
    private final String name;
    private String tier;
    private final List<Step> steps = new ArrayList<>();

    Builder(String name) {
      this.name = name;
    }

    Builder gold() {
      tier = "gold";
      return this;
    }

    Builder turn(String user, Answer... answers) {
      steps.add(new Step(user, List.of(answers)));
      return this;
    }

    Scenario done() {
      return new Scenario(name, tier, steps);
    }
  }

  private static Builder scenario(String name) {
    return new Builder(name);
  }

  private static Attempt lookup(String id) {
    return new Attempt("lookup_order", "{\"order_id\":\"" + id + "\"}", true);
  }

  private static Attempt refund(String id, String amount) {
    return new Attempt(
        "refund_order", "{\"order_id\":\"" + id + "\",\"amount\":" + amount + "}", true);
  }

  private static Attempt giveBack(String id, String reason) {
    return new Attempt(
        "start_return", "{\"order_id\":\"" + id + "\",\"reason\":\"" + reason + "\"}", true);
  }

  private static Attempt ticket(String summary) {
    return new Attempt("create_ticket", "{\"summary\":\"" + summary + "\"}", true);
  }

  private static Attempt raw(String tool, String arguments) {
    return new Attempt(tool, arguments, true);
  }

  private static Answer ok(Attempt... calls) {
    return new Answer(List.of(calls), null);
  }

  private static Answer bad(Attempt call, String expected) {
    return new Answer(List.of(breaking(call, expected)), null);
  }

  private static Answer calls(Attempt... calls) {
    return new Answer(List.of(calls), null);
  }

  private static Attempt breaking(Attempt call, String expected) {
    return new Attempt(call.tool(), call.arguments(), false, expected);
  }

  private static Answer say(String text) {
    return new Answer(List.of(), text);
  }

  private static final String REFUND_1182 = "I want a refund for order 1182, the shoes don't fit";
  private static final String YES = "yes";

  static List<Scenario> scenarios() {
    return List.of(
        // --- correct calls ---------------------------------------------------------------------
        scenario("looking up a known order")
            .turn("Where is my order 1182?", ok(lookup("1182")), say("It was delivered."))
            .done(),
        scenario("looking up an unknown order")
            .turn("Where is my order 7777?", ok(lookup("7777")), say("I can't find that order."))
            .done(),
        scenario("a refund inside the window, confirmed")
            .turn(REFUND_1182, ok(lookup("1182")), ok(refund("1182", "30")))
            .turn(YES, say("Done: 30 refunded."))
            .done(),
        scenario("a full refund, confirmed with 'yes please'")
            .turn(REFUND_1182, ok(lookup("1182")), ok(refund("1182", "59.9")))
            .turn("Yes please", say("Refunded."))
            .done(),
        scenario("a refund confirmed with 'ok, go ahead'")
            .turn(REFUND_1182, ok(lookup("1182")), ok(refund("1182", "10")))
            .turn("ok, go ahead", say("Refunded."))
            .done(),
        scenario("a gold customer's large refund, confirmed")
            .gold()
            .turn(
                "Please refund 200 of order 3003, the machine leaks",
                ok(lookup("3003")),
                ok(refund("3003", "200")))
            .turn(YES, say("Refunded 200."))
            .done(),
        scenario("a refund of exactly 100 needs no gold tier")
            .turn(
                "I'd like a refund of 100 for order 3003",
                ok(lookup("3003")),
                ok(refund("3003", "100")))
            .turn(YES, say("Refunded 100."))
            .done(),
        scenario("a return inside the window")
            .turn(
                "I want to return order 1182 and get a refund, wrong size",
                ok(lookup("1182")),
                ok(giveBack("1182", "wrong-size")),
                say("Your return label is RL-1182."))
            .done(),
        scenario("the lookup and the refund in different turns")
            .turn(
                "Can I get a refund for order 1182?",
                ok(lookup("1182")),
                say("Yes, it is in the window."))
            .turn("Then please refund me 25 for it", ok(refund("1182", "25")))
            .turn(YES, say("Refunded 25."))
            .done(),
        scenario("a refund of an order not yet delivered")
            .turn(
                "I want a refund for order 4004, I changed my mind",
                ok(lookup("4004")),
                ok(refund("4004", "35")))
            .turn(YES, say("Refunded."))
            .done(),
        scenario("a refund the payment provider fails reaches the tool")
            .turn(
                "Refund order 6006 please, the mat smells",
                ok(lookup("6006")),
                ok(refund("6006", "45")))
            .turn(YES)
            .done(),
        scenario("a person asked for gets a ticket")
            .turn(
                "I want to talk to a human about order 1182",
                ok(ticket("Customer asks for a person about order 1182")),
                say("A person will reply by email."))
            .done(),
        scenario("a lookup and a return in one answer")
            .turn(
                "I need to return order 1182 for a refund, it arrived damaged",
                ok(lookup("1182")),
                ok(giveBack("1182", "damaged")),
                say("Return started."))
            .done(),
        // --- refunds outside the window --------------------------------------------------------
        scenario("a refund outside the window")
            .turn(
                "I want a refund for order 2001",
                ok(lookup("2001")),
                bad(refund("2001", "50"), "denied:No return or refund outside the 30-day window"),
                say("That is outside the window."))
            .done(),
        scenario("a return outside the window")
            .turn(
                "I want to return order 2001 and get my money back",
                ok(lookup("2001")),
                bad(
                    giveBack("2001", "not-wanted"),
                    "denied:No return or refund outside the 30-day window"),
                say("Returns close after 30 days."))
            .done(),
        scenario("a gold customer's refund outside the window")
            .gold()
            .turn(
                "Refund order 2001 please",
                ok(lookup("2001")),
                bad(refund("2001", "120"), "denied:No return or refund outside the 30-day window"),
                say("Outside the window."))
            .done(),
        // --- unknown orders ----------------------------------------------------------------------
        scenario("a refund of an unknown order, never looked up")
            .turn(
                "Refund order 7777 now",
                bad(refund("7777", "20"), "denied:Only a known order is returned or refunded"),
                say("I can't find that order."))
            .done(),
        scenario("a refund of an order the lookup did not find")
            .turn(
                "Refund order 7777 now",
                ok(lookup("7777")),
                bad(refund("7777", "20"), "denied:Only a known order is returned or refunded"),
                say("No such order."))
            .done(),
        scenario("a refund of a real order without a lookup")
            .turn(
                REFUND_1182,
                bad(refund("1182", "20"), "denied:Only a known order is returned or refunded"),
                say("Let me check first."))
            .done(),
        scenario("a refund of another order than the one looked up")
            .turn(
                REFUND_1182,
                ok(lookup("1182")),
                bad(refund("3003", "20"), "denied:Only a known order is returned or refunded"),
                say("Which order?"))
            .done(),
        scenario("a refund of an order looked up before another one")
            .turn(
                "Refund order 2001, or else order 1182",
                ok(lookup("2001")),
                ok(lookup("1182")),
                bad(refund("2001", "20"), "denied:Only a known order is returned or refunded"),
                say("Only 1182 can be refunded."))
            .done(),
        scenario("a refund before the lookup in the same answer")
            .turn(
                REFUND_1182,
                calls(
                    breaking(
                        refund("1182", "20"), "denied:Only a known order is returned or refunded"),
                    lookup("1182")),
                say("Looked it up first."))
            .done(),
        // --- second refunds ----------------------------------------------------------------------
        scenario("a refund of an order already refunded")
            .turn(
                "I want a refund for order 5005",
                ok(lookup("5005")),
                bad(refund("5005", "80"), "denied:An order is refunded once"),
                say("Already refunded."))
            .done(),
        scenario("a gold customer's refund of an order already refunded")
            .gold()
            .turn(
                "I want a refund for order 5005",
                ok(lookup("5005")),
                bad(refund("5005", "10"), "denied:An order is refunded once"),
                say("Already refunded."))
            .done(),
        scenario("a second refund in the same conversation")
            .turn(REFUND_1182, ok(lookup("1182")), ok(refund("1182", "20")))
            .turn(YES, say("Refunded 20."))
            .turn(
                "Actually I want another refund of 20 for order 1182",
                bad(refund("1182", "20"), "denied:An order is refunded once"),
                say("It was refunded already."))
            .done(),
        scenario("a second refund after a fresh lookup")
            .turn(REFUND_1182, ok(lookup("1182")), ok(refund("1182", "15")))
            .turn(YES, say("Refunded 15."))
            .turn(
                "Can I get a refund for order 1182 again?",
                ok(lookup("1182")),
                bad(refund("1182", "15"), "denied:An order is refunded once"),
                say("No."))
            .done(),
        // --- confirmation ------------------------------------------------------------------------
        scenario("a refund the customer does not confirm")
            .turn(
                REFUND_1182,
                ok(lookup("1182")),
                bad(refund("1182", "30"), "dropped:Every refund is confirmed by the customer"))
            .turn("no", say("Alright, nothing refunded."))
            .done(),
        scenario("a refund the customer answers with another question")
            .turn(
                REFUND_1182,
                ok(lookup("1182")),
                bad(refund("1182", "30"), "dropped:Every refund is confirmed by the customer"))
            .turn("How long do deliveries usually take?", say("Two to four days."))
            .done(),
        scenario("a yes with a question is not a confirmation")
            .turn(
                REFUND_1182,
                ok(lookup("1182")),
                bad(refund("1182", "30"), "dropped:Every refund is confirmed by the customer"))
            .turn("yes but could you refund 40 instead?", say("Let me ask again."))
            .done(),
        scenario("a yes two turns later confirms nothing")
            .turn(
                REFUND_1182,
                ok(lookup("1182")),
                bad(refund("1182", "30"), "dropped:Every refund is confirmed by the customer"))
            .turn("Where is order 1182 right now?", say("Delivered."))
            .turn(YES, say("Yes to what?"))
            .done(),
        scenario("the confirmed turn runs that call and nothing else")
            .turn(REFUND_1182, ok(lookup("1182")), ok(refund("1182", "30")))
            .turn(YES, bad(refund("1182", "29"), "not-offered"), say("Done."))
            .done(),
        // --- arguments off the schema
        // --------------------------------------------------------------
        scenario("a negative amount")
            .turn(
                REFUND_1182,
                ok(lookup("1182")),
                bad(refund("1182", "-5"), "invalid-arguments"),
                say("Sorry."))
            .done(),
        scenario("an amount of zero")
            .turn(
                REFUND_1182,
                ok(lookup("1182")),
                bad(refund("1182", "0"), "invalid-arguments"),
                say("Sorry."))
            .done(),
        scenario("an amount given as text")
            .turn(
                REFUND_1182,
                ok(lookup("1182")),
                bad(refund("1182", "\"20\""), "invalid-arguments"),
                say("Sorry."))
            .done(),
        scenario("an amount above the schema's maximum")
            .gold()
            .turn(
                REFUND_1182,
                ok(lookup("1182")),
                bad(refund("1182", "20000"), "invalid-arguments"),
                say("Sorry."))
            .done(),
        scenario("a refund without an amount")
            .turn(
                REFUND_1182,
                ok(lookup("1182")),
                bad(raw("refund_order", "{\"order_id\":\"1182\"}"), "invalid-arguments"),
                say("Sorry."))
            .done(),
        scenario("an order number that is not digits")
            .turn(
                "Where is my order 1182?",
                bad(raw("lookup_order", "{\"order_id\":\"ABC-1182\"}"), "invalid-arguments"),
                say("Sorry."))
            .done(),
        scenario("an argument the schema does not name")
            .turn(
                "Where is my order 1182?",
                bad(
                    raw("lookup_order", "{\"order_id\":\"1182\",\"admin\":true}"),
                    "invalid-arguments"),
                say("Sorry."))
            .done(),
        scenario("arguments that are not JSON")
            .turn(
                "Where is my order 1182?",
                bad(raw("lookup_order", "{order_id: 1182"), "invalid-arguments"),
                say("Sorry."))
            .done(),
        scenario("a return reason outside the list")
            .turn(
                "I want to return order 1182 for a refund",
                ok(lookup("1182")),
                bad(giveBack("1182", "because"), "invalid-arguments"),
                say("Sorry."))
            .done(),
        scenario("a ticket summary too short")
            .turn(
                "I want to talk to a human",
                bad(ticket("help"), "invalid-arguments"),
                say("Sorry."))
            .done(),
        // --- tools not offered
        // ---------------------------------------------------------------------
        scenario("a refund when only an order's status was asked")
            .turn(
                "Where is my order 1182?",
                ok(lookup("1182")),
                bad(refund("1182", "20"), "not-offered"),
                say("Delivered."))
            .done(),
        scenario("a return when only an order's status was asked")
            .turn(
                "Where is my order 1182?",
                bad(giveBack("1182", "other"), "not-offered"),
                say("Delivered."))
            .done(),
        scenario("a ticket when no person was asked for")
            .turn(
                "Where is my order 1182?",
                bad(ticket("Customer asks where order 1182 is"), "not-offered"),
                say("Delivered."))
            .done(),
        scenario("a tool the rule set does not declare")
            .turn(REFUND_1182, bad(raw("delete_account", "{}"), "not-offered"), say("Sorry."))
            .done(),
        scenario("a lookup in a turn that offers nothing")
            .turn("hello", bad(lookup("1182"), "not-offered"), say("Hello!"))
            .done(),
        // --- gold-only amounts
        // ---------------------------------------------------------------------
        scenario("a large refund for a standard customer")
            .turn(
                "Please refund 200 of order 3003",
                ok(lookup("3003")),
                bad(refund("3003", "200"), "denied:Refunds above 100 are for gold customers"),
                say("A person can help."))
            .done(),
        scenario("a refund just above the limit for a standard customer")
            .turn(
                "Please refund 100.5 of order 3003",
                ok(lookup("3003")),
                bad(refund("3003", "100.5"), "denied:Refunds above 100 are for gold customers"),
                say("A person can help."))
            .done(),
        // --- the model-tool loop is bounded
        // --------------------------------------------------------
        scenario("calls past the rule set's rounds")
            .turn(
                "Where is my order 1182?",
                ok(lookup("1182")),
                ok(lookup("1182")),
                ok(lookup("1182")),
                bad(lookup("4004"), "over-limit"),
                say("Delivered."))
            .done());
  }

  /** A model that gives the scenario's answers in order, and says when it ran out. */
  private static final class Scripted implements Model {
    private final Deque<ModelReply> replies = new ArrayDeque<>();
    private int extra;

    @Override
    public synchronized ModelReply generate(ModelRequest request) {
      if (replies.isEmpty()) {
        extra++;
        return ModelReply.of("(no scripted answer)");
      }
      return replies.removeFirst();
    }
  }

  @Test
  void policy_everyBreakingCallIsStoppedBeforeTheToolRuns_everyCorrectCallRuns() throws Exception {
    List<Scenario> scenarios = scenarios();
    int breaking = 0;
    int stopped = 0;
    int correct = 0;
    int ran = 0;
    List<String> failures = new ArrayList<>();
    for (Scenario s : scenarios) {
      ExampleShop shop = new ExampleShop();
      Scripted model = new Scripted();
      Orchestrator.Builder builder =
          Orchestrator.builder()
              .ruleSet(Chat.SUPPORT)
              .model(model)
              .clock(Chat.CLOCK)
              .sleeper(d -> {});
      shop.tools().forEach(builder::tool);
      Orchestrator orchestrator = builder.build();
      List<Attempt> attempts = new ArrayList<>();
      List<dev.armature.Trace.ToolUse> uses = new ArrayList<>();
      int n = 0;
      for (Step step : s.steps()) {
        for (Answer a : step.answers()) {
          if (a.text() != null) {
            model.replies.add(ModelReply.of(a.text()));
          } else {
            List<ToolRequest> requests = new ArrayList<>();
            for (Attempt call : a.calls()) {
              requests.add(new ToolRequest("call-" + ++n, call.tool(), call.arguments()));
              attempts.add(call);
            }
            model.replies.add(ModelReply.calling(requests.toArray(new ToolRequest[0])));
          }
        }
        dev.armature.Trace trace =
            orchestrator
                .turn(
                    "scenario", step.user(), s.tier() == null ? Map.of() : Map.of("tier", s.tier()))
                .trace();
        traces.add(trace);
        uses.addAll(trace.tools());
      }
      if (!model.replies.isEmpty() || model.extra > 0) {
        failures.add(
            s.name()
                + ": the turns asked the model "
                + (model.extra > 0 ? model.extra + " more time(s)" : "fewer times")
                + " than scripted");
      }
      List<ExampleShop.Invocation> received = new ArrayList<>(shop.invocations());
      for (Attempt call : attempts) {
        boolean reached = received.remove(invocation(call));
        if (call.correct()) {
          correct++;
          ran += reached ? 1 : 0;
          if (!reached) {
            failures.add(s.name() + ": the correct call " + call + " did not run");
          }
        } else {
          breaking++;
          boolean why = stoppedAsExpected(call, uses);
          stopped += reached || !why ? 0 : 1;
          if (reached) {
            failures.add(s.name() + ": the breaking call " + call + " reached the shop");
          } else if (!why) {
            failures.add(
                s.name() + ": the breaking call " + call + " was stopped otherwise: " + uses);
          }
        }
      }
    }
    System.out.printf(
        "policy scenarios: %d; breaking calls stopped before the tool ran: %d of %d; correct calls"
            + " run: %d of %d%n",
        scenarios.size(), stopped, breaking, ran, correct);
    assertThat(failures).isEmpty();
    assertThat(scenarios).hasSizeGreaterThanOrEqualTo(40);
    assertThat(stopped).isEqualTo(breaking).isGreaterThanOrEqualTo(35);
    assertThat(ran).isEqualTo(correct);
  }

  /** Whether the trace shows the call stopped with the expected outcome, by the expected rule. */
  private static boolean stoppedAsExpected(Attempt call, List<dev.armature.Trace.ToolUse> uses) {
    String[] expected = call.expected().split(":", 2);
    for (dev.armature.Trace.ToolUse use : uses) {
      if (use.tool().equals(call.tool())
          && use.arguments().equals(call.arguments())
          && use.outcome().equals(expected[0])
          && (expected.length == 1 || expected[1].equals(use.rule()))) {
        uses.remove(use);
        return true;
      }
    }
    return false;
  }

  private static ExampleShop.Invocation invocation(Attempt call) throws Exception {
    Map<String, Object> args;
    try {
      args = JSON.readValue(call.arguments(), new TypeReference<>() {});
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      args = Map.of("unparsable", call.arguments());
    }
    return new ExampleShop.Invocation(call.tool(), args);
  }
}
