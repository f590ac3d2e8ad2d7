from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import migrations, models


def name_the_folders(apps, schema_editor):  # type: ignore[no-untyped-def]
    """The mail taken so far came from each mailbox's one folder."""
    InboundMail = apps.get_model("mail", "InboundMail")
    Mailbox = apps.get_model("mail", "Mailbox")
    for mailbox_id, folder in Mailbox.objects.values_list("id", "folder"):
        InboundMail.objects.filter(mailbox_id=mailbox_id).update(folder=folder)


class Migration(migrations.Migration):
    dependencies = [
        ("mail", "0004_error_codes_and_exclusions"),
    ]

    operations = [
        migrations.AddField(
            model_name="inboundmail",
            name="folder",
            field=models.CharField(default="", max_length=200),
            preserve_default=False,
        ),
        migrations.RunPython(name_the_folders, migrations.RunPython.noop, elidable=True),
        migrations.RemoveConstraint(model_name="inboundmail", name="mail_one_row_per_uid"),
        migrations.AddConstraint(
            model_name="inboundmail",
            constraint=models.UniqueConstraint(
                fields=("mailbox", "folder", "uid_validity", "uid"),
                name="mail_one_row_per_folder_uid",
            ),
        ),
        migrations.AddField(
            model_name="mailbox",
            name="sent_folder",
            field=models.CharField(
                blank=True,
                help_text="For your own mail: where your mail program keeps what you send (often Sent, Sent Items or [Gmail]/Sent Mail), so your mail to clients lands on their timelines too.",
                max_length=200,
                verbose_name="Sent folder",
            ),
        ),
        migrations.AddField(
            model_name="mailbox",
            name="sent_uid_validity",
            field=models.BigIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="mailbox",
            name="sent_last_uid",
            field=models.BigIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="mailbox",
            name="smtp_host",
            field=models.CharField(
                blank=True,
                help_text="For your own mail: mail you write from a client's page goes out through it, from your address, with the same user name and password. Empty: through the firm's mail server.",
                max_length=253,
                verbose_name="SMTP server",
            ),
        ),
        migrations.AddField(
            model_name="mailbox",
            name="smtp_port",
            field=models.PositiveIntegerField(
                default=587,
                validators=[MinValueValidator(1), MaxValueValidator(65535)],
                verbose_name="SMTP port",
            ),
        ),
        migrations.AddField(
            model_name="mailbox",
            name="smtp_security",
            field=models.CharField(
                choices=[
                    ("ssl", "SSL/TLS"),
                    ("starttls", "STARTTLS"),
                    ("none", "None (only on a trusted network)"),
                ],
                default="starttls",
                max_length=8,
                verbose_name="SMTP connection security",
            ),
        ),
    ]
