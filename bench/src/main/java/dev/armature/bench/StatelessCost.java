package dev.armature.bench;

import dev.armature.Message;
import dev.armature.ModelParameters;
import dev.armature.Orchestrator;
import dev.armature.ruleset.RuleSetLoader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The CPU time of a stateless turn carrying 20 earlier exchanges against the same turn of a kept
 * conversation, side by side in one run: the stateless turn as a chat sends it (its previous request
 * carried the same history less the last exchange, so the state derived then is reused) and with a
 * history never seen (every earlier exchange runs through the rules), measured as this thread's CPU time: on a loaded machine
 * wall time mostly measures the other processes. Dry-run model, support rule set.
 *
 * <pre>java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
 *     dev.armature.bench.StatelessCost</pre>
 */
public final class StatelessCost {
  private StatelessCost() {}

  public static void main(String[] args) {
    Orchestrator o =
        Orchestrator.builder().ruleSet(RuleSetLoader.load(Path.of("rules/support"))).build();
    List<Message> earlier = new ArrayList<>();
    for (int i = 0; i < StatelessBenchmark.EARLIER; i++) {
      earlier.add(new Message(Message.Role.USER, Messages.TEXTS.get(i % Messages.TEXTS.size())));
      earlier.add(new Message(Message.Role.ASSISTANT, "I understand. Here is what I can do: " + i));
    }
    String text = "Can I change the delivery address of that order?";
    for (int c = 0; c < 10; c++) {
      for (Message m : earlier) {
        if (m.role() == Message.Role.USER) {
          o.turn("kept-" + c, m.text(), Map.of());
        }
      }
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    int rounds = 15;
    int perRound = 40;
    List<Message> before = earlier.subList(0, earlier.size() - 2);
    double[] continued = new double[rounds];
    double[] firstSight = new double[rounds];
    double[] kept = new double[rounds];
    int id = 0;
    for (int r = 0; r < rounds; r++) {
      long timed = 0;
      for (int i = 0; i < perRound; i++) {
        // A chat that resends its history: its request before this one carried one exchange less.
        String chat = "stateless-cost-" + id++;
        o.statelessTurn(chat, before, text, Map.of(), ModelParameters.DEFAULTS);
        long c = cpu.getCurrentThreadCpuTime();
        o.statelessTurn(chat, earlier, text, Map.of(), ModelParameters.DEFAULTS);
        timed += cpu.getCurrentThreadCpuTime() - c;
      }
      List<List<Message>> unseenLists = new ArrayList<>();
      for (int i = 0; i < perRound; i++) {
        List<Message> copy = new ArrayList<>(earlier);
        copy.set(1, new Message(Message.Role.ASSISTANT, "Reply " + r + "-" + i + " of its own."));
        unseenLists.add(copy);
      }
      @SuppressWarnings("unchecked")
      List<Message>[] unseen = unseenLists.toArray(new List[0]);
      long c0 = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < perRound; i++) {
        // A history never seen before (its first reply differs): every earlier exchange runs.
        o.statelessTurn("stateless-new-" + id, unseen[i], text, Map.of(), ModelParameters.DEFAULTS);
        id++;
      }
      long c1 = cpu.getCurrentThreadCpuTime();
      for (int i = 0; i < perRound; i++) {
        o.turn("kept-" + (i % 10), text, Map.of());
      }
      long c2 = cpu.getCurrentThreadCpuTime();
      continued[r] = timed / 1e3 / perRound;
      firstSight[r] = (c1 - c0) / 1e3 / perRound;
      kept[r] = (c2 - c1) / 1e3 / perRound;
    }
    // The first rounds warm the JIT; the median of the last ten is reported.
    double s = median(Arrays.copyOfRange(continued, 5, rounds));
    double f = median(Arrays.copyOfRange(firstSight, 5, rounds));
    double k = median(Arrays.copyOfRange(kept, 5, rounds));
    System.out.printf(
        "CPU per turn (median of 10 rounds of %d), %d earlier exchanges: stateless, continuing the"
            + " chat's last request %.0f µs; stateless, a history never seen %.0f µs; kept with an"
            + " id %.0f µs; differences %.2f ms and %.2f ms%n",
        perRound,
        StatelessBenchmark.EARLIER,
        s,
        f,
        k,
        (s - k) / 1000,
        (f - k) / 1000);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return (sorted[sorted.length / 2] + sorted[(sorted.length - 1) / 2]) / 2;
  }
}
