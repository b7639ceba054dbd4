package dev.armature.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.armature.Tool;
import dev.armature.ToolSpec;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * LangChain4j's tool types as Armature {@link Tool}s: objects whose methods carry LangChain4j's
 * {@code @Tool} annotation, read with LangChain4j's {@link ToolSpecifications} and run by its
 * {@link DefaultToolExecutor}, or a {@link ToolSpecification} with its {@link ToolExecutor}. The
 * rule set still declares each tool (its rules offer and judge it); {@code
 * Orchestrator.builder().tools(...)} checks at build that the names match and that the arguments
 * agree with the declaration.
 *
 * <p>A LangChain4j tool answers with text: text that is a JSON object is the result as it is, any
 * other text is the result {@code {"result": "<text>"}}.
 *
 * <p>Needs {@code dev.langchain4j:langchain4j} (its {@code ToolExecutor}) on the class path, an
 * optional dependency of Armature that an application using LangChain4j's tools has already.
 */
public final class LangChain4jTools {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LangChain4jTools() {}

  /** One LangChain4j tool: what it says it takes, and how to call it. */
  public record Bound(ToolSpec spec, Tool tool) {
    public Bound {
      Objects.requireNonNull(spec, "spec == null");
      Objects.requireNonNull(tool, "tool == null");
    }
  }

  /**
   * The tools of an object's {@code @Tool} methods.
   *
   * @throws IllegalArgumentException when the object has no {@code @Tool} method
   */
  public static List<Bound> from(Object toolObject) {
    Objects.requireNonNull(toolObject, "toolObject == null");
    List<Bound> bound = new ArrayList<>();
    for (Method method : toolObject.getClass().getDeclaredMethods()) {
      if (method.isAnnotationPresent(dev.langchain4j.agent.tool.Tool.class)) {
        ToolSpecification specification = ToolSpecifications.toolSpecificationFrom(method);
        bound.add(
            new Bound(
                spec(specification),
                tool(specification, new DefaultToolExecutor(toolObject, method))));
      }
    }
    if (bound.isEmpty()) {
      throw new IllegalArgumentException(
          "an object of "
              + toolObject.getClass().getSimpleName()
              + " has no method annotated with LangChain4j's @Tool");
    }
    bound.sort(java.util.Comparator.comparing(b -> b.spec().name()));
    return bound;
  }

  /** A LangChain4j tool given as its specification and its executor. */
  public static Bound of(ToolSpecification specification, ToolExecutor executor) {
    Objects.requireNonNull(specification, "specification == null");
    Objects.requireNonNull(executor, "executor == null");
    return new Bound(spec(specification), tool(specification, executor));
  }

  /** The specification as Armature describes a tool: name, description, JSON schema. */
  static ToolSpec spec(ToolSpecification specification) {
    JsonNode parameters;
    try {
      parameters = JSON.readTree(specification.toJson()).path("parameters");
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "the LangChain4j tool '" + specification.name() + "' has no readable parameters");
    }
    return new ToolSpec(
        specification.name(),
        specification.description() == null ? "" : specification.description(),
        parameters.isMissingNode() || parameters.isNull() ? "{}" : parameters.toString());
  }

  private static Tool tool(ToolSpecification specification, ToolExecutor executor) {
    String name = specification.name();
    return arguments -> {
      ToolExecutionRequest request =
          ToolExecutionRequest.builder()
              .id("armature")
              .name(name)
              .arguments(JSON.writeValueAsString(arguments))
              .build();
      ToolExecutionResult ran =
          executor.executeWithContext(request, InvocationContext.builder().build());
      if (ran.isError()) {
        // LangChain4j turns a method's exception into an error result; Armature's is a failure.
        throw new ToolFailure(ran.resultText());
      }
      return result(ran.resultText());
    };
  }

  /** A LangChain4j tool that reported an error: its text is the failure's message. */
  private static final class ToolFailure extends Exception {
    ToolFailure(String message) {
      super(message == null || message.isBlank() ? "it reported an error" : message);
    }
  }

  /** A tool's text as a result: the JSON object it is, or {@code {"result": text}}. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> result(String text) {
    if (text != null && text.strip().startsWith("{")) {
      try {
        JsonNode node = JSON.readTree(text);
        if (node != null && node.isObject()) {
          return JSON.convertValue(node, Map.class);
        }
      } catch (JsonProcessingException e) {
        // Not JSON after all: it is text.
      }
    }
    return Map.of("result", text == null ? "" : text);
  }
}
