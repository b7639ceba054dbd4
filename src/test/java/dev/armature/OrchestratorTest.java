package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrchestratorTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void turn_whenFrustratedAndQuestion_appliesDirectivesInSectionOrder() {
    Orchestrator o = Orchestrator.builder().rules(TestRules.BASIC).clock(clock).build();
    TurnResult r = o.turn("c1", "This is ridiculous, where is order 1182?", Map.of("tier", "gold"));
    System.out.println(r.trace().toJson());
    assertThat(r.trace().constructs()).containsExactly("de-escalate", "order-status", "concise");
  }
}
