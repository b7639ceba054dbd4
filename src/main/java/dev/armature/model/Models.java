package dev.armature.model;

import dev.armature.Model;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;
import java.util.Map;

/**
 * Models named the way the command line and configuration name them: {@code dry-run}, {@code
 * openai:<model>} (with {@code OPENAI_API_KEY} and, for any OpenAI-compatible server, {@code
 * OPENAI_BASE_URL}) and {@code ollama:<model>} (through Ollama's OpenAI-compatible {@code /v1}, at
 * {@code OLLAMA_BASE_URL} or {@code http://127.0.0.1:11434/v1}). Keys come only from the
 * environment and are never logged.
 */
public final class Models {
  private Models() {}

  /**
   * The model a spec names.
   *
   * @throws IllegalArgumentException naming the spec when it is not one of the forms above, or when
   *     {@code openai:} is used without {@code OPENAI_API_KEY}
   */
  public static Model fromSpec(String spec, Map<String, String> env) {
    return fromSpec(spec, env, Duration.ofSeconds(60));
  }

  /** The model a spec names, with each HTTP call bounded by {@code timeout}. */
  public static Model fromSpec(String spec, Map<String, String> env, Duration timeout) {
    if (spec == null || spec.equals("dry-run")) {
      return new DryRunModel();
    }
    int colon = spec.indexOf(':');
    String provider = colon < 0 ? spec : spec.substring(0, colon);
    String name = colon < 0 ? "" : spec.substring(colon + 1);
    if (name.isBlank() || !(provider.equals("openai") || provider.equals("ollama"))) {
      throw new IllegalArgumentException(
          "model '" + spec + "' is not dry-run, openai:<model> or ollama:<model>");
    }
    String baseUrl;
    String key;
    if (provider.equals("openai")) {
      key = env.get("OPENAI_API_KEY");
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException(
            "model '" + spec + "' needs OPENAI_API_KEY in the environment");
      }
      baseUrl = env.getOrDefault("OPENAI_BASE_URL", "https://api.openai.com/v1");
    } else {
      key = "ollama";
      baseUrl = env.getOrDefault("OLLAMA_BASE_URL", "http://127.0.0.1:11434/v1");
    }
    return LangChain4jModel.of(
            openAiCompatible(baseUrl, key, name, timeout),
            openAiCompatibleStreaming(baseUrl, key, name, timeout))
        .withSecret(key);
  }

  static OpenAiStreamingChatModel openAiCompatibleStreaming(
      String baseUrl, String key, String model, Duration timeout) {
    OpenAiJson.tuned();
    return OpenAiStreamingChatModel.builder()
        .httpClientBuilder(JdkHttpClient.builder().httpClientBuilder(RetryAfterClient.builder()))
        .baseUrl(baseUrl)
        .apiKey(key)
        .modelName(model)
        .timeout(timeout)
        .build();
  }

  static OpenAiChatModel openAiCompatible(
      String baseUrl, String key, String model, Duration timeout) {
    OpenAiJson.tuned();
    return OpenAiChatModel.builder()
        .httpClientBuilder(JdkHttpClient.builder().httpClientBuilder(RetryAfterClient.builder()))
        .baseUrl(baseUrl)
        .apiKey(key)
        .modelName(model)
        .timeout(timeout)
        .maxRetries(0)
        .build();
  }
}
