package dev.armature.model;

import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Makes LangChain4j's OpenAI client write its requests with buffers shared by all threads, and
 * without indentation. Its JSON mapper keeps Jackson's default buffers, one set per thread: a turn
 * runs on a virtual thread of its own, so every turn allocated a fresh set, and kept it (about 11
 * KB of char arrays) for as long as it waited on the model, which with two thousand turns waiting
 * was a tenth of the heap that each young collection copied. The mapper is not public; when it
 * cannot be reached (another LangChain4j version, a module path that does not open it) the client
 * is left as it is.
 */
final class OpenAiJson {
  private OpenAiJson() {}

  private static final boolean TUNED = tune();

  /** Tunes the mapper once; answers whether it could. */
  static boolean tuned() {
    return TUNED;
  }

  /** LangChain4j's OpenAI mapper, or null when it cannot be reached. */
  static ObjectMapper mapper() {
    try {
      java.lang.reflect.Field field =
          Class.forName("dev.langchain4j.model.openai.internal.Json")
              .getDeclaredField("OBJECT_MAPPER");
      field.setAccessible(true);
      return (ObjectMapper) field.get(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static boolean tune() {
    ObjectMapper mapper = mapper();
    if (mapper == null) {
      return false;
    }
    mapper.getFactory().setRecyclerPool(JsonRecyclerPools.sharedConcurrentDequePool());
    mapper.disable(SerializationFeature.INDENT_OUTPUT);
    return true;
  }
}
