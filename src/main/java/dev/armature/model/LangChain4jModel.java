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
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Adapts any LangChain4j {@link ChatModel} (OpenAI, an OpenAI-compatible server, Ollama, ...) to
 * Armature's {@link Model}. LangChain4j's exceptions become {@link ModelException}, retriable when
 * LangChain4j says the failure is transient.
 */
public final class LangChain4jModel implements Model {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
  private final ChatModel model;
  private final StreamingChatModel streaming;
  private final String secret;

  private LangChain4jModel(ChatModel model, StreamingChatModel streaming, String secret) {
    this.model = Objects.requireNonNull(model, "model == null");
    this.streaming = streaming;
    this.secret = secret;
  }

  /** Wraps a configured LangChain4j chat model; streamed turns get the reply in one piece. */
  public static LangChain4jModel of(ChatModel model) {
    return new LangChain4jModel(model, null, null);
  }

  /** Wraps a chat model and its streaming twin, used for streamed turns. */
  public static LangChain4jModel of(ChatModel model, StreamingChatModel streaming) {
    return new LangChain4jModel(
        model, Objects.requireNonNull(streaming, "streaming == null"), null);
  }

  /** The same model, knowing the API key it sends, so that no message ever repeats it. */
  LangChain4jModel withSecret(String key) {
    return new LangChain4jModel(model, streaming, key);
  }

  @Override
  public ModelReply stream(ModelRequest request, Consumer<String> tokens) {
    if (streaming == null) {
      return Model.super.stream(request, tokens);
    }
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    try {
      streaming.chat(
          toChatRequest(request),
          new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
              // Once the caller stopped waiting (its deadline passed), later tokens go nowhere;
              // the lock keeps a token from slipping out while the wait is being cancelled.
              synchronized (done) {
                if (!done.isDone()) {
                  tokens.accept(partial);
                }
              }
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
      ChatResponse response = awaitReply(done);
      if (response != null && response.finishReason() == null) {
        throw new ModelException(
            ModelException.Kind.INVALID_RESPONSE,
            "the model's stream ended before the reply was finished",
            null);
      }
      return reply(response);
    } catch (CompletionException e) {
      throw translate(e.getCause() == null ? e : e.getCause());
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  /**
   * Waits for the streamed reply; an interrupt (the turn's deadline) ends the wait, and the
   * stream's later tokens are dropped.
   */
  private static ChatResponse awaitReply(CompletableFuture<ChatResponse> done) {
    try {
      return done.get();
    } catch (InterruptedException e) {
      synchronized (done) {
        done.cancel(false);
      }
      Thread.currentThread().interrupt();
      throw new ModelException(
          ModelException.Kind.TIMEOUT, "interrupted while the model was streaming", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new CompletionException(e.getCause());
    }
  }

  /**
   * LangChain4j's failure as a {@link ModelException} of the kind rules and retries act on. The
   * message says what failed in words fit for a trace, a log line and a client: a provider's error
   * body is cut down to its status, error type and scrubbed message, and the raw body (which may
   * echo the request's key) is not kept as the cause.
   */
  ModelException translate(Throwable e) {
    if (e instanceof ModelException) {
      return (ModelException) e;
    }
    Duration retryAfter = RetryAfterClient.take();
    Integer status = status(e);
    if (e instanceof dev.langchain4j.exception.TimeoutException
        || has(e, java.net.http.HttpTimeoutException.class)
        || has(e, java.net.SocketTimeoutException.class)) {
      return new ModelException(ModelException.Kind.TIMEOUT, "model call timed out", e);
    }
    if (status != null) {
      String said = ProviderError.describe(status, providerBody(e), secret);
      if (status == 429) {
        return new ModelException(
            ModelException.Kind.RATE_LIMITED, "model rate limited: " + said, retryAfter, null);
      }
      if (status >= 500) {
        return new ModelException(
            ModelException.Kind.UNAVAILABLE, "model provider failed: " + said, retryAfter, null);
      }
      return new ModelException(ModelException.Kind.REFUSED, "model call refused: " + said, null);
    }
    String message = Redaction.text(String.valueOf(e.getMessage()), secret);
    if (e instanceof dev.langchain4j.exception.RateLimitException) {
      return new ModelException(
          ModelException.Kind.RATE_LIMITED, "model rate limited: " + message, retryAfter, null);
    }
    if (message.contains("no choices")) {
      return new ModelException(
          ModelException.Kind.INVALID_RESPONSE, "model answer has no choices", e);
    }
    if (e instanceof dev.langchain4j.exception.InternalServerException) {
      return new ModelException(
          ModelException.Kind.UNAVAILABLE, "model provider failed: " + message, retryAfter, null);
    }
    if (e instanceof NonRetriableException) {
      return new ModelException(
          ModelException.Kind.REFUSED, "model call refused: " + message, null);
    }
    if (has(e, com.fasterxml.jackson.core.JsonProcessingException.class)) {
      return new ModelException(
          ModelException.Kind.INVALID_RESPONSE,
          "model answer unreadable: it is not the JSON of a chat completion",
          e);
    }
    if (has(e, java.io.IOException.class) || e instanceof RetriableException) {
      return new ModelException(
          ModelException.Kind.UNAVAILABLE, "model provider unreachable: " + network(e), e);
    }
    return new ModelException(
        ModelException.Kind.INVALID_RESPONSE, "model answer unreadable: " + message, null);
  }

  /** What went wrong on the network, in words rather than exception types. */
  private String network(Throwable e) {
    if (has(e, java.net.ConnectException.class)) {
      return "connection refused";
    }
    if (has(e, java.net.UnknownHostException.class)) {
      return "unknown host";
    }
    if (has(e, javax.net.ssl.SSLException.class)) {
      return "TLS failed";
    }
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.io.IOException && t.getMessage() != null) {
        return "I/O error: " + Redaction.text(t.getMessage(), secret);
      }
    }
    return "connection failed";
  }

  /** The body of a provider's HTTP error, as LangChain4j carries it in its message. */
  private static String providerBody(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof dev.langchain4j.exception.HttpException) {
        return t.getMessage();
      }
    }
    return e.getMessage();
  }

