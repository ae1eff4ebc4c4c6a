package tally.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import tally.core.ObjectSchema;
import tally.core.ObjectSchema.Prop;
import tally.core.Sequence;
import tally.core.State;

/**
 * A declared record's table: the columns are the record's stored components (snake_case), plus
 * {@code account_id} and {@code seq}. Inserts, row mapping, one-field changes, guarded state moves
 * and locked read-modify-writes all come from the declaration; every statement is scoped to the
 * caller's account.
 */
public final class Table<T extends Record> {
  private final String name;
  private final ObjectSchema schema;
  private final List<Prop> stored;
  private final RowMapper<T> mapper;
  private final String insertSql;

  private Table(String name, Class<T> type) {
    this.name = name;
    this.schema = ObjectSchema.of(type);
    this.stored = schema.stored();
    this.insertSql = insertSql(List.of());
    this.mapper = this::map;
  }

  public static <T extends Record> Table<T> of(String name, Class<T> type) {
    return new Table<>(name, type);
  }

  public String name() {
    return name;
  }

  public RowMapper<T> mapper() {
    return mapper;
  }

  public T insert(Scope s, T row) {
    return insert(s, row, Map.of());
  }

  /** Inserts {@code row}; {@code internal} sets columns Tally keeps beside the object. */
  public T insert(Scope s, T row, Map<String, ?> internal) {
    write(s, "", row, internal);
    return row;
  }

  /**
   * Inserts {@code row} unless a row with its key already exists ({@code ON CONFLICT DO NOTHING}):
   * one statement, false when the key was taken (a duplicate, or a race another request won).
   */
  public boolean insertIfAbsent(Scope s, T row) {
    return write(s, " ON CONFLICT DO NOTHING", row, Map.of()) == 1;
  }

  /** {@code INSERT INTO t (account_id, seq, <stored…>, <internal…>) VALUES (?, …)}. */
  private String insertSql(List<String> internal) {
    List<String> columns = new ArrayList<>(List.of("account_id", "seq"));
    stored.forEach(p -> columns.add(p.name()));
    columns.addAll(internal);
    return "INSERT INTO "
        + name
        + " ("
        + String.join(", ", columns)
        + ") VALUES ("
        + String.join(", ", java.util.Collections.nCopies(columns.size(), "?"))
        + ")";
  }

  // Inserts are the hot path (every charge, balance transaction, event): positional binds and SQL
  // built once per set of internal columns, not named parameters and templates per statement.
  private final Map<List<String>, String> insertSqlByInternal =
      new java.util.concurrent.ConcurrentHashMap<>();

  private int write(Scope s, String suffix, T row, Map<String, ?> internal) {
    List<String> extra = List.copyOf(internal.keySet());
    String sql =
        extra.isEmpty() ? insertSql : insertSqlByInternal.computeIfAbsent(extra, this::insertSql);
    var insert = s.db().createUpdate(suffix.isEmpty() ? sql : sql + suffix);
    insert.bind(0, argument(s.accountId()));
    insert.bind(1, argument(Sequence.next()));
    int i = 2;
    for (Prop p : stored) {
      insert.bind(i++, argument(p.read(row)));
    }
    for (String column : extra) {
      insert.bind(i++, argument(internal.get(column)));
    }
    return insert.execute();
  }

  /**
   * A ready JDBC argument for a column value (named and positional binds alike): Jdbi's
   * per-statement lookup of an argument factory for each value type cost more CPU than the insert's
   * own SQLite work on the writer thread. A null is untyped, so PostgreSQL infers the column's type
   * (a typed VARCHAR null fails on BIGINT).
   */
  private static Argument argument(Object value) {
    return new Bind(Columns.toColumn(value));
  }

