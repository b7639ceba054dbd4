package dev.armature.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.stream.Collectors;

/** The server's JSON: one mapper, lenient about fields it does not know, strict about types. */
final class Json {
  static final ObjectMapper MAPPER =
      // Buffers come from one shared pool rather than from each thread's own: a turn runs on a
      // virtual thread of its own, which would otherwise allocate fresh buffers and keep them while
      // it waits for the model.
      JsonMapper.builder(
              JsonFactory.builder()
                  .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                  .build())
          .findAndAddModules()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
          // A body with more after its JSON value is not one request: refuse it rather than read
          // half.
          .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
          .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
          .build();

  private Json() {}

  /**
   * Reads a request body that must be one JSON object, as both OpenAI endpoints take it.
   *
   * @throws ApiError 400 when it is not JSON, or is JSON but not an object
   */
  static com.fasterxml.jackson.databind.JsonNode readObject(byte[] body) {
    com.fasterxml.jackson.databind.JsonNode tree =
        read(body, com.fasterxml.jackson.databind.JsonNode.class);
    if (!tree.isObject()) {
      throw ApiError.badRequest(
          "invalid_json", null, "the request body must be a JSON object, not " + kind(tree));
    }
    return tree;
  }

  /**
   * Reads a request body.
   *
   * @throws ApiError 400 naming the line, column or field when the body is not JSON of that shape
   */
  static <T> T read(byte[] body, Class<T> type) {
    if (body.length == 0) {
      throw ApiError.badRequest(
          "invalid_json", null, "the request body is empty; expected a JSON object");
    }
    String text = strictUtf8(body);
    try {
      T value = MAPPER.readValue(text, type);
      if (value == null) {
        throw ApiError.badRequest(
            "invalid_json", null, "the request body is null; expected a JSON object");
      }
      return value;
    } catch (JsonMappingException e) {
      throw mappingError(e, kind(body));
    } catch (JsonProcessingException e) {
      String at =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw ApiError.badRequest(
          "invalid_json",
          null,
          "the request body is not valid JSON"
              + at
              + ": "
              + dev.armature.model.Redaction.text(e.getOriginalMessage()));
    }
  }

  /**
   * The body as text, refusing anything that is not strict UTF-8. The JSON parser would read some
   * invalid forms (an overlong "/" among them) as ordinary characters, which is how filters get
   * bypassed; decoding once here also spares the parser decoding again.
   */
  private static String strictUtf8(byte[] body) {
    java.nio.charset.CharsetDecoder decoder =
        java.nio.charset.StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
    java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(body);
    // UTF-8 never needs more chars than bytes, so one buffer holds the whole body.
    java.nio.CharBuffer chars = java.nio.CharBuffer.allocate(body.length);
    java.nio.charset.CoderResult result = decoder.decode(bytes, chars, true);
    if (result.isError()) {
      throw ApiError.badRequest(
          "invalid_json", null, "the request body is not valid UTF-8 at byte " + bytes.position());
    }
    decoder.flush(chars);
    return chars.flip().toString();
  }

  /**
   * Reads a request already parsed, as {@link #read(byte[], Class)} does.
   *
   * @throws ApiError 400 naming the field when the tree is not of that shape
   */
  static <T> T read(com.fasterxml.jackson.databind.JsonNode tree, Class<T> type) {
    try {
      return MAPPER.treeToValue(tree, type);
    } catch (JsonMappingException e) {
      throw mappingError(e, kind(tree));
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("invalid_json", null, "the request body is not valid JSON");
    }
  }

  /** A body of the wrong shape, named by its field; never by the Java type it was read into. */
  private static ApiError mappingError(JsonMappingException e, String kind) {
    String field =
        e.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."))
            .replace(".[", "[");
    if (field.isEmpty()) {
      // Jackson's message here names our Java types; the client needs only the expected shape.
      return ApiError.badRequest(
          "invalid_json", null, "the request body must be a JSON object, not " + kind);
    }
    return ApiError.badRequest(
        "invalid_value", field, "field '" + field + "' must be " + expected(e));
  }

  /** What a parsed body that is not an object is. */
  private static String kind(com.fasterxml.jackson.databind.JsonNode tree) {
    if (tree == null || tree.isMissingNode()) {
      return "nothing";
    }
    if (tree.isArray()) {
      return "a list";
    }
    return tree.isTextual() ? "a string" : "a single value";
  }

  /** What a JSON body that is not an object is, by its first character. */
  private static String kind(byte[] body) {
    for (byte b : body) {
      switch (b) {
        case ' ':
        case '\t':
        case '\r':
        case '\n':
          continue;
        case '[':
          return "a list";
        case '"':
          return "a string";
        default:
          return "a single value";
      }
    }
    return "nothing";
  }

  private static String expected(JsonMappingException e) {
    Class<?> type =
        e instanceof MismatchedInputException
            ? ((MismatchedInputException) e).getTargetType()
            : null;
    if (type == null) {
      return "of another type";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    return "an object";
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static com.fasterxml.jackson.databind.node.ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** The value as JSON in UTF-8, for a response body. */
  static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** The error body OpenAI clients understand. */
  static String error(ApiError e) {
    ObjectNode error = object();
    error
        .put("message", e.getMessage())
        .put("type", e.type())
        .put("param", e.param())
        .put("code", e.code());
    ObjectNode body = object();
    body.set("error", error);
    return write(body);
  }
}
