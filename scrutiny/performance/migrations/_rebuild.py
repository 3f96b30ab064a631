"""Helpers for the performance app's migrations (a module the migration loader passes over: its name starts with _)."""


def rebuild(schema_editor, old, new, *, without_rowid: bool) -> None:
    """Make `new`'s table beside `old`'s, copy the rows, and put it in the old one's place.

    Used by migrations 0005 and 0007: keep its behaviour as they were run with it.
    """
    table = old._meta.db_table
    temporary = f"{table}_rebuilt"
    quote = schema_editor.quote_name
    old_columns = {f.column for f in old._meta.local_concrete_fields}
    columns = ", ".join(quote(f.column) for f in new._meta.local_concrete_fields if f.column in old_columns and f.column != "id")
    new._meta.db_table = temporary
    try:
        sql, params = schema_editor.table_sql(new)
        if without_rowid and schema_editor.connection.vendor == "sqlite":
            sql += " WITHOUT ROWID"
        schema_editor.execute(sql, params or None)
        schema_editor.execute(f"INSERT INTO {quote(temporary)} ({columns}) SELECT {columns} FROM {quote(table)}")  # noqa: S608
        schema_editor.execute(f"DROP TABLE {quote(table)}")
        schema_editor.alter_db_table(new, temporary, table)
        if schema_editor.connection.vendor == "postgresql":  # PostgreSQL named the key after the table it was made in
            schema_editor.execute(f"ALTER INDEX {quote(temporary + '_pkey')} RENAME TO {quote(table + '_pkey')}")
    finally:
        new._meta.db_table = table
    for index in new._meta.indexes:
        schema_editor.add_index(new, index)
