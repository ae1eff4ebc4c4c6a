package tally.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** One generated request, as bytes on the wire, and how to show it when it finds a bug. */
record FuzzRequest(
    String method,
    String target,
    List<Map.Entry<String, String>> headers,
    byte[] body,
    boolean chunked,
    String route,
    String strategy) {

  /** The request line and headers, CRLF-separated, without the blank line. */
  String head() {
    StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost");
    headers.forEach(h -> head.append("\r\n").append(h.getKey()).append(": ").append(h.getValue()));
    head.append(chunked ? "\r\nTransfer-Encoding: chunked" : "\r\nContent-Length: " + body.length);
    return head.toString();
  }

  byte[] wireBody() {
    if (!chunked) {
      return body;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int chunk = Math.max(1, body.length / 3);
    for (int i = 0; i < body.length; i += chunk) {
      int n = Math.min(chunk, body.length - i);
      out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, i, n);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  /** Short enough to read in a failure report; bytes outside printable ASCII as \xNN. */
  String describe() {
    StringBuilder b = new StringBuilder();
    b.append("[").append(strategy).append(" on ").append(route).append("] ");
    b.append(printable(head().getBytes(StandardCharsets.ISO_8859_1), 600));
    b.append("\n    body (").append(body.length).append(" bytes): ").append(printable(body, 300));
    return b.toString();
  }

  private static String printable(byte[] bytes, int max) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < Math.min(bytes.length, max); i++) {
      int c = bytes[i] & 0xff;
      if (c == '\r') {
        continue;
      }
      b.append(
          c == '\n'
              ? " | "
              : c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
    }
    return bytes.length > max ? b + "..." : b.toString();
  }
}
