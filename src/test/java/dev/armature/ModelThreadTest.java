package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.armature.model.LangChain4jModel;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A LangChain4j model is called on the turn's own thread, and a deadline that passes during the
 * call interrupts it without leaving the thread interrupted.
 */
class ModelThreadTest {
  /** A LangChain4j chat model that answers at once, or blocks until it is interrupted. */
  private static final class FakeChatModel implements ChatModel {
    final List<Thread> callers = new ArrayList<>();
    volatile boolean block;

    @Override
    public ChatResponse doChat(ChatRequest request) {
      callers.add(Thread.currentThread());
      if (block) {
        try {
          Thread.sleep(20_000);
        } catch (InterruptedException e) {
          // As LangChain4j's HTTP client does: keep the interrupt, fail the call.
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
      return ChatResponse.builder().aiMessage(AiMessage.from("Hello")).build();
    }
  }

  private static Orchestrator orchestrator(ChatModel model, Duration deadline) {
    return Orchestrator.builder()
        .rules(TestRules.BASIC)
        .model(LangChain4jModel.of(model))
        .modelPolicy(new ModelPolicy(deadline, 0, Duration.ofMillis(10), 5, Duration.ofSeconds(30)))
        .build();
  }

  @Test
  void turn_callsALangChain4jModelOnTheTurnsOwnThread() {
    FakeChatModel model = new FakeChatModel();

    TurnResult r = orchestrator(model, Duration.ofSeconds(5)).turn("t", "hello");

    assertThat(r.reply()).isEqualTo("Hello");
    assertThat(model.callers).containsExactly(Thread.currentThread());
  }

  @Test
  void turn_whenTheDeadlinePassesDuringTheCall_interruptsItAndLeavesTheThreadUninterrupted() {
    FakeChatModel model = new FakeChatModel();
    model.block = true;
    Orchestrator o = orchestrator(model, Duration.ofMillis(200));
    long start = System.nanoTime();

    ModelException e = catchThrowableOfType(ModelException.class, () -> o.turn("t", "hello"));

    assertThat(e.kind()).isEqualTo(ModelException.Kind.TIMEOUT);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(o.conversation("t").turns()).isZero();

    model.block = false;
    assertThat(o.turn("t", "hello again").reply()).isEqualTo("Hello");
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }
}
