package dev.armature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.armature.model.LangChain4jModel;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

  /** A streaming model that sends one token at once and the rest after its caller's deadline. */
  private static final class SlowStream implements StreamingChatModel {
    final CountDownLatch finished = new CountDownLatch(1);

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
      Thread sender =
          new Thread(
              () -> {
                handler.onPartialResponse("Hel");
                try {
                  Thread.sleep(3_000);
                } catch (InterruptedException e) {
                  return;
                }
                handler.onPartialResponse("lo");
                handler.onCompleteResponse(
                    ChatResponse.builder()
                        .aiMessage(AiMessage.from("Hello"))
                        .finishReason(FinishReason.STOP)
                        .build());
                finished.countDown();
              });
      sender.setDaemon(true);
      sender.start();
    }
  }

  private static Orchestrator orchestrator(ChatModel model, Duration deadline) {
    return orchestrator(LangChain4jModel.of(model), deadline);
  }

  private static Orchestrator orchestrator(Model model, Duration deadline) {
    return Orchestrator.builder()
        .rules(TestRules.BASIC)
        .model(model)
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

  @Test
  void stream_whenTheDeadlinePassesMidStream_stopsWaitingAndDropsLaterTokens() throws Exception {
    SlowStream streaming = new SlowStream();
    Orchestrator o =
        orchestrator(LangChain4jModel.of(new FakeChatModel(), streaming), Duration.ofSeconds(1));
    List<String> seen = new CopyOnWriteArrayList<>();

    ModelException e =
        catchThrowableOfType(
            ModelException.class, () -> o.stream("s", "hello", Map.of(), seen::add));

    assertThat(e.kind()).isEqualTo(ModelException.Kind.TIMEOUT);
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(streaming.finished.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(seen).as("the token sent after the deadline is dropped").containsExactly("Hel");
  }
}
