package dev.armature.example;

import dev.armature.Tool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An offline shop backend with a few orders, implementing the tools {@code rules/support} declares:
 * {@code lookup_order}, {@code start_return}, {@code refund_order} and {@code create_ticket}. The
 * CLI's {@code chat} and the tests use it; it records every call it receives, so a test can show
 * that a call the rules stopped never reached it. It checks no policy itself: that is the rules'
 * job. Thread-safe.
 *
 * <p>The orders: 1182 (delivered 10 days ago, 59.90), 2001 (delivered 45 days ago, 120.00), 3003
 * (delivered 5 days ago, 249.00), 4004 (shipped, not delivered, 35.00), 5005 (delivered 3 days ago,
 * 80.00, already refunded) and 6006 (delivered 2 days ago, 45.00, whose payment provider fails
 * every refund).
 */
public final class ExampleShop {
  private record Order(
      String id, String status, Integer deliveredDaysAgo, double total, String item) {}

  private static final List<Order> ORDERS =
      List.of(
          new Order("1182", "delivered", 10, 59.90, "running shoes"),
          new Order("2001", "delivered", 45, 120.00, "winter jacket"),
          new Order("3003", "delivered", 5, 249.00, "espresso machine"),
          new Order("4004", "shipped", null, 35.00, "phone case"),
          new Order("5005", "delivered", 3, 80.00, "desk lamp"),
          new Order("6006", "delivered", 2, 45.00, "yoga mat"));

  /** The order whose refunds the payment provider always fails. */
  public static final String FAILING_ORDER = "6006";

  /** One call the shop received. */
  public record Invocation(String tool, Map<String, Object> arguments) {
    public Invocation {
      arguments = Map.copyOf(arguments);
    }
  }

  private final Map<String, Boolean> refunded = new ConcurrentHashMap<>();
  private final List<Invocation> invocations = new ArrayList<>();
  private int tickets;

  public ExampleShop() {
    refunded.put("5005", true);
  }

  /** The tools by name, for {@code Orchestrator.builder().tool(name, tool)}. */
  public Map<String, Tool> tools() {
    Map<String, Tool> tools = new LinkedHashMap<>();
    tools.put("lookup_order", args -> record("lookup_order", args, this::lookup));
    tools.put("start_return", args -> record("start_return", args, this::startReturn));
    tools.put("refund_order", args -> record("refund_order", args, this::refund));
    tools.put("create_ticket", args -> record("create_ticket", args, this::ticket));
    return tools;
  }

  /** Every call received so far, in order. */
  public synchronized List<Invocation> invocations() {
    return List.copyOf(invocations);
  }

  private interface Handler {
    Map<String, Object> handle(Map<String, Object> args);
  }

  private Map<String, Object> record(String tool, Map<String, Object> args, Handler handler) {
    synchronized (this) {
      invocations.add(new Invocation(tool, args));
    }
    return handler.handle(args);
  }

  private static Order order(Object id) {
    return ORDERS.stream().filter(o -> o.id().equals(String.valueOf(id))).findFirst().orElse(null);
  }

  private Map<String, Object> lookup(Map<String, Object> args) {
    Order o = order(args.get("order_id"));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("order_id", String.valueOf(args.get("order_id")));
    if (o == null) {
      result.put("found", false);
      return result;
    }
    result.put("found", true);
    result.put("status", o.status());
    result.put("item", o.item());
    if (o.deliveredDaysAgo() != null) {
      result.put("days_since_delivery", o.deliveredDaysAgo());
    }
    result.put("total", o.total());
    result.put("refunded", refunded.getOrDefault(o.id(), false));
    return result;
  }

  private Map<String, Object> startReturn(Map<String, Object> args) {
    Order o = order(args.get("order_id"));
    if (o == null) {
      throw new IllegalArgumentException("no order " + args.get("order_id"));
    }
    return Map.of("order_id", o.id(), "return_label", "RL-" + o.id(), "status", "return started");
  }

  private Map<String, Object> refund(Map<String, Object> args) {
    Order o = order(args.get("order_id"));
    if (o == null) {
      throw new IllegalArgumentException("no order " + args.get("order_id"));
    }
    if (o.id().equals(FAILING_ORDER)) {
      throw new IllegalStateException("the payment provider is not answering");
    }
    refunded.put(o.id(), true);
    return Map.of("order_id", o.id(), "refunded", args.get("amount"), "status", "refund issued");
  }

  private synchronized Map<String, Object> ticket(Map<String, Object> args) {
    tickets++;
    return Map.of("ticket", "T-" + (1000 + tickets), "status", "a person will reply by email");
  }
}
