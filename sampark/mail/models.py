"""Mailboxes Sampark reads over IMAP, and every message it has taken from them.

A mailbox is a record like any other (owned, in a team, audited, versioned): its owner and team
are who what it brings in goes to (the leads of a sales inbox, say). Its password is sealed
(lib/sealed.py). What the worker keeps while reading it — the folder's UIDVALIDITY, the last UID
taken, when it last checked and the last error — is bookkeeping, outside the audit trail and the
version, so an admin's edit form never conflicts with a sync.

``InboundMail`` is the ledger that makes reading exactly-once: one row per message taken, written
in the same transaction as what the message became and as the mailbox's ``last_uid``. A sync cut
off anywhere resumes after the last message it finished, and a message seen again (a folder
recreated with a new UIDVALIDITY, the same mail in two mailboxes) is known by its Message-ID.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from sampark.core.models import User
from sampark.core.records import OwnedQuerySet, OwnedRecord
from sampark.mail.parse import ParsedMail


class Purpose(models.TextChoices):
    """What a mailbox's messages become."""

    LEADS = "leads", _("New leads")
    TICKETS = "tickets", _("Service tickets")
    PERSONAL = "personal", _("My mail: conversations with clients, on their timelines")


class Security(models.TextChoices):
    SSL = "ssl", _("SSL/TLS")
    STARTTLS = "starttls", _("STARTTLS")
    NONE = "none", _("None (only on a trusted network)")


class ErrorCode(models.TextChoices):
    """Why the last check failed; worded by ``MailboxError.text`` in the reader's language (the
    worker that meets the error writes in no one's)."""

    PASSWORD_UNREADABLE = "password_unreadable"  # noqa: S105 - a code, not a password
    TIMEOUT = "timeout"
    TLS = "tls"
    REFUSED = "refused"
    NO_HOST = "no_host"
    CONNECTION = "connection"
    LOGIN = "login"
    SERVER = "server"


@dataclass(frozen=True)
class MailboxError:
    code: str
    detail: str = ""  # the server's or the system's own words, as they came

    def text(self) -> str:
        """The error in the active language."""
        words: dict[str, object] = {
            ErrorCode.PASSWORD_UNREADABLE: _(
                "The password can no longer be read (the site's secret key changed): "
                "enter it again."
            ),
            ErrorCode.TIMEOUT: _("The server did not answer in time."),
            ErrorCode.TLS: _("The secure connection failed: %(error)s"),
            ErrorCode.REFUSED: _(
                "The server refused the connection: check the server name and port."
            ),
            ErrorCode.NO_HOST: _("There is no server by that name."),
            ErrorCode.CONNECTION: _("The connection failed: %(error)s"),
            ErrorCode.LOGIN: _("The server refused the user name or password: %(error)s"),
            ErrorCode.SERVER: _("The server answered with an error: %(error)s"),
        }
        text = str(words.get(self.code, words[ErrorCode.SERVER]))
        return text % {"error": self.detail} if "%(error)s" in text else text


@dataclass(frozen=True)
class Folder:
    """One folder a mailbox is read from, and the two fields where its reading's progress is
    kept: a personal mailbox reads its inbox and its Sent folder, each on its own UIDs."""

    name: str
    validity_field: str
    last_uid_field: str


class MailboxQuerySet(OwnedQuerySet["Mailbox"]):
    def active(self) -> MailboxQuerySet:
        return self.filter(is_active=True)

    def personal_of(self, user: User) -> Mailbox | None:
        """``user``'s own mailbox, connected on their profile ("My mail"), if any: one each
        (actions.py), the oldest if an admin set up more before that rule."""
        return self.filter(purpose=Purpose.PERSONAL, owner=user).order_by("id").first()


