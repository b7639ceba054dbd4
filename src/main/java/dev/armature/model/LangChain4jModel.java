package dev.armature.model;

import dev.armature.Message;
import dev.armature.Model;
import dev.armature.ModelException;
import dev.armature.ModelParameters;
import dev.armature.ModelReply;
import dev.armature.ModelRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

/**
 * Adapts any LangChain4j {@link ChatModel} (OpenAI, an OpenAI-compatible server, Ollama, ...) to
 * Armature's {@link Model}. LangChain4j's exceptions become {@link ModelException}, retriable when
 * LangChain4j says the failure is transient.
 */
public final class LangChain4jModel implements Model {
  private final ChatModel model;
  private final StreamingChatModel streaming;

  private LangChain4jModel(ChatModel model, StreamingChatModel streaming) {
    this.model = Objects.requireNonNull(model, "model == null");
    this.streaming = streaming;
  }

  /** Wraps a configured LangChain4j chat model; streamed turns get the reply in one piece. */
  public static LangChain4jModel of(ChatModel model) {
    return new LangChain4jModel(model, null);
  }

  /** Wraps a chat model and its streaming twin, used for streamed turns. */
  public static LangChain4jModel of(ChatModel model, StreamingChatModel streaming) {
    return new LangChain4jModel(model, Objects.requireNonNull(streaming, "streaming == null"));
  }

  @Override
  public ModelReply stream(ModelRequest request, Consumer<String> tokens) {
    if (streaming == null) {
      return Model.super.stream(request, tokens);
    }
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    try {
      streaming.chat(toChatRequest(request), new StreamingChatResponseHandler() {
        @Override
        public void onPartialResponse(String partial) {
          tokens.accept(partial);
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
          done.complete(response);
        }

        @Override
        public void onError(Throwable error) {
          done.completeExceptionally(error);
        }
      });
      return reply(done.join());
    } catch (CompletionException e) {
      throw translate(e.getCause() == null ? e : e.getCause());
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  private static ModelException translate(Throwable e) {
    if (e instanceof ModelException) {
      return (ModelException) e;
    }
    if (e instanceof RetriableException) {
      return new ModelException("model call failed, may succeed later: " + e.getMessage(), true, e);
    }
    if (e instanceof NonRetriableException) {
      return new ModelException("model call refused: " + e.getMessage(), false, e);
    }
    return new ModelException("model call failed: " + e, false, e);
  }

  @Override
  public ModelReply generate(ModelRequest request) {
    ChatResponse response;
    try {
      response = model.chat(toChatRequest(request));
    } catch (RuntimeException e) {
      throw translate(e);
    }
    return reply(response);
  }

  private static ModelReply reply(ChatResponse response) {
    if (response == null || response.aiMessage() == null || response.aiMessage().text() == null) {
      throw new ModelException("model returned no text", true, null);
    }
    TokenUsage usage = response.tokenUsage();
    return new ModelReply(response.aiMessage().text(),
        response.finishReason() == null ? "stop" : response.finishReason().name().toLowerCase(Locale.ROOT),
        usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
        usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount());
  }

  static ChatRequest toChatRequest(ModelRequest request) {
    List<ChatMessage> messages = new ArrayList<>(request.messages().size());
    for (Message m : request.messages()) {
      switch (m.role()) {
        case SYSTEM:
          messages.add(SystemMessage.from(m.text()));
          break;
        case USER:
          messages.add(UserMessage.from(m.text()));
          break;
        default:
          messages.add(AiMessage.from(m.text()));
      }
    }
    ModelParameters p = request.parameters();
    ChatRequest.Builder builder = ChatRequest.builder().messages(messages)
        .temperature(p.temperature()).topP(p.topP()).maxOutputTokens(p.maxTokens()).stopSequences(p.stop());
    if ("json".equals(p.responseFormat())) {
      builder.responseFormat(ResponseFormat.JSON);
    }
    return builder.build();
  }
}
