package dev.armature.state;

import dev.armature.ConflictException;
import dev.armature.Conversation;
import dev.armature.ConversationStore;
import dev.armature.TurnReceipt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Conversations in this process's memory: the library default, lost when the process ends. It keeps
 * at most {@link #maxConversations} conversations and forgets one idle for longer than {@link
 * #maxIdle} (the least recently used goes first); a forgotten conversation starts again from
 * nothing at its next turn. Each conversation keeps the receipts of its last {@value
 * #RECEIPTS_KEPT} turns sent with an idempotency key.
 */
public final class InMemoryStore implements ConversationStore {
  /** Conversations kept unless set: at about 1 KB each, some 100 MB. */
  public static final int DEFAULT_MAX_CONVERSATIONS = 100_000;

  /** How long an unused conversation is kept unless set. */
  public static final Duration DEFAULT_MAX_IDLE = Duration.ofHours(24);

  static final int RECEIPTS_KEPT = 16;

  private static final class Entry {
    final Conversation conversation;
    final Map<String, TurnReceipt> receipts;
    Instant used;

    Entry(Conversation conversation, Map<String, TurnReceipt> receipts, Instant used) {
      this.conversation = conversation;
      this.receipts = receipts;
      this.used = used;
    }
  }

  private final int maxConversations;
  private final Duration maxIdle;
  private final Clock clock;
  // Access order: the first entry is the least recently used.
  private final LinkedHashMap<String, Entry> conversations = new LinkedHashMap<>(256, 0.75f, true);
  private long evictions;

  /** A store with the default limits on the system clock. */
  public InMemoryStore() {
    this(DEFAULT_MAX_CONVERSATIONS, DEFAULT_MAX_IDLE, Clock.systemUTC());
  }

  /**
   * A store that keeps at most {@code maxConversations} and forgets those unused for longer than
   * {@code maxIdle} by {@code clock}.
   */
  public InMemoryStore(int maxConversations, Duration maxIdle, Clock clock) {
    if (maxConversations < 1) {
      throw new IllegalArgumentException(
          "maxConversations must be >= 1 but was " + maxConversations);
    }
    Objects.requireNonNull(maxIdle, "maxIdle == null");
    if (maxIdle.isNegative() || maxIdle.isZero()) {
      throw new IllegalArgumentException("maxIdle must be positive but was " + maxIdle);
    }
    this.maxConversations = maxConversations;
    this.maxIdle = maxIdle;
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  @Override
  public synchronized Optional<Conversation> load(String id) {
    Instant now = clock.instant();
    expire(now);
    Entry entry = conversations.get(id);
    if (entry == null) {
      return Optional.empty();
    }
    entry.used = now;
    return Optional.of(entry.conversation);
  }

  @Override
  public void save(Conversation next) {
    store(next, null);
  }

  @Override
  public void save(Conversation next, TurnReceipt receipt) {
    store(next, Objects.requireNonNull(receipt, "receipt == null"));
  }

  @Override
  public synchronized Optional<TurnReceipt> receipt(String conversationId, String key) {
    Entry entry = conversations.get(conversationId);
    return entry == null ? Optional.empty() : Optional.ofNullable(entry.receipts.get(key));
  }

  private synchronized void store(Conversation next, TurnReceipt receipt) {
    Instant now = clock.instant();
    expire(now);
    Entry stored = conversations.get(next.id());
    long storedVersion = stored == null ? 0 : stored.conversation.version();
    if (storedVersion != next.version() - 1) {
      throw new ConflictException(
          "conversation '"
              + next.id()
              + "' is at version "
              + storedVersion
              + " but this turn started from version "
              + (next.version() - 1));
    }
    Map<String, TurnReceipt> receipts = stored == null ? newReceipts() : stored.receipts;
    if (receipt != null) {
      if (receipts.containsKey(receipt.key())) {
        throw new ConflictException(
            "conversation '"
                + next.id()
                + "' has committed a turn with idempotency key '"
                + receipt.key()
                + "' already");
      }
      receipts.put(receipt.key(), receipt);
    }
    conversations.put(next.id(), new Entry(next, receipts, now));
    while (conversations.size() > maxConversations) {
      Iterator<Entry> eldest = conversations.values().iterator();
      eldest.next();
      eldest.remove();
      evictions++;
    }
  }

  /** Forgets the conversations idle for longer than the limit: the eldest in access order. */
  private void expire(Instant now) {
    Instant oldest = now.minus(maxIdle);
    Iterator<Entry> entries = conversations.values().iterator();
    while (entries.hasNext()) {
      if (!entries.next().used.isBefore(oldest)) {
        return;
      }
      entries.remove();
      evictions++;
    }
  }

  private static Map<String, TurnReceipt> newReceipts() {
    return new LinkedHashMap<>() {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, TurnReceipt> eldest) {
        return size() > RECEIPTS_KEPT;
      }
    };
  }

  /** How many conversations are stored. */
  public synchronized int size() {
    return conversations.size();
  }

  /** How many conversations were forgotten for the size or idle limit since the store was made. */
  public synchronized long evictions() {
    return evictions;
  }
}
