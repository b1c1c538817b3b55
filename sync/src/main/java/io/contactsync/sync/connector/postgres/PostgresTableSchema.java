package io.contactsync.sync.connector.postgres;

import io.contactsync.api.v1alpha1.PostgresColumn;
import java.util.ArrayList;
import java.util.List;

/**
 * What a table the connector creates looks like to a DBA: comments that say what each column holds, and the index the
 * product's own incremental read needs ({@code WHERE (synced_at, id) > … ORDER BY synced_at, id}). Names of syncs
 * and policies stay out of it, as they stay out of the owner mark.
 */
final class PostgresTableSchema {
  private PostgresTableSchema() {}

  /** COMMENT statements for a table just created (never for an existing one: a DBA's own comments stay). */
  static List<String> comments(String table, List<PostgresColumn> columns) {
    List<String> out = new ArrayList<>();
    out.add(comment("TABLE " + table, "Contacts written by contactsync after a PrivacyPolicy, one row per record;"
        + " rows are upserted by id, and only the sync named by written_by deletes them"));
    out.add(comment("COLUMN " + table + ".id", "Record id: a keyed hash of the source and the contact's id there,"
        + " the same on every run and across key rotations"));
    out.add(comment("COLUMN " + table + ".contact", "The contact as canonical JSON, in the form the policy allows"));
    out.add(comment("COLUMN " + table + ".synced_at", "When a sync run last wrote this row"));
    out.add(comment("COLUMN " + table + ".written_by", "Owner mark of the sync that wrote the row; only that sync"
        + " deletes it, and rows without a mark are never deleted"));
    for (PostgresColumn c : columns) {
      out.add(comment("COLUMN " + table + "." + c.getColumn(), "The contact's field " + c.getField()
          + ", in the form the policy allows (a copy of the value in contact)"));
    }
    return out;
  }

  /** The (synced_at, id) index, idempotent: added to tables the connector created before it existed, too. */
  static String syncedAtIndex(String table) {
    String unqualified = table.substring(table.lastIndexOf('.') + 1);
    return "CREATE INDEX IF NOT EXISTS " + unqualified + "_synced_at_id ON " + table + " (synced_at, id)";
  }

  // table, column and field names match the CRD's identifier and field-path patterns: no quote can reach the literal
  private static String comment(String on, String text) {
    return "COMMENT ON " + on + " IS '" + text.replace("'", "''") + "'";
  }
}
