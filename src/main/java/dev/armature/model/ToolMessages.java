package dev.armature.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.armature.Message;
import dev.armature.ToolRequest;
import dev.armature.ToolSpec;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tools between our types and LangChain4j's: offered tools as {@link ToolSpecification}s, the
 * model's {@link ToolExecutionRequest}s as {@link ToolRequest}s, and the turn's tool messages back.
 */
final class ToolMessages {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Each declared tool as LangChain4j's, built once rather than parsed again every turn that offers
   * it; a few hundred at most (cleared past that), since only a reload declares new ones.
   */
  private static final Map<ToolSpec, ToolSpecification> BUILT = new ConcurrentHashMap<>();

  private static final int MOST_BUILT = 512;

  private ToolMessages() {}

  static List<ToolSpecification> specifications(List<ToolSpec> tools) {
    List<ToolSpecification> specs = new ArrayList<>(tools.size());
    for (ToolSpec tool : tools) {
      ToolSpecification built = BUILT.get(tool);
      if (built == null) {
        built =
            ToolSpecification.builder()
                .name(tool.name())
                .description(tool.description())
                .parameters(schema(tool.parameters()))
                .build();
        if (BUILT.size() >= MOST_BUILT) {
          BUILT.clear();
        }
        BUILT.put(tool, built);
      }
      specs.add(built);
    }
    return specs;
  }

  /**
   * The rule set's schema (already checked to use only the subset it supports) as LangChain4j's;
   * the constraints it cannot carry (pattern, bounds) are still enforced before a call runs.
   */
  private static JsonObjectSchema schema(String json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("a tool's schema is not valid JSON", e);
    }
    JsonObjectSchema.Builder b = JsonObjectSchema.builder().additionalProperties(false);
    for (Map.Entry<String, JsonNode> e : node.path("properties").properties()) {
      JsonNode p = e.getValue();
      String description = p.path("description").asText(null);
      if (p.has("enum") && "string".equals(p.path("type").asText())) {
        List<String> values = new ArrayList<>();
        p.get("enum").forEach(v -> values.add(v.asText()));
        b.addEnumProperty(e.getKey(), values, description);
        continue;
      }
      switch (p.path("type").asText()) {
        case "integer":
          b.addIntegerProperty(e.getKey(), description);
          break;
        case "number":
          b.addNumberProperty(e.getKey(), description);
          break;
        case "boolean":
          b.addBooleanProperty(e.getKey(), description);
          break;
        default:
          b.addStringProperty(e.getKey(), description);
      }
    }
    List<String> required = new ArrayList<>();
    node.path("required").forEach(r -> required.add(r.asText()));
    return b.required(required).build();
  }

  /** The model's message that called tools, as LangChain4j sends it back. */
  static AiMessage calls(Message m) {
    List<ToolExecutionRequest> requests = new ArrayList<>();
    for (ToolRequest call : m.toolCalls()) {
      requests.add(
          ToolExecutionRequest.builder()
              .id(call.id())
              .name(call.name())
              .arguments(call.arguments())
              .build());
    }
    return m.text().isEmpty() ? AiMessage.from(requests) : AiMessage.from(m.text(), requests);
  }

  /** A tool message: the result of one call. */
  static ToolExecutionResultMessage result(Message m, List<Message> earlier) {
    String name = "tool";
    for (Message e : earlier) {
      for (ToolRequest call : e.toolCalls()) {
        if (call.id().equals(m.toolCallId())) {
          name = call.name();
        }
      }
    }
    return ToolExecutionResultMessage.from(m.toolCallId(), name, m.text());
  }

  /** The tool calls of the model's reply. */
  static List<ToolRequest> requests(AiMessage message) {
    if (!message.hasToolExecutionRequests()) {
      return List.of();
    }
    List<ToolRequest> calls = new ArrayList<>();
    int n = 0;
    for (ToolExecutionRequest r : message.toolExecutionRequests()) {
      n++;
      calls.add(new ToolRequest(r.id() == null ? "call-" + n : r.id(), r.name(), r.arguments()));
    }
    return calls;
  }
}
