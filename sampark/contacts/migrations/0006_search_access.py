"""SQLite's search words gain an ``access`` column: the owner and team tokens of each record
(core.records.access_tokens), so a search keeps to what the user may see before it ranks.

FTS5 tables cannot gain a column, so the table is made anew and filled from the old one and the
records' owners and teams. PostgreSQL's index is unchanged.
"""

from django.db import migrations

TOKENIZER = "unicode61 remove_diacritics 0 categories 'L* N* Co M*' tokenchars '@.+-''_'"

FORWARD = [
    f"""CREATE VIRTUAL TABLE contacts_search_words_new USING fts5(
        names, other, access, tokenize = "{TOKENIZER}", prefix = '2 3'
    )""",
    """INSERT INTO contacts_search_words_new (rowid, names, other, access)
        SELECT w.rowid, w.names, w.other,
               'owner' || r.owner_id || CASE WHEN r.team_id IS NULL THEN '' ELSE ' team' || r.team_id END
        FROM contacts_search_words w
        JOIN contacts_search_document d ON d.id = w.rowid
        JOIN contacts_contact r ON d.kind = 'contact' AND r.id = d.record_id
        UNION ALL
        SELECT w.rowid, w.names, w.other,
               'owner' || r.owner_id || CASE WHEN r.team_id IS NULL THEN '' ELSE ' team' || r.team_id END
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


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("contacts", "0005_custom_values")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
