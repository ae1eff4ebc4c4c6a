package tally.search;

import java.util.Locale;
import java.util.Map;
import tally.api.Ctx;
import tally.store.Sql;

/**
 * Keeps an object's metadata as rows (owner, key, lower-cased value) so that {@code
 * metadata["key"]:"value"} searches use an index; rewritten whenever the metadata changes.
 */
public final class MetadataIndex {
  private final String table;
  private final String ownerColumn;
  private final String insertSql;

  public MetadataIndex(String table, String ownerColumn) {
    this.table = table;
    this.ownerColumn = ownerColumn;
    this.insertSql =
        "INSERT INTO "
            + table
            + " (account_id, "
            + ownerColumn
            + ", meta_key, value_lower) VALUES (?, ?, ?, ?)";
  }

  public void write(Ctx ctx, String ownerId, Map<String, String> metadata) {
    Sql.update(
        ctx.db(),
        "DELETE FROM " + table + " WHERE account_id = ? AND " + ownerColumn + " = ?",
        ctx.accountId(),
        ownerId);
    insert(ctx, ownerId, metadata);
  }

  /** The rows of a new owner (nothing to delete first). */
  public void insert(Ctx ctx, String ownerId, Map<String, String> metadata) {
    metadata.forEach((key, value) ->
        Sql.update(
            ctx.db(), insertSql, ctx.accountId(), ownerId, key, value.toLowerCase(Locale.ROOT)));
  }
}
