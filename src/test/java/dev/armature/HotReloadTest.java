package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.armature.ruleset.RuleSetEvent;
import dev.armature.ruleset.RuleSetLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HotReloadTest {
  private static final Model ECHO_SYSTEM = request -> ModelReply.of(request.system());

  @TempDir Path tmp;

  private final BlockingQueue<RuleSetEvent> events = new LinkedBlockingQueue<>();

  private RuleSetEvent nextEvent() throws InterruptedException {
    RuleSetEvent event = events.poll(20, TimeUnit.SECONDS);
    assertThat(event).as("a reload event within 20 s").isNotNull();
    return event;
  }

  private static String editionRule(int edition) {
    return "rule \"Edition "
        + edition
        + "\"\nwhen\n    Turn()\nthen\n    insert(new SetVar(\"edition\", \""
        + edition
        + "\"));\nend\n";
  }

  private static void atomicWrite(Path file, String text) throws IOException {
    Path temp = file.resolveSibling("." + file.getFileName() + ".swp");
    Files.writeString(temp, text);
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void edits_whileTurnsFlowFromSeveralThreads_swapGoodVersionsAndKeepTheLastGoodOne()
      throws Exception {
    Path dir = TestRules.copy(TestRules.BASIC, tmp.resolve("rules"));
    Path edit = dir.resolve("patterns/edition.drl");
    Files.writeString(edit, editionRule(0));
    Map<String, String> editionOfVersion = new ConcurrentHashMap<>();
    editionOfVersion.put(RuleSetLoader.fingerprint(dir), "0");
    List<Trace> traces = new CopyOnWriteArrayList<>();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger swaps = new AtomicInteger();
    AtomicInteger rejections = new AtomicInteger();
    try (Orchestrator o =
        Orchestrator.builder().rules(dir).model(ECHO_SYSTEM).listener(events::add).build()) {
      List<Thread> workers = new ArrayList<>();
      for (int w = 0; w < 3; w++) {
        String id = "worker-" + w;
        Thread t =
            new Thread(
                () -> {
                  while (running.get()) {
                    try {
                      traces.add(o.turn(id, "where is order 1182?").trace());
                    } catch (Throwable e) {
                      failures.add(e);
                    }
                  }
                });
        t.start();
        workers.add(t);
      }
      for (int i = 1; i <= 100; i++) {
        if (i % 3 == 0) {
          Files.writeString(
              edit, "rule \"Broken " + i + "\"\nwhen\n    Signal(name == )\nthen\nend\n");
          RuleSetEvent event = nextEvent();
          assertThat(event).isInstanceOf(RuleSetEvent.Rejected.class);
          RuleSetEvent.Rejected rejected = (RuleSetEvent.Rejected) event;
          assertThat(rejected.problems())
              .extracting(Problem::file, Problem::line)
              .containsExactly(org.assertj.core.groups.Tuple.tuple("patterns/edition.drl", 3));
          assertThat(o.status().lastError()).isEqualTo(rejected.problems());
          assertThat(o.ruleSet().version()).isEqualTo(rejected.serving());
          rejections.incrementAndGet();
        } else {
          String text = editionRule(i);
          if (i % 5 == 0) {
            atomicWrite(edit, text);
          } else {
            Files.writeString(edit, text);
          }
          editionOfVersion.put(RuleSetLoader.fingerprint(dir), String.valueOf(i));
          RuleSetEvent event = nextEvent();
          assertThat(event).as("edit %d", i).isInstanceOf(RuleSetEvent.Swapped.class);
          assertThat(o.status().lastError()).isEmpty();
          TurnResult after = o.turn("checker", "hello");
          assertThat(after.trace().firedRules()).contains("Edition " + i);
          swaps.incrementAndGet();
        }
      }
      running.set(false);
      for (Thread t : workers) {
        t.join(30_000);
      }
      assertThat(failures).isEmpty();
      assertThat(swaps.get() + rejections.get()).isEqualTo(100);
      assertThat(o.status().reloads()).isEqualTo(swaps.get());
      assertThat(o.status().rejected()).isEqualTo(rejections.get());
    }
    assertThat(traces).hasSizeGreaterThan(100);
    for (Trace trace : traces) {
      String edition = editionOfVersion.get(trace.ruleSetVersion());
      assertThat(edition).as("version %s was swapped in", trace.ruleSetVersion()).isNotNull();
      assertThat(trace.firedRules())
          .as("turn on version %s", trace.ruleSetVersion())
          .contains("Edition " + edition);
      assertThat(trace.firedRules()).filteredOn(r -> r.startsWith("Edition ")).hasSize(1);
    }
  }

  @Test
  void createDeleteAndRename_areAllNoticed() throws Exception {
    Path dir = TestRules.copy(TestRules.BASIC, tmp.resolve("rules"));
    try (Orchestrator o = Orchestrator.builder().rules(dir).listener(events::add).build()) {
      Files.createDirectories(dir.resolve("patterns/more"));
      Files.writeString(dir.resolve("patterns/more/extra.drl"), editionRule(7));
      assertThat(nextEvent()).isInstanceOf(RuleSetEvent.Swapped.class);
      assertThat(o.turn("a", "hi").trace().firedRules()).contains("Edition 7");

      Files.move(dir.resolve("patterns/more/extra.drl"), dir.resolve("patterns/more/extra.txt"));
      assertThat(nextEvent()).isInstanceOf(RuleSetEvent.Swapped.class);
      assertThat(o.turn("a", "hi").trace().firedRules()).doesNotContain("Edition 7");

      Files.delete(dir.resolve("constructs/upbeat.md"));
      RuleSetEvent.Rejected rejected = (RuleSetEvent.Rejected) nextEvent();
      assertThat(rejected.problems())
          .extracting(Problem::toString)
          .anyMatch(p -> p.contains("names unknown construct 'upbeat'"));
      assertThat(o.turn("a", "hi").trace().constructs()).containsExactly("upbeat");
    }
  }

  @Test
  void severalRuleSets_reloadEachOnItsOwn() throws Exception {
    Path one = TestRules.copy(TestRules.BASIC, tmp.resolve("one"));
    Path two = TestRules.copy(TestRules.BASIC, tmp.resolve("two"));
    BlockingQueue<RuleSetEvent> other = new LinkedBlockingQueue<>();
    try (Orchestrator a = Orchestrator.builder().rules(one).listener(events::add).build();
        Orchestrator b = Orchestrator.builder().rules(two).listener(other::add).build()) {
      Files.writeString(one.resolve("patterns/edition.drl"), editionRule(1));

      assertThat(nextEvent()).isInstanceOf(RuleSetEvent.Swapped.class);
      assertThat(other.poll(1, TimeUnit.SECONDS)).isNull();
      assertThat(a.status().reloads()).isEqualTo(1);
      assertThat(b.status().reloads()).isZero();
      assertThat(b.turn("x", "hi").trace().firedRules()).doesNotContain("Edition 1");
    }
  }

  @Test
  void aBurstOfSaves_settlesIntoOneRebuild() throws Exception {
    Path dir = TestRules.copy(TestRules.BASIC, tmp.resolve("rules"));
    try (Orchestrator o = Orchestrator.builder().rules(dir).listener(events::add).build()) {
      for (int i = 0; i < 10; i++) {
        Files.writeString(dir.resolve("patterns/edition.drl"), editionRule(i));
      }
      assertThat(nextEvent()).isInstanceOf(RuleSetEvent.Swapped.class);
      assertThat(events.poll(1, TimeUnit.SECONDS)).isNull();
      assertThat(o.turn("a", "hi").trace().firedRules()).contains("Edition 9");
    }
  }
}
