package tally.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The grammar alone: a pure function, tested without a server. */
class SearchQueryTest {
  @Test
  void parsesClausesOperatorsQuotesAndNegation() {
    SearchQuery q =
        SearchQuery.parse(
            "amount>=1000 AND -status:\"failed\" metadata['order']:'A\\'1' metadata[\"k\"]:null");
    assertThat(q.anyOf()).isFalse();
    assertThat(q.clauses()).hasSize(4);
    assertThat(q.clauses().get(0))
        .isEqualTo(new SearchQuery.Clause("amount", null, ">=", "1000", false, false));
    assertThat(q.clauses().get(1).negated()).isTrue();
    assertThat(q.clauses().get(2).key()).isEqualTo("order");
    assertThat(q.clauses().get(2).value()).isEqualTo("A'1");
    assertThat(q.clauses().get(3).isNull()).isTrue();
    assertThat(SearchQuery.parse("currency:\"usd\" or currency:\"eur\"").anyOf()).isTrue();
  }

  @Test
  void refusesMixedJoinersTooManyClausesAndMalformedInput() {
    assertThatThrownBy(() -> SearchQuery.parse("a:\"1\" AND b:\"2\" OR c:\"3\""))
        .isInstanceOf(SearchQuery.Invalid.class)
        .hasMessageContaining("AND and OR");
    assertThatThrownBy(() -> SearchQuery.parse("a:1 ".repeat(11)))
        .isInstanceOf(SearchQuery.Invalid.class)
        .hasMessageContaining("at most 10");
    assertThatThrownBy(() -> SearchQuery.parse("amount 100"))
        .isInstanceOf(SearchQuery.Invalid.class);
    assertThatThrownBy(() -> SearchQuery.parse("status:\"open"))
        .hasMessageContaining("unterminated");
    assertThatThrownBy(() -> SearchQuery.parse("")).isInstanceOf(SearchQuery.Invalid.class);
  }
}