  private static Integer status(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof dev.langchain4j.exception.HttpException) {
        return ((dev.langchain4j.exception.HttpException) t).statusCode();
      }
    }
    return null;
  }

  private static boolean has(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
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
    if (response == null
        || response.aiMessage() == null
        || (response.aiMessage().text() == null
            && !response.aiMessage().hasToolExecutionRequests())) {
      throw new ModelException(
          ModelException.Kind.INVALID_RESPONSE, "model returned no text", null);
    }
    TokenUsage usage = response.tokenUsage();
    return new ModelReply(
        response.aiMessage().text() == null ? "" : response.aiMessage().text(),
        response.finishReason() == null
            ? "stop"
            : response.finishReason().name().toLowerCase(Locale.ROOT),
        usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
        usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount(),
        ToolMessages.requests(response.aiMessage()));
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
        case TOOL:
          messages.add(ToolMessages.result(m, request.messages()));
          break;
        default:
          messages.add(m.toolCalls().isEmpty() ? AiMessage.from(m.text()) : ToolMessages.calls(m));
      }
    }
    ModelParameters p = request.parameters();
    // A seed is an OpenAI parameter: only its parameter type carries it.
    DefaultChatRequestParameters.Builder<?> params =
        p.seed() == null
            ? DefaultChatRequestParameters.builder()
            : OpenAiChatRequestParameters.builder().seed(p.seed());
    params
        .temperature(p.temperature())
        .topP(p.topP())
        .maxOutputTokens(p.maxTokens())
        .stopSequences(p.stop());
    if ("json".equals(p.responseFormat())) {
      params.responseFormat(
          p.jsonSchema() == null ? ResponseFormat.JSON : schemaFormat(p.jsonSchema()));
    }
    if (!request.tools().isEmpty()) {
      params.toolSpecifications(ToolMessages.specifications(request.tools()));
    }
    ChatRequest.Builder builder =
        ChatRequest.builder().messages(messages).parameters(params.build());
    return builder.build();
  }

  /** OpenAI's {@code json_schema} object ({@code name}, {@code schema}) as LangChain4j's format. */
  private static ResponseFormat schemaFormat(String jsonSchema) {
    com.fasterxml.jackson.databind.JsonNode node;
    try {
      node = JSON.readTree(jsonSchema);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("parameter 'json_schema' is not valid JSON", e);
    }
    String name = node.path("name").asText("response");
    String schema = node.has("schema") ? node.get("schema").toString() : "{}";
    return ResponseFormat.builder()
        .type(ResponseFormatType.JSON)
        .jsonSchema(JsonSchema.builder().name(name).rootElement(JsonRawSchema.from(schema)).build())
        .build();
  }
}
