package dev.armature;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Threads for calls that wait on a model: a virtual thread per call where the JVM has them (Java 21
 * and later, found at run time, since Armature is built for Java 17), else a cached pool of daemon
 * threads. Neither caps how many calls wait at once.
 */
final class ModelThreads {
  private ModelThreads() {}

  static ExecutorService executor(String name) {
    ExecutorService virtual = virtualExecutor();
    if (virtual != null) {
      return virtual;
    }
    return Executors.newCachedThreadPool(
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        });
  }

  private static ExecutorService virtualExecutor() {
    try {
      return (ExecutorService)
          MethodHandles.publicLookup()
              .findStatic(
                  Executors.class,
                  "newVirtualThreadPerTaskExecutor",
                  MethodType.methodType(ExecutorService.class))
              .invoke();
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null;
    } catch (Throwable e) {
      throw new IllegalStateException("cannot make a virtual thread executor", e);
    }
  }
}
