package dev.armature.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 written by hand on a socket to 127.0.0.1, for what an ordinary client refuses to send:
 * odd {@code Host} headers, raw paths, malformed requests, bodies that never arrive.
 */
final class RawHttp {
  /** A response: the status, the raw header block (lower case) and the body. */
  record Response(int status, String headers, String body) {
    boolean hasHeader(String nameAndValue) {
      return headers.contains(nameAndValue.toLowerCase(Locale.ROOT));
    }
  }

  private RawHttp() {}

  /** Sends the request bytes as they are and reads the answer until the connection closes. */
  static Response send(int port, String request) {
    return send(port, request.getBytes(StandardCharsets.ISO_8859_1), 20_000);
  }

  static Response send(int port, byte[] request, int readTimeoutMillis) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(readTimeoutMillis);
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A request with {@code Connection: close}, so that the answer ends with the connection. */
  static String request(String method, String target, String host, String... headersAndBody) {
    StringBuilder out = new StringBuilder();
    out.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    out.append("Host: ").append(host).append("\r\n");
    out.append("Connection: close\r\n");
    String body = null;
    for (String line : headersAndBody) {
      if (line.startsWith("{") || line.startsWith("[")) {
        body = line;
      } else {
        out.append(line).append("\r\n");
      }
    }
    if (body != null) {
      out.append("Content-Length: ")
          .append(body.getBytes(StandardCharsets.UTF_8).length)
          .append("\r\n");
    }
    out.append("\r\n");
    if (body != null) {
      out.append(new String(body.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
    }
    return out.toString();
  }

  /** Reads one response: the header block, then the body by its length or to the close. */
  static Response read(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    int end = -1;
    long length = -1;
    byte[] buffer = new byte[8192];
    while (true) {
      int n;
      try {
        n = in.read(buffer);
      } catch (SocketTimeoutException e) {
        throw new UncheckedIOException("no complete answer within the read timeout", e);
      } catch (IOException e) {
        if (end >= 0) {
          break; // answered, then reset: what was read is the answer
        }
        throw e;
      }
      if (n < 0) {
        break;
      }
      all.write(buffer, 0, n);
      String text = all.toString(StandardCharsets.ISO_8859_1);
      if (end < 0 && (end = text.indexOf("\r\n\r\n")) >= 0) {
        String head = text.substring(0, end).toLowerCase(Locale.ROOT);
        int at = head.indexOf("\r\ncontent-length:");
        if (at >= 0) {
          int eol = head.indexOf("\r\n", at + 2);
          length = Long.parseLong(head.substring(at + 17, eol < 0 ? head.length() : eol).strip());
        }
      }
      if (end >= 0 && length >= 0 && all.size() >= end + 4 + length) {
        break;
      }
    }
    String text = all.toString(StandardCharsets.UTF_8);
    if (end < 0) {
      throw new IOException("no HTTP answer, only: " + text);
    }
    String head = text.substring(0, text.indexOf("\r\n\r\n"));
    int status = Integer.parseInt(head.substring(9, 12));
    return new Response(
        status, head.toLowerCase(Locale.ROOT), text.substring(text.indexOf("\r\n\r\n") + 4));
  }
}