  /**
   * One argument class for every value: Jdbi wraps an argument whose class has no {@code toString}
   * in a description built per bind (a lambda's class name and hash: 5% of a charge's CPU), and
   * looks its factory up by class (one class keeps that lookup a cache hit).
   */
  private record Bind(Object column) implements Argument {
    @Override
    public void apply(int p, java.sql.PreparedStatement ps, StatementContext c)
        throws java.sql.SQLException {
      switch (column) {
        case null -> ps.setNull(p, java.sql.Types.NULL);
        case String text -> ps.setString(p, text);
        case Long number -> ps.setLong(p, number);
        case Integer number -> ps.setInt(p, number);
        case Boolean flag -> ps.setBoolean(p, flag);
        case Object other -> ps.setObject(p, other);
      }
    }
  }

  public Optional<T> find(Scope s, String id) {
    return select(s, id, "");
  }

  /** The row, locked until the transaction ends on PostgreSQL (SQLite has one writer anyway). */
  public Optional<T> findForUpdate(Scope s, String id) {
    return select(s, id, "<forUpdate>");
  }

  /** Sets columns of the row, whatever its state; empty if there is no such row. */
  public Optional<T> set(Scope s, String id, Map<String, ?> changes) {
    return setWhere(s, id, Map.of(), changes);
  }

  /**
   * Compare-and-set: changes the row only while each {@code expected} column still holds its value.
   * Empty when no row matched (another request got there first).
   */
  public Optional<T> setWhere(Scope s, String id, Map<String, ?> expected, Map<String, ?> changes) {
    StringBuilder sql = new StringBuilder("UPDATE ").append(name).append(" SET ");
    Map<String, Object> binds = new LinkedHashMap<>();
    int i = 0;
    for (Map.Entry<String, ?> change : changes.entrySet()) {
      sql.append(i == 0 ? "" : ", ").append(change.getKey()).append(" = :s").append(i);
      binds.put("s" + i++, change.getValue());
    }
    sql.append(" WHERE account_id = :account_id AND id = :id");
    int j = 0;
    for (Map.Entry<String, ?> guard : expected.entrySet()) {
      sql.append(" AND ").append(guard.getKey()).append(" = :w").append(j);
      binds.put("w" + j++, guard.getValue());
    }
    var query = s.db().createQuery(sql.append(" RETURNING *").toString());
    query.bind("account_id", s.accountId()).bind("id", id);
    binds.forEach((key, value) -> query.bind(key, argument(value)));
    return query.map(mapper).findOne();
  }

  /**
   * Moves the row from {@code from} to {@code to} (and sets {@code alsoSet}) only if it is still in
   * {@code from}; a move the state's transitions do not allow is a programming error.
   */
  public <S extends Enum<S> & State<S>> Optional<T> transition(
      Scope s, String id, S from, S to, Map<String, ?> alsoSet) {
    if (!from.canMoveTo(to)) {
      throw new IllegalStateException(name + ": " + from + " cannot move to " + to);
    }
    Map<String, Object> changes = new LinkedHashMap<>(alsoSet);
    changes.put("status", to);
    return setWhere(s, id, Map.of("status", from), changes);
  }

  /** Before and after one update of a row. */
  public record Updated<T>(T before, T after) {}

  /**
   * Read-modify-write under the row lock: {@code change} sees the current row and returns the
   * columns to set, so two processes merging metadata into one row never lose a write.
   */
  public Optional<Updated<T>> update(Scope s, String id, Function<T, Map<String, ?>> change) {
    return findForUpdate(s, id)
        .map(before -> {
          Map<String, ?> changes = change.apply(before);
          T after = changes.isEmpty() ? before : set(s, id, changes).orElseThrow();
          return new Updated<>(before, after);
        });
  }

  private Optional<T> select(Scope s, String id, String suffix) {
    return s.db()
        .createQuery("SELECT * FROM " + name + " WHERE account_id = ? AND id = ? " + suffix)
        .bind(0, s.accountId())
        .bind(1, id)
        .map(mapper)
        .findOne();
  }

  private T map(java.sql.ResultSet rs, StatementContext ctx) throws java.sql.SQLException {
    @SuppressWarnings("unchecked")
    T row = (T) schema.construct(p -> p.stored() ? Columns.read(rs, p) : Columns.absent(p.type()));
    return row;
  }
}
