"""Widen the two indexes on transactions (by client and time; by kind and time) with what segment
rules count and add up (kind, client, profit, currency, amount), so those are read from the
indexes alone. The new indexes are built before the old ones go, so no reading is ever left
without one."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("contacts", "0009_folded_email_index")]

    operations = [
        migrations.AddIndex(
            model_name="transaction",
            index=models.Index(
                fields=["contact", "occurred_at", "id", "kind", "profit", "currency", "amount"],
                name="transaction_contact_facts",
            ),
        ),
        migrations.AddIndex(
            model_name="transaction",
            index=models.Index(
                fields=["kind", "occurred_at", "contact", "profit", "currency", "amount"],
                name="transaction_kind_facts",
            ),
        ),
        migrations.RemoveIndex(model_name="transaction", name="transaction_contact_time"),
        migrations.RemoveIndex(model_name="transaction", name="transaction_kind_time"),
    ]
