package tally.search;

import java.util.Locale;
import java.util.Map;
import tally.api.Ctx;

/**
 * Keeps an object's metadata as rows (owner, key, lower-cased value) so that {@code
 * metadata["key"]:"value"} searches use an index; rewritten whenever the metadata changes.
 */
public final class MetadataIndex {
  private final String table;
  private final String ownerColumn;

  public MetadataIndex(String table, String ownerColumn) {
    this.table = table;
    this.ownerColumn = ownerColumn;
  }

  public void write(Ctx ctx, String ownerId, Map<String, String> metadata) {
    ctx.db()
        .createUpdate("DELETE FROM " + table + " WHERE account_id = ? AND " + ownerColumn + " = ?")
        .bind(0, ctx.accountId())
        .bind(1, ownerId)
        .execute();
    insert(ctx, ownerId, metadata);
  }

  /** The rows of a new owner (nothing to delete first). */
  public void insert(Ctx ctx, String ownerId, Map<String, String> metadata) {
    metadata.forEach((key, value) ->
        ctx.db()
            .createUpdate(
                "INSERT INTO "
                    + table
                    + " (account_id, "
                    + ownerColumn
                    + ", meta_key, value_lower) VALUES (?, ?, ?, ?)")
            .bind(0, ctx.accountId())
            .bind(1, ownerId)
            .bind(2, key)
            .bind(3, value.toLowerCase(Locale.ROOT))
            .execute());
  }
}
