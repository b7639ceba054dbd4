package dev.armature.model;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A JDK HTTP client that remembers, per thread, the {@code Retry-After} of the last 429 or 503 it
 * received: LangChain4j's exceptions carry the status but not the headers, and a retry must wait as
 * long as the provider asked.
 */
final class RetryAfterClient extends HttpClient {
  private static final ThreadLocal<Duration> LAST = new ThreadLocal<>();

  /** {@code Thread.startVirtualThread(Runnable)}, or {@code null} before Java 21. */
  private static final MethodHandle START_VIRTUAL = startVirtual();

  /**
   * For a streamed call: the slot that the response, arriving on another thread, fills with its
   * wait; set on the thread that started the call, which is the one that reads it.
   */
  private static final ThreadLocal<AtomicReference<Duration>> ASYNC = new ThreadLocal<>();

  private final HttpClient delegate;

  private RetryAfterClient(HttpClient delegate) {
    this.delegate = delegate;
  }

  /** The wait the last refused response on this thread asked for, cleared by reading it. */
  static Duration take() {
    Duration d = LAST.get();
    LAST.remove();
    AtomicReference<Duration> async = ASYNC.get();
    ASYNC.remove();
    return d == null && async != null ? async.get() : d;
  }

  private static Duration refusedWait(HttpResponse<?> response) {
    if (response.statusCode() == 429 || response.statusCode() == 503) {
      return parse(response.headers().firstValue("Retry-After").orElse(null));
    }
    return null;
  }

  /**
   * A builder for the JDK client that LangChain4j's {@code JdkHttpClient} builds, forcing HTTP/1.1,
   * with the {@linkplain #taskExecutor() executor} for the client's own tasks.
   */
  static HttpClient.Builder builder() {
    HttpClient.Builder builder = HttpClient.newBuilder().version(Version.HTTP_1_1);
    taskExecutor().ifPresent(builder::executor);
    return new Builder(builder);
  }

  /**
   * Where the JDK client runs its own tasks (reading a response, completing the call's future):
   * where the JVM has virtual threads (Java 21 and later, found at run time), a virtual thread
   * each; before, nothing, and the client keeps its default pool of platform threads. In a burst of
   * 2,000 model calls on 2 cores that pool grew to over 40 platform threads, each woken for each
   * task, and took 13% of serve's CPU (BENCHMARKS.md, "Bursts, third session").
   */
  static Optional<Executor> taskExecutor() {
    if (START_VIRTUAL == null) {
      return Optional.empty();
    }
    return Optional.of(
        task -> {
          try {
            START_VIRTUAL.invoke(task);
          } catch (RuntimeException | Error e) {
            throw e;
          } catch (Throwable e) {
            throw new IllegalStateException("cannot start a virtual thread", e);
          }
        });
  }

  private static MethodHandle startVirtual() {
    try {
      return MethodHandles.publicLookup()
          .findStatic(
              Thread.class,
              "startVirtualThread",
              MethodType.methodType(Thread.class, Runnable.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null;
    }
  }

  static Duration parse(String value) {
    if (value == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(value.strip());
      return seconds < 0 ? null : Duration.ofSeconds(Math.min(seconds, 300));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    LAST.remove();
    ASYNC.remove();
    HttpResponse<T> response = delegate.send(request, handler);
    Duration wait = refusedWait(response);
    if (wait != null) {
      LAST.set(wait);
    }
    return response;
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    // LangChain4j's streaming client starts the call on the turn's thread and reports a refusal
    // from the response's: the slot carries the wait back to the turn's thread.
    LAST.remove();
    AtomicReference<Duration> slot = new AtomicReference<>();
    ASYNC.set(slot);
    return delegate
        .sendAsync(request, handler)
        .thenApply(
            response -> {
              slot.set(refusedWait(response));
              return response;
            });
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> push) {
    return delegate.sendAsync(request, handler, push);
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }

  /** Builds the JDK client as configured and wraps it. */
  private static final class Builder implements HttpClient.Builder {
    private final HttpClient.Builder delegate;

    Builder(HttpClient.Builder delegate) {
      this.delegate = delegate;
    }

    @Override
    public HttpClient.Builder cookieHandler(CookieHandler handler) {
      delegate.cookieHandler(handler);
      return this;
    }

    @Override
    public HttpClient.Builder connectTimeout(Duration duration) {
      delegate.connectTimeout(duration);
      return this;
    }

    @Override
    public HttpClient.Builder sslContext(SSLContext context) {
      delegate.sslContext(context);
      return this;
    }

    @Override
    public HttpClient.Builder sslParameters(SSLParameters parameters) {
      delegate.sslParameters(parameters);
      return this;
    }

    @Override
    public HttpClient.Builder executor(Executor executor) {
      delegate.executor(executor);
      return this;
    }

    @Override
    public HttpClient.Builder followRedirects(Redirect policy) {
      delegate.followRedirects(policy);
      return this;
    }

    @Override
    public HttpClient.Builder version(Version version) {
      delegate.version(version);
      return this;
    }

    @Override
    public HttpClient.Builder priority(int priority) {
      delegate.priority(priority);
      return this;
    }

    @Override
    public HttpClient.Builder proxy(ProxySelector selector) {
      delegate.proxy(selector);
      return this;
    }

    @Override
    public HttpClient.Builder authenticator(Authenticator authenticator) {
      delegate.authenticator(authenticator);
      return this;
    }

    @Override
    public HttpClient build() {
      return new RetryAfterClient(delegate.build());
    }
  }
}
