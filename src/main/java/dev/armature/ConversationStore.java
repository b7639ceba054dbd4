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
}
