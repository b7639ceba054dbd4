package dev.armature.eval;

import dev.armature.Conversation;
import dev.armature.ConversationStore;
import java.util.Optional;

/** A store that keeps nothing: every evaluated message is the first turn of a new conversation. */
final class NoStore implements ConversationStore {
  @Override
  public Optional<Conversation> load(String id) {
    return Optional.empty();
  }

  @Override
  public void save(Conversation next) {}
}
