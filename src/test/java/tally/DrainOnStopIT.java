package tally;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tally.testing.ModelShapes;
import tally.testing.RawHttp;
import tally.testing.TallyProcess;

/** SIGTERM drains: new requests are refused, those in flight finish, the last line says so. */
class DrainOnStopIT {
  private static final String KEY = "sk_test_drainIt00000000000000wxyz";

  @Test
  void aRequestInFlightAtSigtermFinishesAndTheLastLineSaysSo(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("server.log");
    TallyProcess server =
        TallyProcess.start(log, KEY, "--host", "127.0.0.1", "--db", dir.resolve("t.db").toString());
    String body = "amount=2000&currency=usd&source=tok_visa";
    try (Socket inFlight = new Socket("127.0.0.1", server.port())) {
      inFlight.setSoTimeout(20_000);
      OutputStream out = inFlight.getOutputStream();
      // Headers and half the body: the server is now handling this request, waiting for the rest.
      out.write(
          ("POST /v1/charges HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                  + KEY
                  + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                  + body.length()
                  + "\r\nConnection: close\r\n\r\n"
                  + body.substring(0, 10))
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(500);
      server.signalTerm();
      Thread.sleep(300);
      assertThat(refused(server.port())).as("a new connection after SIGTERM is refused").isTrue();
      out.write(body.substring(10).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      RawHttp.Reply reply = RawHttp.parse(inFlight.getInputStream());
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      assertThat(reply.body()).contains("\"status\": \"succeeded\"");
      // This socket bypasses TallyProcess's shape-checking proxy (it tests the server's own
      // connections), so its answer is checked here.
      assertThat(ModelShapes.problems(new ObjectMapper().readTree(reply.body()))).isEmpty();
    }
    assertThat(server.terminate(Duration.ofSeconds(40))).isIn(0, 143);
    List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
    assertThat(lines.getLast()).contains("Tally stopped: all 1 requests in flight finished");
    assertThat(String.join("\n", lines)).contains("Stopping: no new requests are accepted");
  }

  private static boolean refused(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(500);
      s.getOutputStream()
          .write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      int first = s.getInputStream().read();
      return first < 0; // accepted by the kernel but closed unanswered
    } catch (ConnectException e) {
      return true;
    } catch (IOException e) {
      return true;
    }
  }
}
