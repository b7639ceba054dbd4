package dev.armature.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void text_whenItEchoesCredentials_replacesThem() {
    assertThat(Redaction.text("you sent Authorization: Bearer abc.def-123 here"))
        .isEqualTo("you sent Authorization: [redacted] here");
    assertThat(Redaction.text("bad key sk-proj-AbCdEf123456 given"))
        .isEqualTo("bad key [redacted] given");
    assertThat(Redaction.text("{\"api_key\": \"k-998877\"}"))
        .isEqualTo("{\"api_key\": \"[redacted]\"}");
    assertThat(Redaction.text("x-api-key=zz9 and password=hunter2"))
        .isEqualTo("x-api-key=[redacted] and password=[redacted]");
  }

  @Test
  void text_whenItNamesJavaTypes_replacesThem() {
    assertThat(
            Redaction.text(
                "failed in dev.langchain4j.model.openai.internal.chat.ChatCompletionResponse$Builder"
                    + " at java.base/java.util.Foo.bar(Foo.java:12)"))
        .isEqualTo("failed in [internal]");
    assertThat(Redaction.text("ChatCompletionResponse$Builder is missing"))
        .isEqualTo("[internal] is missing");
  }

  @Test
  void text_whenPlain_keepsItOnOneLineWithinTheLimit() {
    assertThat(Redaction.text("rate limit\n reached, retry in 2 s"))
        .isEqualTo("rate limit reached, retry in 2 s");
    assertThat(Redaction.text("word ".repeat(100))).hasSize(300).endsWith("...");
  }

  @Test
  void text_whenTheSecretIsKnown_removesItInAnyForm() {
    assertThat(Redaction.text("key=odd.Secret/Value! was wrong", "odd.Secret/Value!"))
        .isEqualTo("key=[redacted] was wrong");
    assertThat(Redaction.text("the key odd.Secret/Value! was wrong", "odd.Secret/Value!"))
        .isEqualTo("the key [redacted] was wrong");
  }

  @Test
  void describe_whenTheProviderAnswersOpenAiShape_keepsStatusTypeAndScrubbedMessage() {
    assertThat(
            ProviderError.describe(
                401,
                "{\"error\":{\"message\":\"Incorrect key. Authorization: Bearer sk-abcdefgh1234\","
                    + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}",
                null))
        .isEqualTo("HTTP 401 (invalid_request_error): Incorrect key. Authorization: [redacted]");
    assertThat(ProviderError.describe(502, "<html>Bad gateway</html>", null))
        .isEqualTo("HTTP 502: <html>Bad gateway</html>");
  }
}
