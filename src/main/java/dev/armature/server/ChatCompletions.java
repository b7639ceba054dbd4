package dev.armature.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.armature.Message;
import dev.armature.ModelParameters;
import dev.armature.ToolRequest;
import dev.armature.Trace;
import dev.armature.TurnOptions;
import dev.armature.TurnResult;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code POST /v1/chat/completions}: the OpenAI protocol over Armature. The {@code model} names the
 * rule set. A conversation named by the {@code X-Armature-Conversation} header or the {@code
 * conversation} field is kept by Armature, and only the last user message is read; without one the
 * turn is stateless, its state derived from the earlier messages. The client's system messages
 * reach the rules as the attribute {@code client_system} and never become the system message.
 */
final class ChatCompletions {
  static final String CONVERSATION_HEADER = "X-Armature-Conversation";
  static final String CLIENT_SYSTEM = "client_system";
  static final String USER = "user";

  /** The longest attribute value the orchestrator accepts. */
  static final int MAX_ATTRIBUTE_CHARS = 1024;

  private final RuleSets ruleSets;
  private final Turns turns;
  private final Clock clock;
  private final int maxBodyBytes;
  private final Supplier<String> ids;

  /**
   * @param ids a new unique id for each completion (random, so ids do not repeat across restarts
   *     and instances)
   */
  ChatCompletions(
      RuleSets ruleSets, Turns turns, Clock clock, int maxBodyBytes, Supplier<String> ids) {
    this.ids = ids;
    this.ruleSets = ruleSets;
    this.turns = turns;
    this.clock = clock;
    this.maxBodyBytes = maxBodyBytes;
  }

  void handle(Context ctx) {
    JsonNode body = Json.readObject(Http.body(ctx, maxBodyBytes));
    CompletionRequest request = Json.read(body, CompletionRequest.class);
    ModelParameters requested = CompletionParameters.of(body);
    if (request.model() == null || request.model().isBlank()) {
      throw ApiError.badRequest(
          "missing_model",
          "model",
          "'model' is required: the name of a rule set ("
              + String.join(", ", ruleSets.names())
              + ")");
    }
    if (request.messages() == null || request.messages().isEmpty()) {
      throw ApiError.badRequest(
          "missing_messages", "messages", "'messages' is required and must hold a user message");
    }
    RuleSets.Served served = ruleSets.get(request.model(), "model");
    String text = lastUserText(request.messages());
    TurnOptions asked =
        TurnOptions.NONE
            .withRequested(requested)
            .withClientTools(
                ClientToolMessages.of(body, request.messages(), served.live().current()));
    String conversation = conversation(ctx, request);
    Map<String, String> attributes = attributes(request);
    Map<String, String> derived = derived(request);
    List<Message> earlier = conversation == null ? ClientHistory.earlier(request.messages()) : null;
    if (conversation == null) {
      conversation = ClientHistory.id(earlier, text);
    }
    ctx.header(CONVERSATION_HEADER, conversation);
    String id = "chatcmpl-" + ids.get();
    long created = clock.instant().getEpochSecond();
    String key = ctx.header(Turns.IDEMPOTENCY_KEY);
    if (key != null && request.streaming()) {
      throw ApiError.badRequest(
          "idempotency_key_with_stream",
          Turns.IDEMPOTENCY_KEY,
          "an Idempotency-Key is taken on blocking requests only: send it without \"stream\": true");
    }
    if (key != null && earlier != null) {
      throw ApiError.badRequest(
          "idempotency_key_without_conversation",
          Turns.IDEMPOTENCY_KEY,
          "an Idempotency-Key is taken for a kept conversation only: name it with the header "
              + CONVERSATION_HEADER
              + " or the 'conversation' field (a stateless turn stores nothing to replay)");
    }
    if (key != null) {
      String answer =
          turns.turnOnce(
              ctx,
              served,
              conversation,
              text,
              attributes,
              derived,
              asked,
              key,
              Turns.OPENAI,
              result -> Json.write(completion(id, created, served.name(), result)));
      Http.json(ctx, 200, answer);
      return;
    }
    if (request.streaming()) {
      SseStream sse = new SseStream(ctx, id, created, served.name());
      try {
        TurnResult result =
            earlier == null
                ? turns.stream(
                    ctx, served, conversation, text, attributes, derived, asked, sse, Turns.OPENAI)
                : turns.stateless(
                    ctx,
                    served,
                    conversation,
                    earlier,
                    text,
                    attributes,
                    derived,
                    asked,
                    sse,
                    Turns.OPENAI);
        sse.finish(result, request.includeUsage());
      } catch (ApiError e) {
        if (!sse.fail(e)) {
          throw e;
        }
      }
      return;
    }
    TurnResult result =
        earlier == null
            ? turns.turn(ctx, served, conversation, text, attributes, derived, asked, Turns.OPENAI)
            : turns.stateless(
                ctx,
                served,
                conversation,
                earlier,
                text,
                attributes,
                derived,
                asked,
                null,
                Turns.OPENAI);
    Http.json(ctx, 200, Json.bytes(completion(id, created, served.name(), result)));
  }

  /**
   * The conversation the request names: the header, or else the field {@code conversation}; {@code
   * null} when it names none, and the turn is stateless. ({@code user} is OpenAI's end-user id: it
   * reaches the rules as the attribute {@code user} and names no conversation, or every new chat of
   * one person would continue the last.)
   */
  private static String conversation(Context ctx, CompletionRequest request) {
    String header = ctx.header(CONVERSATION_HEADER);
    if (header != null && !header.isBlank()) {
      return header.strip();
    }
    if (request.conversation() != null && !request.conversation().isBlank()) {
      return request.conversation().strip();
    }
    return null;
  }

