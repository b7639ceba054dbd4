package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.armature.model.Models;
import dev.armature.testing.OpenAiStub;
import dev.armature.testing.OpenAiStub.Fault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FaultToleranceTest {
  private static final String FALLBACK_RULE =
      "rule \"A failing model gets a plain apology\"\n@phase(fallback)\nwhen\n"
          + "    ModelFailed($kind : kind)\nthen\n    insert(new Respond(\"Sorry, I cannot answer right now (\" + $kind + \").\"));\nend\n";
  private static final ModelPolicy FAST =
      new ModelPolicy(Duration.ofSeconds(5), 2, Duration.ofMillis(10), 5, Duration.ofSeconds(30));

  @TempDir Path tmp;

  private final OpenAiStub stub = new OpenAiStub();
  private final List<Duration> waits = new ArrayList<>();

  @AfterEach
  void stop() {
    stub.close();
  }

  private Orchestrator orchestrator(boolean fallback, ModelPolicy policy) {
    Path dir = TestRules.copy(TestRules.BASIC, tmp.resolve("rules-" + System.nanoTime()));
    if (fallback) {
      TestRules.write(dir.resolve("patterns/fallback.drl"), FALLBACK_RULE);
    }
    Model model =
        Models.fromSpec(
            "openai:stub",
            Map.of("OPENAI_API_KEY", "sk-test", "OPENAI_BASE_URL", stub.baseUrl()),
            Duration.ofSeconds(5));
    return Orchestrator.builder()
        .ruleSet(dev.armature.ruleset.RuleSetLoader.load(dir))
        .model(model)
        .modelPolicy(policy)
        .sleeper(waits::add)
        .build();
  }

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {
        "SLOW",
        "RATE_LIMITED",
        "SERVER_ERROR",
        "UNAVAILABLE",
        "RESET",
        "TRUNCATED_JSON",
        "EMPTY_CHOICES"
      })
  void turn_whenOneCallFails_retriesAndSucceeds(Fault fault) {
    stub.script.add(fault);
    Orchestrator o =
        orchestrator(
            false,
            fault == Fault.SLOW
                ? new ModelPolicy(
                    Duration.ofMillis(1200), 2, Duration.ofMillis(10), 5, Duration.ofSeconds(30))
                : FAST);
    if (fault == Fault.SLOW) {
      stub.slowMillis = 3000;
      o =
          Orchestrator.builder()
              .ruleSet(o.ruleSet())
              .model(
                  Models.fromSpec(
                      "openai:stub",
                      Map.of("OPENAI_API_KEY", "sk-test", "OPENAI_BASE_URL", stub.baseUrl()),
                      Duration.ofMillis(400)))
              .modelPolicy(
                  new ModelPolicy(
                      Duration.ofSeconds(3), 2, Duration.ofMillis(10), 5, Duration.ofSeconds(30)))
              .sleeper(waits::add)
              .build();
    }

    TurnResult r = o.turn("c", "hello");

    assertThat(r.reply()).isEqualTo("Hello from the stub");
    assertThat(r.trace().calls())
        .as(r.trace().calls().toString())
        .extracting(Trace.ModelCall::outcome)
        .containsExactly(kindOf(fault), "ok");
    assertThat(o.conversation("c").turns()).isEqualTo(1);
  }

  private static String kindOf(Fault fault) {
    switch (fault) {
      case SLOW:
        return "timeout";
      case RATE_LIMITED:
        return "rate-limited";
      case SERVER_ERROR:
      case UNAVAILABLE:
      case RESET:
        return "unavailable";
      default:
        return "invalid-response";
    }
  }

  @Test
  void turn_whenRateLimited_waitsAsLongAsRetryAfterSays() {
    stub.script.add(Fault.RATE_LIMITED);

    orchestrator(false, FAST).turn("c", "hello");

    assertThat(waits).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void turn_whenTheModelKeepsFailing_givesTheFallbackRulesReply() {
    for (int i = 0; i < 3; i++) {
      stub.script.add(Fault.UNAVAILABLE);
    }
    Orchestrator o = orchestrator(true, FAST);

    TurnResult r = o.turn("c", "hello");

    assertThat(r.reply()).isEqualTo("Sorry, I cannot answer right now (unavailable).");
    assertThat(r.trace().outcome()).isEqualTo("fallback");
    assertThat(r.trace().calls()).hasSize(3);
    assertThat(r.trace().firedRules()).contains("A failing model gets a plain apology");
    assertThat(waits).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
    assertThat(o.conversation("c").recent().get(0).reply()).isEqualTo(r.reply());
  }

  @Test
  void turn_whenTheModelKeepsFailingAndNoFallbackRule_throwsTypedErrorAndChangesNothing() {
    for (int i = 0; i < 3; i++) {
      stub.script.add(Fault.SERVER_ERROR);
    }
    Orchestrator o = orchestrator(false, FAST);

    ModelException e =
        catchThrowableOfType(ModelException.class, () -> o.turn("c", "order 1234 hello"));

    assertThat(e.kind()).isEqualTo(ModelException.Kind.UNAVAILABLE);
    assertThat(e.retriable()).isTrue();
    assertThat(o.conversation("c")).isEqualTo(Conversation.start("c"));
  }

  @Test
  void turn_whenTheRequestIsRefused_doesNotRetry() {
    stub.script.add(Fault.BAD_REQUEST);
    Orchestrator o = orchestrator(false, FAST);

    ModelException e = catchThrowableOfType(ModelException.class, () -> o.turn("c", "hello"));

    assertThat(e.kind()).isEqualTo(ModelException.Kind.REFUSED);
    assertThat(stub.requests.get()).isEqualTo(1);
  }

  @Test
  void turn_whenTheDeadlinePasses_stopsWaitingAndFallsBack() {
    stub.script.add(Fault.SLOW);
    stub.slowMillis = 3000;
    Orchestrator o =
        orchestrator(
            true,
            new ModelPolicy(
                Duration.ofMillis(300), 2, Duration.ofMillis(10), 5, Duration.ofSeconds(30)));
    long start = System.nanoTime();

    TurnResult r = o.turn("c", "hello");

    assertThat(r.reply()).isEqualTo("Sorry, I cannot answer right now (timeout).");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
  }

  @Test
  void stream_cutMidway_isNotRetriedAndFallsBack_withoutGluingTheFallbackToThePartialText() {
    stub.content = "Part one and part two";
    stub.script.add(Fault.STREAM_CUT);
    Orchestrator o = orchestrator(true, FAST);
    List<String> pieces = new ArrayList<>();

    TurnResult r = o.stream("c", "hello", Map.of(), pieces::add);

    assertThat(pieces).containsExactly("Part ");
    assertThat(r.trace().outcome()).isEqualTo("fallback");
    // The fallback is the reply, not streamed after the partial text: the caller marks the
    // partial reply abandoned, then shows the fallback.
    assertThat(r.reply()).isEqualTo("Sorry, I cannot answer right now (invalid-response).");
    assertThat(stub.requests.get()).isEqualTo(1);
  }

  @Test
  void circuitBreaker_opensAfterRepeatedFailures_failsFast_andRecovers() {
    AtomicLong now = new AtomicLong();
    Path dir = TestRules.copy(TestRules.BASIC, tmp.resolve("breaker"));
    Model model =
        Models.fromSpec(
            "openai:stub", Map.of("OPENAI_API_KEY", "sk-test", "OPENAI_BASE_URL", stub.baseUrl()));
    Orchestrator o =
        Orchestrator.builder()
            .rules(dir)
            .model(model)
            .ticker(now::get)
            .sleeper(d -> {})
            .modelPolicy(
                new ModelPolicy(
                    Duration.ofSeconds(10), 0, Duration.ofMillis(1), 3, Duration.ofSeconds(30)))
            .build();
    for (int i = 0; i < 3; i++) {
      stub.script.add(Fault.SERVER_ERROR);
      assertThat(catchThrowableOfType(ModelException.class, () -> o.turn("c", "hi")).kind())
          .isEqualTo(ModelException.Kind.UNAVAILABLE);
    }

    ModelException open = catchThrowableOfType(ModelException.class, () -> o.turn("c", "hi"));
    assertThat(open.kind()).isEqualTo(ModelException.Kind.CIRCUIT_OPEN);
    assertThat(stub.requests.get()).isEqualTo(3);

    now.addAndGet(Duration.ofSeconds(31).toNanos());
    assertThat(o.turn("c", "hi").reply()).isEqualTo("Hello from the stub");
    assertThat(stub.requests.get()).isEqualTo(4);
    o.close();
  }
}
