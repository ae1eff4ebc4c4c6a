package tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tally.core.Json;

class JsonBodiesTest {
  @Test
  void laysOutJsonAsStripeDoes() {
    JsonNode body =
        Json.tree(
            "{\"id\":\"ch_1\",\"object\":\"charge\",\"metadata\":{},\"refunds\":[],"
                + "\"amounts\":[1,2],\"card\":{\"brand\":\"visa\",\"checks\":{\"cvc\":null}},"
                + "\"paid\":true}");

    String pretty = new String(JsonBodies.write(body), StandardCharsets.UTF_8);

    assertThat(pretty)
        .isEqualTo(
            """
            {
              "id": "ch_1",
              "object": "charge",
              "metadata": {},
              "refunds": [],
              "amounts": [
                1,
                2
              ],
              "card": {
                "brand": "visa",
                "checks": {
                  "cvc": null
                }
              },
              "paid": true
            }\
            """);
  }

  @Test
  void nestsDeeperThanItsPreparedIndents() {
    JsonNode deep = Json.tree("[" + "{\"a\":".repeat(40) + "1" + "}".repeat(40) + "]");

    String pretty = new String(JsonBodies.write(deep), StandardCharsets.UTF_8);

    assertThat(Json.tree(pretty)).isEqualTo(deep);
    assertThat(pretty).contains("\n" + "  ".repeat(41) + "\"a\": 1\n" + "  ".repeat(40) + "}");
  }
}
