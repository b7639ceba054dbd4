package dev.armature.state;

import dev.armature.ConflictException;
import dev.armature.Conversation;
import dev.armature.ConversationStore;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Conversations in this process's memory: the library default, lost when the process ends. */
public final class InMemoryStore implements ConversationStore {
  private final ConcurrentMap<String, Conversation> conversations = new ConcurrentHashMap<>();

  @Override
  public Optional<Conversation> load(String id) {
    return Optional.ofNullable(conversations.get(id));
  }

  @Override
  public void save(Conversation next) {
    conversations.compute(
        next.id(),
        (id, stored) -> {
          long storedVersion = stored == null ? 0 : stored.version();
          if (storedVersion != next.version() - 1) {
            throw new ConflictException(
                "conversation '"
                    + id
                    + "' is at version "
                    + storedVersion
                    + " but this turn started from version "
                    + (next.version() - 1));
          }
          return next;
        });
  }

  /** How many conversations are stored. */
  public int size() {
    return conversations.size();
  }
}
