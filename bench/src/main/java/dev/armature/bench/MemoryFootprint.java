package dev.armature.bench;

import dev.armature.Conversation;
import dev.armature.Model;
import dev.armature.ModelReply;
import dev.armature.Orchestrator;
import dev.armature.model.DryRunModel;
import dev.armature.ruleset.RuleSetLoader;
import dev.armature.state.InMemoryStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Heap held by the in-memory store: {@code conversations} conversations of {@code turns} turns each.
 * The first {@code real} conversations get every turn through the orchestrator; the others are
 * copies of those, field by field, with their own strings and numbers (what a real turn would
 * allocate) and shared construct and signal names (which a real turn shares too), so the heap
 * holds what a million real turns would leave without the minutes they take.
 *
 * <p>Prints tab-separated: conversations, turns, reply characters, heap used before (MiB), after
 * (MiB), held by the store (MiB), bytes per conversation, max heap (MiB), turns/s of the real turns.
 *
 * <p>Usage: {@code MemoryFootprint RULESET_FOLDER CONVERSATIONS TURNS REAL REPLY_CHARS}; reply
 * characters 0 means the dry-run model's reply, otherwise a reply of about that length.
 */
public final class MemoryFootprint {
  private MemoryFootprint() {}

  public static void main(String[] args) {
    Path folder = Path.of(args[0]);
    int conversations = Integer.parseInt(args[1]);
    int turns = Integer.parseInt(args[2]);
    int real = Math.min(conversations, Integer.parseInt(args[3]));
    int replyChars = Integer.parseInt(args[4]);
    InMemoryStore store = new InMemoryStore();
    Orchestrator orchestrator = Orchestrator.builder()
        .ruleSet(RuleSetLoader.load(folder)).store(store).model(model(replyChars)).build();
    String[] texts = Messages.TEXTS.toArray(new String[0]);
    long before = usedAfterGc();

    long started = System.nanoTime();
    for (int t = 0; t < turns; t++) {
      for (int c = 0; c < real; c++) {
        orchestrator.turn(id(c), texts[(c + t * 7) % texts.length], Messages.ATTRIBUTES.get(c % Messages.ATTRIBUTES.size()));
      }
    }
    double turnsPerSecond = (double) real * turns / ((System.nanoTime() - started) / 1e9);
    List<Conversation> sources = new ArrayList<>(real);
    for (int c = 0; c < real; c++) {
      sources.add(orchestrator.conversation(id(c)));
    }
    for (int c = real; c < conversations; c++) {
      store.save(copy(id(c), sources.get(c % real)));
    }
    long after = usedAfterGc();
    long max = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
    double mib = 1024.0 * 1024.0;
    System.out.printf(Locale.ROOT, "%d\t%d\t%d\t%.0f\t%.0f\t%.0f\t%d\t%.0f\t%.0f%n", store.size(), turns, replyChars,
        before / mib, after / mib, (after - before) / mib, (after - before) / store.size(), max / mib, turnsPerSecond);
  }

  private static String id(int c) {
    return "conversation-" + c;
  }

  private static Model model(int replyChars) {
    if (replyChars == 0) {
      return new DryRunModel();
    }
    String filler = "We are sorry about the trouble with your order. Here is what happens next, step by step. ";
    return request -> {
      StringBuilder reply = new StringBuilder(replyChars + filler.length());
      reply.append(request.userText().length()).append(' ');
      while (reply.length() < replyChars) {
        reply.append(filler);
      }
      reply.setLength(replyChars);
      return new ModelReply(reply.toString(), "stop", 400, replyChars / 4);
    };
  }

  /** A conversation with the same shape as {@code source} and nothing shared that a real one would own. */
  private static Conversation copy(String id, Conversation source) {
    Map<String, String> vars = new TreeMap<>();
    source.vars().forEach((name, value) -> vars.put(name, own(value)));
    List<Conversation.Exchange> recent = new ArrayList<>(source.recent().size());
    for (Conversation.Exchange e : source.recent()) {
      Map<String, Double> signals = new TreeMap<>();
      e.signals().forEach((name, score) -> signals.put(name, Double.valueOf(score.doubleValue())));
      recent.add(new Conversation.Exchange(e.turn(), own(e.user()), own(e.reply()), e.constructs(), signals));
    }
    return new Conversation(id, 1, source.turns(), vars, recent);
  }

  /** A string with its own characters: {@code new String(String)} would share the original's array. */
  private static String own(String s) {
    return new String(s.toCharArray());
  }

  private static long usedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
