package dev.armature.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleSetWatcherTest {
  @TempDir Path tmp;

  @Test
  void theWatcherRunsWhileAnyFolderIsFollowed_andStopsItsThreadWithTheLast() throws Exception {
    RuleSetWatcher.Pool pool = new RuleSetWatcher.Pool();
    Path first = Files.createDirectories(tmp.resolve("first"));
    Path second = Files.createDirectories(tmp.resolve("second"));
    CountDownLatch secondReloaded = new CountDownLatch(1);

    RuleSetWatcher.Registration a = pool.watch(first, () -> {});
    RuleSetWatcher.Registration b = pool.watch(second, secondReloaded::countDown);
    assertThat(b.watcher()).isSameAs(a.watcher());
    a.close();
    a.close();
    assertThat(pool.running()).isTrue();
    Files.writeString(second.resolve("edit.drl"), "// saved");
    assertThat(secondReloaded.await(20, TimeUnit.SECONDS))
        .as("the folder still followed reloads after the other one closed")
        .isTrue();

    Thread loop = b.watcher().loopThread();
    b.close();
    assertThat(pool.running()).isFalse();
    loop.join(TimeUnit.SECONDS.toMillis(20));
    assertThat(loop.isAlive()).as("the watcher thread ends with the last registration").isFalse();

    CountDownLatch firstReloaded = new CountDownLatch(1);
    try (RuleSetWatcher.Registration again = pool.watch(first, firstReloaded::countDown)) {
      assertThat(again.watcher()).isNotSameAs(b.watcher());
      Files.writeString(first.resolve("edit.drl"), "// saved");
      assertThat(firstReloaded.await(20, TimeUnit.SECONDS))
          .as("a new registration starts a new watcher")
          .isTrue();
    }
    assertThat(pool.running()).isFalse();
  }

  @Test
  void aFolderThatCannotBeWatched_leavesNoWatcherRunning() {
    RuleSetWatcher.Pool pool = new RuleSetWatcher.Pool();
    Path missing = tmp.resolve("missing");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> pool.watch(missing, () -> {}))
        .hasMessageContaining("missing");
    assertThat(pool.running()).isFalse();
  }
}
