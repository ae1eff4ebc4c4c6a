package tally.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormDecoderTest {
  @Test
  void nestsBracketsIndexesAndAppends() {
    Map<String, Object> form =
        FormDecoder.decode(
            "a[b][c]=1&expand[]=x&expand[]=y&items[0][price]=p&items[1][price]=q&plus=a+b&empty=");
    assertThat(form.get("a")).isEqualTo(Map.of("b", Map.of("c", "1")));
    assertThat(form.get("expand")).isEqualTo(List.of("x", "y"));
    assertThat(form.get("items"))
        .isEqualTo(Map.of("0", Map.of("price", "p"), "1", Map.of("price", "q")));
    assertThat(form.get("plus")).isEqualTo("a b");
    assertThat(form.get("empty")).isEqualTo("");
  }

  @Test
  void percentEncodedBracketsAreBrackets() {
    assertThat(FormDecoder.decode("metadata%5Bk%5D=v").get("metadata")).isEqualTo(Map.of("k", "v"));
  }
}