class Mailbox(OwnedRecord):
    name = models.CharField(_("name"), max_length=120)
    purpose = models.CharField(
        _("what its mail becomes"), max_length=12, choices=Purpose.choices, default=Purpose.LEADS
    )
    address = models.EmailField(
        _("address"),
        help_text=_("The mailbox's own address: mail from it is never taken, so no loop starts."),
    )
    host = models.CharField(_("IMAP server"), max_length=253)
    port = models.PositiveIntegerField(
        _("port"), default=993, validators=[MinValueValidator(1), MaxValueValidator(65535)]
    )
    security = models.CharField(
        _("connection security"), max_length=8, choices=Security.choices, default=Security.SSL
    )
    username = models.CharField(_("user name"), max_length=254)
    folder = models.CharField(_("folder"), max_length=200, default="INBOX")
    sent_folder = models.CharField(
        _("Sent folder"),
        max_length=200,
        blank=True,
        help_text=_(
            "For your own mail: where your mail program keeps what you send (often Sent, "
            "Sent Items or [Gmail]/Sent Mail), so your mail to clients lands on their "
            "timelines too."
        ),
    )
    smtp_host = models.CharField(
        _("SMTP server"),
        max_length=253,
        blank=True,
        help_text=_(
            "For your own mail: mail you write from a client's page goes out through it, from "
            "your address, with the same user name and password. Empty: through the firm's "
            "mail server."
        ),
    )
    smtp_port = models.PositiveIntegerField(
        _("SMTP port"), default=587, validators=[MinValueValidator(1), MaxValueValidator(65535)]
    )
    smtp_security = models.CharField(
        _("SMTP connection security"),
        max_length=8,
        choices=Security.choices,
        default=Security.STARTTLS,
    )
    excluded = models.TextField(
        _("never take mail from or to"),
        blank=True,
        help_text=_(
            "Addresses or domains (such as @our-firm.com), one per line: colleagues, "
            "newsletters, anyone whose mail is not a client conversation."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    take_existing = models.BooleanField(
        _("also take the mail already there"),
        default=False,
        help_text=_("Otherwise the first check starts with the mail that arrives after it."),
    )
    # Sealed (lib/sealed.py); written by actions.set_password only, never shown.
    password_sealed = models.TextField(editable=False, default="")
    # Sync bookkeeping, kept by sync.py.
    uid_validity = models.BigIntegerField(null=True, editable=False)
    last_uid = models.BigIntegerField(default=0, editable=False)
    sent_uid_validity = models.BigIntegerField(null=True, editable=False)
    sent_last_uid = models.BigIntegerField(default=0, editable=False)
    checked_at = models.DateTimeField(_("last checked"), null=True, editable=False)
    succeeded_at = models.DateTimeField(_("last read without error"), null=True, editable=False)
    last_error_code = models.CharField(max_length=20, blank=True, editable=False)
    last_error = models.TextField(_("last error"), blank=True, editable=False)
    taken = models.PositiveIntegerField(_("messages taken"), default=0, editable=False)

    objects = MailboxQuerySet.as_manager()

    AUDIT_EXCLUDE = OwnedRecord.AUDIT_EXCLUDE | {
        "password_sealed",
        "uid_validity",
        "last_uid",
        "sent_uid_validity",
        "sent_last_uid",
        "checked_at",
        "succeeded_at",
        "last_error",
        "last_error_code",
        "taken",
    }

    class Meta:
        verbose_name = _("mailbox")
        verbose_name_plural = _("mailboxes")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def folders(self) -> list[Folder]:
        """The folders read, in order: for one's own mail the Sent folder first, so that an
        answer is read after the mail it answers (which is how it is known, when it comes from
        an address no client has: contacts/mail_in.py)."""
        read = [Folder(self.folder, "uid_validity", "last_uid")]
        if self.purpose == Purpose.PERSONAL and self.sent_folder:
            read.insert(0, Folder(self.sent_folder, "sent_uid_validity", "sent_last_uid"))
        return read

    def excludes(self, mail: ParsedMail) -> str:
        """The excluded address or domain ``mail`` is from or to, or "" when none (the
        mailbox's own address is on all its mail, whatever its domain)."""
        rules = {line.strip().lower() for line in self.excluded.splitlines() if line.strip()}
        for address in {mail.from_address, *mail.to} - {self.address.lower()}:
            domain = "@" + address.rsplit("@", 1)[-1]
            if address in rules or domain in rules:
                return address
        return ""

    @property
    def error(self) -> MailboxError | None:
        """Why the last check failed, None if it went through."""
        return MailboxError(self.last_error_code, self.last_error) if self.last_error_code else None


class Outcome(models.TextChoices):
    CREATED = "created", _("New")
    ADDED = "added", _("Added to")
    UNRELATED = "unrelated", _("Ignored: not from or to a client")
    EXCLUDED = "excluded", _("Ignored: an excluded address")
    AUTOMATIC = "automatic", _("Ignored: an automatic reply or bulk mail")
    BOUNCE = "bounce", _("Ignored: a delivery report")
    LIST = "list", _("Ignored: a mailing list's message")
    OWN = "own", _("Ignored: sent by one of our own mailboxes")
    DUPLICATE = "duplicate", _("Ignored: already taken")
    UNREADABLE = "unreadable", _("Not taken: could not be read")
    TOO_LARGE = "too_large", _("Not taken: too large")


class InboundMail(models.Model):
    mailbox = models.ForeignKey(Mailbox, on_delete=models.CASCADE, related_name="mails")
    folder = models.CharField(max_length=200)
    uid_validity = models.BigIntegerField()
    uid = models.BigIntegerField()
    # The Message-ID, or for a message without one a digest of its bytes (see parse.py).
    message_key = models.CharField(max_length=500)
    received_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True)
    from_address = models.CharField(max_length=254, blank=True)
    from_name = models.CharField(max_length=200, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    detail = models.CharField(max_length=300, blank=True)
    # What the message became or was added to: a lead, a ticket, a contact's activity…
    record_type = models.ForeignKey(ContentType, null=True, on_delete=models.SET_NULL)
    record_id = models.PositiveBigIntegerField(null=True)
    record = GenericForeignKey("record_type", "record_id")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["mailbox", "folder", "uid_validity", "uid"],
                name="mail_one_row_per_folder_uid",
            )
        ]
        indexes = [
            models.Index(fields=["message_key"]),
            models.Index(fields=["mailbox", "-received_at", "-id"]),
            models.Index(fields=["record_type", "record_id"]),
        ]

    def __str__(self) -> str:
        return self.subject or self.message_key


