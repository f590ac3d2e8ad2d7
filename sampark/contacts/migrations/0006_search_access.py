"""Search documents gain the owner and team tokens of each record (core.records.access_tokens),
so a search keeps to what the user may see before it ranks.

SQLite: FTS5 tables cannot gain a column, so the words table is made anew with an ``access``
column, filled from the old one and the records' owners and teams. PostgreSQL: the documents
get an ``access`` text array with a GIN index.
"""

from django.db import migrations

# The access words of the record r, as core.records.access_tokens writes them.
ACCESS = "'owner' || r.owner_id || CASE WHEN r.team_id IS NULL THEN '' ELSE ' team' || r.team_id END"
TOKENIZER = "unicode61 remove_diacritics 0 categories 'L* N* Co M*' tokenchars '@.+-''_'"

FORWARD = [
    f"""CREATE VIRTUAL TABLE contacts_search_words_new USING fts5(
        names, other, access, tokenize = "{TOKENIZER}", prefix = '2 3'
    )""",
    f"""INSERT INTO contacts_search_words_new (rowid, names, other, access)
        SELECT w.rowid, w.names, w.other,
               {ACCESS}
        FROM contacts_search_words w
        JOIN contacts_search_document d ON d.id = w.rowid
        JOIN contacts_contact r ON d.kind = 'contact' AND r.id = d.record_id
        UNION ALL
        SELECT w.rowid, w.names, w.other,
               {ACCESS}
        FROM contacts_search_words w
        JOIN contacts_search_document d ON d.id = w.rowid
        JOIN contacts_company r ON d.kind = 'company' AND r.id = d.record_id""",
    "DROP TABLE contacts_search_words",
    "ALTER TABLE contacts_search_words_new RENAME TO contacts_search_words",
]
BACKWARD = [
    f"""CREATE VIRTUAL TABLE contacts_search_words_old USING fts5(
        names, other, tokenize = "{TOKENIZER}", prefix = '2 3'
    )""",
    """INSERT INTO contacts_search_words_old (rowid, names, other)
        SELECT rowid, names, other FROM contacts_search_words""",
    "DROP TABLE contacts_search_words",
    "ALTER TABLE contacts_search_words_old RENAME TO contacts_search_words",
]


POSTGRESQL_FORWARD = [
    "ALTER TABLE contacts_search_document ADD COLUMN access text[] NOT NULL DEFAULT '{}'",
    *(
        f"""UPDATE contacts_search_document d SET access = string_to_array({ACCESS}, ' ')
            FROM {table} r WHERE d.kind = '{kind}' AND r.id = d.record_id"""
        for kind, table in (("contact", "contacts_contact"), ("company", "contacts_company"))
    ),
    "CREATE INDEX contacts_search_document_access ON contacts_search_document USING gin (access)",
]
POSTGRESQL_BACKWARD = ["ALTER TABLE contacts_search_document DROP COLUMN access"]


def _run(sqlite, postgresql):
    def run(apps, schema_editor):
        statements = sqlite if schema_editor.connection.vendor == "sqlite" else postgresql
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("contacts", "0005_custom_values")]

    operations = [
        migrations.RunPython(
            _run(FORWARD, POSTGRESQL_FORWARD), _run(BACKWARD, POSTGRESQL_BACKWARD)
        )
    ]
