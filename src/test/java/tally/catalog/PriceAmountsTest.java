package tally.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import tally.core.Json;

/** What prices charge for a quantity: per unit, per package, graduated and volume tiers. */
class PriceAmountsTest {
  private static JsonNode price(String json) throws Exception {
    return Json.MAPPER.readTree(json.replace('\'', '"'));
  }

  private static long amount(JsonNode price, String quantity) {
    return PriceAmounts.amount(price, new BigDecimal(quantity));
  }

  private static final String TIERS =
      "'tiers':[{'up_to':5,'unit_amount':100,'flat_amount':200},"
          + "{'up_to':10,'unit_amount':50,'flat_amount':null},"
          + "{'up_to':null,'unit_amount':10,'flat_amount':null}]";

  @Test
  void perUnitRoundsTheTotalHalfUpOnce() throws Exception {
    JsonNode p = price("{'billing_scheme':'per_unit','unit_amount_decimal':'1.5'}");
    assertThat(amount(p, "125")).isEqualTo(188);
    assertThat(amount(p, "3")).isEqualTo(5); // 4.5 → 5
    assertThat(amount(p, "0")).isZero();
    assertThat(amount(price("{'billing_scheme':'per_unit','unit_amount':7}"), "3")).isEqualTo(21);
  }

  @Test
  void packagesRoundTheUsageUpOrDown() throws Exception {
    JsonNode up =
        price(
            "{'billing_scheme':'per_unit','unit_amount':500,"
                + "'transform_quantity':{'divide_by':100,'round':'up'}}");
    assertThat(amount(up, "101")).isEqualTo(1000);
    assertThat(amount(up, "100")).isEqualTo(500);
    JsonNode down =
        price(
            "{'billing_scheme':'per_unit','unit_amount':500,"
                + "'transform_quantity':{'divide_by':100,'round':'down'}}");
    assertThat(amount(down, "199")).isEqualTo(500);
    assertThat(PriceAmounts.billedQuantity(down, new BigDecimal("199"))).isEqualTo("1");
  }

  @Test
  void graduatedTiersChargeEachUnitInItsTierPlusEveryReachedFlatAmount() throws Exception {
    JsonNode p = price("{'billing_scheme':'tiered','tiers_mode':'graduated'," + TIERS + "}");
    assertThat(amount(p, "0")).isZero();
    assertThat(amount(p, "1")).isEqualTo(300);
    assertThat(amount(p, "5")).isEqualTo(700);
    assertThat(amount(p, "6")).isEqualTo(750);
    assertThat(amount(p, "10")).isEqualTo(950);
    assertThat(amount(p, "12")).isEqualTo(970);
  }

  @Test
  void volumeTiersChargeEveryUnitAtTheTierTheTotalFallsIn() throws Exception {
    JsonNode p = price("{'billing_scheme':'tiered','tiers_mode':'volume'," + TIERS + "}");
    assertThat(amount(p, "0")).isZero();
    assertThat(amount(p, "5")).isEqualTo(700);
    assertThat(amount(p, "6")).isEqualTo(300);
    assertThat(amount(p, "10")).isEqualTo(500);
    assertThat(amount(p, "11")).isEqualTo(110);
  }
}
