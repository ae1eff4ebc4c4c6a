package tally.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.mapper.RowMapper;
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
  // Its own reads name the stored columns in declaration order and read them by position: a read
  // by name made SQLite's driver fetch every column's name for each row (8% of a GET).
  private final String columns;
  private final String select;
  private final String selectForUpdate;
  private final Map<String, Integer> position;

  private Table(String name, Class<T> type) {
    this.name = name;
    this.schema = ObjectSchema.of(type);
    this.stored = schema.stored();
    this.insertSql = insertSql(List.of());
    this.mapper = (rs, ctx) -> map(rs);
    this.columns = String.join(", ", stored.stream().map(Prop::name).toList());
    this.select = "SELECT " + columns + " FROM " + name + " WHERE account_id = ? AND id = ?";
    this.selectForUpdate = select + " <forUpdate>";
    Map<String, Integer> positions = new java.util.HashMap<>();
    for (int i = 0; i < stored.size(); i++) {
      positions.put(stored.get(i).name(), i + 1);
    }
    this.position = Map.copyOf(positions);
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

  // Inserts are the hot path (every charge, balance transaction, event): plain JDBC (see Sql) and
  // SQL built once per set of internal columns.
  private final Map<List<String>, String> insertSqlByInternal =
      new java.util.concurrent.ConcurrentHashMap<>();

  private int write(Scope s, String suffix, T row, Map<String, ?> internal) {
    List<String> extra = List.copyOf(internal.keySet());
    String sql =
        extra.isEmpty() ? insertSql : insertSqlByInternal.computeIfAbsent(extra, this::insertSql);
    Object[] values = new Object[2 + stored.size() + extra.size()];
    values[0] = s.accountId();
    values[1] = Sequence.next();
    int i = 2;
    for (Prop p : stored) {
      values[i++] = p.read(row);
    }
    for (String column : extra) {
      values[i++] = internal.get(column);
    }
    return Sql.update(s.db(), suffix.isEmpty() ? sql : sql + suffix, values);
  }

  public Optional<T> find(Scope s, String id) {
    return select(s, id, false);
  }

  /** The row, locked until the transaction ends on PostgreSQL (SQLite has one writer anyway). */
  public Optional<T> findForUpdate(Scope s, String id) {
    return select(s, id, true);
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
    List<Object> values = new ArrayList<>(changes.size() + expected.size() + 2);
    for (Map.Entry<String, ?> change : changes.entrySet()) {
      sql.append(values.isEmpty() ? "" : ", ").append(change.getKey()).append(" = ?");
      values.add(change.getValue());
    }
    sql.append(" WHERE account_id = ? AND id = ?");
    values.add(s.accountId());
    values.add(id);
    for (Map.Entry<String, ?> guard : expected.entrySet()) {
      sql.append(" AND ").append(guard.getKey()).append(" = ?");
      values.add(guard.getValue());
    }
    return Sql.one(
        s.db(), sql.append(" RETURNING ").append(columns).toString(), this::read, values.toArray());
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

  private Optional<T> select(Scope s, String id, boolean forUpdate) {
    return Sql.one(s.db(), forUpdate ? selectForUpdate : select, this::read, s.accountId(), id);
  }

  /** A row of any query over this table (its columns found by name). */
  private T map(java.sql.ResultSet rs) throws java.sql.SQLException {
    return row(rs, rs::findColumn);
  }

  /** A row of this table's own reads (its stored columns, in order). */
  private T read(java.sql.ResultSet rs) throws java.sql.SQLException {
    return row(rs, position::get);
  }

  /** Where a stored field's column is in the result. */
  @FunctionalInterface
  private interface ColumnOf {
    int of(String column) throws java.sql.SQLException;
  }

  private T row(java.sql.ResultSet rs, ColumnOf column) throws java.sql.SQLException {
    @SuppressWarnings("unchecked")
    T row =
        (T)
            schema.construct(p ->
                p.stored() ? Columns.read(rs, p, column.of(p.name())) : Columns.absent(p.type()));
    return row;
  }
}