class OutboundMailQuerySet(models.QuerySet["OutboundMail"]):
    def for_record(self, record: models.Model) -> OutboundMailQuerySet:
        """The mail sent to ``record`` (a lead, a contact), newest first."""
        return self.filter(
            record_type=ContentType.objects.get_for_model(record), record_id=record.pk
        ).order_by("-created_at", "-id")


class OutboundMail(models.Model):
    """An email a person sent from Sampark to a lead or client, with what became of it: sent or
    failed, and, when it was tracked, when it was opened and which links were followed."""

    record_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    record_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("record_type", "record_id")
    sent_by = models.ForeignKey("core.User", null=True, on_delete=models.SET_NULL, related_name="+")
    from_address = models.CharField(max_length=254)
    to_address = models.CharField(max_length=254)
    subject = models.CharField(_("subject"), max_length=300)
    text = models.TextField(_("message"))
    message_id = models.CharField(max_length=255, unique=True)
    # Names the mail in its tracking addresses: random, so one cannot be guessed from another.
    token = models.CharField(max_length=32, unique=True)
    tracked = models.BooleanField(_("opens and clicks tracked"), default=True)
    sent_at = models.DateTimeField(null=True)
    error = models.CharField(max_length=300, blank=True)
    opened_at = models.DateTimeField(_("first opened"), null=True)
    opens = models.PositiveIntegerField(default=0)
    clicks = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OutboundMailQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["record_type", "record_id", "-created_at"])]

    def __str__(self) -> str:
        return self.subject


class MailEventKind(models.TextChoices):
    OPEN = "open", _("Opened")
    CLICK = "click", _("Clicked a link")


class MailEvent(models.Model):
    mail = models.ForeignKey(OutboundMail, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=5, choices=MailEventKind.choices)
    url = models.URLField(max_length=2000, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["mail", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.url}".strip()