  private static String lastUserText(List<CompletionRequest.Message> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      CompletionRequest.Message m = messages.get(i);
      if (m != null && "user".equals(m.role())) {
        return text(m.content(), "messages[" + i + "].content");
      }
    }
    throw ApiError.badRequest(
        "missing_user_message", "messages", "'messages' holds no message with role 'user'");
  }

  private static Map<String, String> attributes(CompletionRequest request) {
    Map<String, String> attributes =
        new TreeMap<>(request.metadata() == null ? Map.of() : request.metadata());
    List<String> system = new ArrayList<>();
    for (int i = 0; i < request.messages().size(); i++) {
      CompletionRequest.Message m = request.messages().get(i);
      if (m != null && ("system".equals(m.role()) || "developer".equals(m.role()))) {
        system.add(text(m.content(), "messages[" + i + "].content"));
      }
    }
    String context = oneLine(String.join(" ", system));
    if (!context.isEmpty()) {
      attributes.put(CLIENT_SYSTEM, context);
    }
    return attributes;
  }

  /**
   * The attributes the server takes from the request's own fields: {@code user}, OpenAI's end-user
   * id. They are not client-set attributes, so the {@link AttributePolicy} does not check them.
   */
  private static Map<String, String> derived(CompletionRequest request) {
    if (request.user() != null && !request.user().isBlank()) {
      return Map.of(USER, oneLine(request.user()));
    }
    return Map.of();
  }

  /**
   * The text as one line of at most {@link #MAX_ATTRIBUTE_CHARS} characters, as attributes must be.
   */
  static String oneLine(String text) {
    String line = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    if (line.length() <= MAX_ATTRIBUTE_CHARS) {
      return line;
    }
    int end = MAX_ATTRIBUTE_CHARS;
    if (Character.isHighSurrogate(line.charAt(end - 1))) {
      end--;
    }
    return line.substring(0, end);
  }

  /** An assistant message's text, where calling tools it may have none. */
  static String textOrEmpty(JsonNode content, int index) {
    return text(content, "messages[" + index + "].content");
  }

  static String text(JsonNode content, String param) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    if (content.isArray()) {
      List<String> parts = new ArrayList<>();
      for (JsonNode part : content) {
        if ("text".equals(part.path("type").asText()) && part.path("text").isTextual()) {
          parts.add(part.path("text").asText());
        }
      }
      return String.join("\n", parts);
    }
    throw ApiError.badRequest(
        "invalid_value", param, "'" + param + "' must be a string or a list of parts");
  }

  static ObjectNode completion(String id, long created, String model, TurnResult result) {
    ObjectNode body = Json.object();
    body.put("id", id).put("object", "chat.completion").put("created", created).put("model", model);
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message").put("role", "assistant");
    if (result.paused()) {
      // The turn goes on once the client has run these: OpenAI's shape of a model's tool calls.
      message.put("content", result.reply().isEmpty() ? null : result.reply());
      message.set("tool_calls", toolCalls(result.clientCalls(), false));
    } else {
      message.put("content", result.reply());
    }
    choice.put("finish_reason", result.paused() ? "tool_calls" : finishReason(result.trace()));
    body.set("usage", usage(result.trace()));
    body.set("armature", extension(result.trace()));
    return body;
  }

  /**
   * The calls handed to the client, ids and arguments exactly as the model wrote them; with {@code
   * indexed}, each with its {@code index}, as a stream's deltas carry them.
   */
  static ArrayNode toolCalls(List<ToolRequest> calls, boolean indexed) {
    ArrayNode array = Json.array();
    for (int i = 0; i < calls.size(); i++) {
      ObjectNode call = array.addObject();
      if (indexed) {
        call.put("index", i);
      }
      call.put("id", calls.get(i).id()).put("type", "function");
      call.putObject("function")
          .put("name", calls.get(i).name())
          .put("arguments", calls.get(i).arguments());
    }
    return array;
  }

  static String finishReason(Trace trace) {
    if (!trace.outcome().equals("generated") || trace.attempts().isEmpty()) {
      return "stop";
    }
    String reason = trace.attempts().get(trace.attempts().size() - 1).finishReason();
    return reason.equals("length") || reason.equals("content_filter") ? reason : "stop";
  }

  static ObjectNode usage(Trace trace) {
    int input = trace.attempts().stream().mapToInt(Trace.Attempt::inputTokens).sum();
    int output = trace.attempts().stream().mapToInt(Trace.Attempt::outputTokens).sum();
    ObjectNode usage = Json.object();
    usage
        .put("prompt_tokens", input)
        .put("completion_tokens", output)
        .put("total_tokens", input + output);
    return usage;
  }

  /**
   * Where the full trace is, and what a client may want at a glance; clients ignore unknown fields.
   */
  static ObjectNode extension(Trace trace) {
    ObjectNode armature = Json.object();
    armature
        .put("conversation", trace.conversation())
        .put("turn", trace.turn())
        .put("ruleset", trace.ruleSet())
        .put("version", trace.ruleSetVersion())
        .put("outcome", trace.outcome());
    ArrayNode constructs = armature.putArray("constructs");
    trace.constructs().forEach(constructs::add);
    return armature;
  }
}
