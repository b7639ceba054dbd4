package dev.armature.bench;

import java.util.List;
import java.util.Map;

/**
 * The user messages and caller attributes the benchmarks rotate through: customer support traffic
 * of the kind {@code rules/support} is written for, short and long, calm and angry, several
 * languages, with order numbers, and the occasional card number that must be redacted.
 */
final class Messages {
  private Messages() {}

  /** A prime count, so that cycling it against 1,000 conversations mixes every pair. */
  static final List<String> TEXTS = List.of(
      "Hi, where is my order? I ordered a lamp last week.",
      "My order number is 1182 and it still hasn't arrived",
      "I was charged twice for order #55123, can you fix this?",
      "This is ridiculous, I've been waiting for two weeks and nobody answers!!",
      "How do I return a pair of shoes that doesn't fit?",
      "Thanks, that helps a lot",
      "I WANT MY MONEY BACK NOW",
      "Can I get a refund for the broken kettle?",
      "Hola, donde esta mi pedido? Todavia no lo recibi.",
      "Bonjour, je n'ai toujours pas recu ma commande",
      "Wo ist meine Bestellung? Ich habe sie noch nicht bekommen.",
      "Is the delivery going to be here by Friday? It's for a birthday.",
      "My card 4111 1111 1111 1111 was declined, why?",
      "I need to speak to a real person please",
      "Something is wrong with my account, I can't log in",
      "What's the weather like in Paris tomorrow?",
      "I bought this two months ago and it stopped working, can I still return it?",
      "Still not here. This is the third time I'm asking. Where is my parcel?",
      "Can you walk me through changing my delivery address step by step?",
      "ok",
      "The tracking page says delivered but I never got it",
      "Why was I billed a fee on my invoice? I didn't order anything extra.",
      "Please send me the invoice for order 99821 to anna@example.com",
      "I'm so frustrated, the replacement is also damaged",
      "That's all, have a nice day, bye",
      "Hello! Quick question about subscription payments",
      "Could you cancel my order before it ships? It's urgent.",
      "I have a problem",
      "Where do I find my receipt?",
      "The courier left the package outside in the rain and everything is soaked, which is honestly "
          + "unacceptable. I have been a customer for years and never had anything like this happen. "
          + "I need a replacement sent today because it is a gift for my daughter's wedding on Saturday, "
          + "and if that is not possible then I want a full refund including the express shipping fee I "
          + "paid, which was not cheap. Please tell me exactly what you will do and when.",
      "Is there a discount code for returning customers?",
      "you are useless, get me a manager",
      "Thank you so much, you're a star",
      "My order is late again, seriously?",
      "Can I exchange the blue one for a red one?",
      "When will my refund show up on my statement?",
      "Hey, I changed my mind, can I still return it?");

  static final List<Map<String, String>> ATTRIBUTES = List.of(
      Map.of("tier", "standard", "channel", "web"),
      Map.of("tier", "gold", "channel", "web"),
      Map.of("tier", "standard", "channel", "sms"),
      Map.of("tier", "gold", "channel", "app"),
      Map.of("channel", "web"));
}
