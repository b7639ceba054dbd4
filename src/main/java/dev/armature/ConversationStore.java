package dev.armature;

import java.util.Optional;

/**
 * Where conversations live between turns. Implementations must be safe to call from several threads
 * and must never let one save overwrite another: {@link #save} succeeds only when the stored
 * version is the one the new state was derived from.
 */
public interface ConversationStore {
  /** The stored conversation, or empty when it has had no turn. */
  Optional<Conversation> load(String id);

  /**
   * Stores {@code next}, which was derived from the stored version {@code next.version() - 1}.
   *
   * @throws ConflictException when another turn saved the conversation in between
   */
  void save(Conversation next);

  /**
   * Stores {@code next} like {@link #save(Conversation)}, and the turn's receipt with it in the
   * same transaction, so that a turn sent again with the same key finds it even after a crash. A
   * store that keeps no receipts saves the conversation alone (the default): turns sent again run
   * again.
   *
   * @throws ConflictException when another turn saved the conversation in between, or committed a
   *     turn with the same key first
   */
  default void save(Conversation next, TurnReceipt receipt) {
    save(next);
  }

  /** The receipt of the turn of this conversation committed with this key, if it is kept. */
  default Optional<TurnReceipt> receipt(String conversationId, String key) {
    return Optional.empty();
  }
}
