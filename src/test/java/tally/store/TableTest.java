package tally.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tally.core.ApiResource;
import tally.core.Field;
import tally.core.ObjectSchema;
import tally.core.State;
import tally.testing.TestDatabases;

/** The kit on a real database (SQLite, or PostgreSQL with -Dtally.test.db=postgres). */
class TableTest {
  enum Phase implements State<Phase> {
    OPEN,
    DONE,
    VOID;

    @Override
    public Set<Phase> next() {
      return this == OPEN ? EnumSet.of(DONE, VOID) : EnumSet.noneOf(Phase.class);
    }
  }

  @ApiResource(value = "widget", nulls = "later")
  record Widget(
      String id,
      long amount,
      Phase status,
      @Field(omitNull = true) String note,
      Map<String, String> metadata,
      @Field(rendered = false) Long dueAt) {
    @Field
    String label() {
      return "w:" + amount;
    }
  }

  private static final Table<Widget> WIDGETS = Table.of("kit_widgets", Widget.class);
  @TempDir static Path dir;
  private static Db db;

  @BeforeAll
  static void open() {
    db = Db.open(TestDatabases.fresh(dir));
    db.write(h ->
        h.execute(
            "CREATE TABLE kit_widgets (account_id TEXT NOT NULL, id TEXT NOT NULL, seq BIGINT NOT"
                + " NULL, amount BIGINT NOT NULL, status TEXT NOT NULL, note TEXT, metadata TEXT"
                + " NOT NULL, due_at BIGINT, PRIMARY KEY (account_id, id))"));
  }

  @AfterAll
  static void close() {
    db.close();
  }

  private record At(Handle db, String accountId) implements Scope {
    @Override
    public long now() {
      return 0;
    }
  }

  private static Widget open(Scope s, String id) {
    return WIDGETS.insert(s, new Widget(id, 500, Phase.OPEN, null, Map.of("a", "1"), 99L));
  }

  @Test
  void rendersIdObjectThenAlphabeticalWithDeclaredNullsAndWithoutOmittedOrHiddenFields() {
    Widget w = new Widget("wd_1", 500, Phase.OPEN, null, Map.of(), 7L);
    var json = ObjectSchema.of(Widget.class).render(w);
    assertThat(json.toString())
        .isEqualTo(
            "{\"id\":\"wd_1\",\"object\":\"widget\",\"amount\":500,\"label\":\"w:500\","
                + "\"later\":null,\"metadata\":{},\"status\":\"open\"}");
  }

  @Test
  void rowsRoundTripAndAreScopedToTheirAccount() {
    db.write(h -> {
      Widget w = open(new At(h, "acct_a"), "wd_rt");
      assertThat(WIDGETS.find(new At(h, "acct_a"), "wd_rt")).contains(w);
      assertThat(WIDGETS.find(new At(h, "acct_b"), "wd_rt")).isEmpty();
      assertThat(WIDGETS.set(new At(h, "acct_b"), "wd_rt", Map.of("amount", 1L))).isEmpty();
      return null;
    });
  }

  @Test
  void aTransitionMovesOnlyFromTheExpectedStateAndRefusesAMoveTheStateForbids() {
    db.write(h -> {
      At s = new At(h, "acct_a");
      open(s, "wd_t");
      assertThat(WIDGETS.transition(s, "wd_t", Phase.OPEN, Phase.DONE, Map.of("due_at", 5L)))
          .hasValueSatisfying(w -> {
            assertThat(w.status()).isEqualTo(Phase.DONE);
            assertThat(w.dueAt()).isEqualTo(5L);
          });
      // Lost race: the row is no longer OPEN, so nothing changes.
      assertThat(WIDGETS.transition(s, "wd_t", Phase.OPEN, Phase.VOID, Map.of())).isEmpty();
      assertThat(WIDGETS.find(s, "wd_t").orElseThrow().status()).isEqualTo(Phase.DONE);
      assertThatThrownBy(() -> WIDGETS.transition(s, "wd_t", Phase.DONE, Phase.OPEN, Map.of()))
          .isInstanceOf(IllegalStateException.class);
      return null;
    });
  }

  @Test
  void anUpdateSeesTheCurrentRowAndChangesOnlyWhatItReturns() {
    db.write(h -> {
      At s = new At(h, "acct_a");
      open(s, "wd_u");
      var updated =
          WIDGETS
              .update(s, "wd_u", before -> Map.of("metadata", Map.of("a", "1", "b", "2")))
              .orElseThrow();
      assertThat(updated.before().metadata()).containsOnlyKeys("a");
      assertThat(updated.after().metadata()).containsOnlyKeys("a", "b");
      assertThat(updated.after().amount()).isEqualTo(500);
      return null;
    });
  }
}
