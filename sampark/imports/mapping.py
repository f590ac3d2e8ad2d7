"""Which Sampark field each column of an uploaded file most likely means, and which system the
file most likely comes from.

Column names are compared normalised — case, spaces, punctuation and "e-mail" / "email" do not
matter, and "Email 2" falls back to "Email" — against, in this order: the targets' own keys
("display_name", "custom.risk") and labels in every language Sampark speaks (its own exports),
then the alias table below (what peer CRMs and address books call the fields), then custom
fields' bare keys — and before all of them, when the file's origin is recognised, what that
system means differently (PEER_ALIASES). A column nothing matches maps to "" (ignored). The
tables are data: a new alias is a new line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from sampark.imports.targets import CUSTOM_PREFIX, ImportObject, targets

type Aliases = dict[str, tuple[str, ...]]  # target key -> the column names that mean it

# The tables are laid out by hand, several names a line, to be read as tables.
# fmt: off
_ADDRESS: Aliases = {
    "address_line1": (
        "Street", "Street Address", "Address", "Address Line 1", "Street 1", "Address Street",
        "Mailing Street", "Business Street", "Home Street", "Other Street", "Billing Street",
        "Shipping Street",
    ),
    "address_line2": (
        "Address Line 2", "Street Address 2", "Street 2", "Address Extended Address",
        "Business Street 2", "Home Street 2", "Mailing Street 2", "Billing Street 2",
    ),
    "address_city": (
        "City", "Town", "Address City", "Mailing City", "Business City", "Home City",
        "Other City", "Billing City", "Shipping City",
    ),
    "address_region": (
        "State", "Region", "State/Region", "State/Province", "Province", "District",
        "Address Region", "Mailing State", "Mailing State/Province", "Business State",
        "Home State", "Other State", "Billing State", "Billing State/Province", "Shipping State",
    ),
    "address_postal_code": (
        "Postal Code", "Postcode", "Post Code", "Zip", "Zip Code", "ZIP/Postal Code", "PIN Code",
        "Address Postal Code", "Mailing Zip", "Mailing Postal Code", "Mailing Zip/Postal Code",
        "Business Postal Code", "Home Postal Code", "Other Zip", "Other Postal Code",
        "Billing Code", "Billing Zip", "Billing Postal Code", "Billing Zip/Postal Code",
        "Shipping Code",
    ),
}
_OWNER = ("Owner", "Owner Name", "Owner Email", "Assigned To", "Sales Rep", "Record Owner")
_TAGS = ("Tags", "Tag", "Labels", "Categories", "Category", "Group Membership", "Keywords")
_CONTACT_KEYS: Aliases = {
    "contact_external_id": (
        "Contact ID", "Contact Record ID", "Contact External ID", "Customer ID", "Client ID",
        "Who ID", "Associated Contact ID",
    ),
    "contact_email": (
        "Email", "Email Address", "Contact Email", "Customer Email", "Client Email",
        "Associated Contact Email", "Attendee Email",
    ),
    "contact_phone": ("Phone", "Phone Number", "Contact Phone", "Mobile", "Mobile Phone"),
}

ALIASES: dict[str, Aliases] = {
    ImportObject.CONTACTS: {
        "external_id": ("Record ID", "ID", "Contact ID", "Lead ID", "UID", "Customer ID", "Client ID"),
        "display_name": ("Full Name", "Name", "Contact Name", "Display Name", "Lead Name"),
        "given_name": ("First Name", "Given Name", "First", "Forename"),
        "family_name": ("Last Name", "Family Name", "Surname", "Last"),
        "latin_name": ("Latin Name", "Name in Latin", "Romanized Name", "Transliterated Name"),
        "email": (
            "Email", "Email Address", "Email Value", "Secondary Email", "Work Email",
            "Personal Email", "Other Email", "Home Email", "Additional Email Addresses", "Emails",
        ),
        "phone": (
            "Phone", "Phone Number", "Phone Value", "Mobile", "Mobile Phone", "Mobile Phone Number",
            "Cell", "Cell Phone", "Telephone", "Tel", "Work Phone", "Business Phone",
            "Home Phone", "Other Phone", "Primary Phone", "WhatsApp", "WhatsApp Number", "Phones",
        ),
        "company": (
            "Company", "Company Name", "Account Name", "Account", "Organization",
            "Organisation", "Organization Name", "Employer", "Associated Company",
            "Company / Account",
        ),
        "company_domain": (
            "Company Domain Name", "Company Domain", "Company Website", "Website", "Website URL",
            "Web Site", "Web Page",
        ),
        "job_title": (
            "Job Title", "Title", "Organization Title", "Position", "Designation", "Role",
        ),
        "country": (
            "Country/Region", "Mailing Country", "Business Country/Region", "Home Country/Region",
            "Other Country/Region", "Other Country", "Billing Country", "Nationality",
        ),
        "language": ("Language", "Preferred Language", "Locale"),
        "preferred_channel": ("Preferred Channel", "Preferred Contact Method", "Contact Method"),
        "time_zone": ("Time Zone", "Timezone", "IP Timezone"),
        "lifecycle_stage": ("Lifecycle Stage", "Lifecycle", "Customer Stage", "Contact Stage"),
        "source": ("Source", "Lead Source", "Original Source", "Contact Source"),
        "tags": _TAGS,
        "notes": ("Notes", "Note", "Description", "Comments", "Comment"),
        "owner": (*_OWNER, "Contact Owner", "Lead Owner"),
        **_ADDRESS,
    },
    ImportObject.COMPANIES: {
        "external_id": ("Record ID", "ID", "Account ID", "Company ID", "Organization ID"),
        "name": (
            "Name", "Company", "Company Name", "Account Name", "Account", "Organization",
            "Organisation", "Organization Name",
        ),
        "domain": (
            "Domain", "Company Domain Name", "Company Domain", "Website", "Website URL",
            "Web Site", "Company Website",
        ),
        "industry": ("Industry", "Sector"),
        "size": (
            "Number of Employees", "Employees", "Company Size", "Headcount", "Employee Count",
        ),
        "country": (
            "Country/Region", "Billing Country", "Shipping Country", "Mailing Country",
        ),
        "parent": ("Parent Company", "Parent Account", "Parent", "Parent Organization"),
        "tags": _TAGS,
        "owner": (*_OWNER, "Company Owner", "Account Owner"),
        **_ADDRESS,
    },
    # HubSpot's engagements; Salesforce's tasks and events, by label and API name alike
    # (names are compared without spaces: "CallDurationInSeconds" is "Call Duration In Seconds").
    # No owner: an interaction is logged by whoever imports it.
    ImportObject.ACTIVITIES: {
        **_CONTACT_KEYS,
        "kind": (
            "Type", "Activity Type", "Kind", "Channel", "Engagement Type", "Task Type",
            "Task Subtype",
        ),
        "occurred_at": (
            "Date", "Activity Date", "Created Date", "Create Date", "Timestamp", "Date/Time",
            "Start Time", "Start", "Call Start Time", "Meeting Start Time", "Sent At", "Created",
            "Start Date Time",
        ),
        "direction": ("Direction", "Call Direction", "Call Type"),
        "subject": (
            "Subject", "Title", "Activity Subject", "Meeting Title", "Meeting Name",
            "Email Subject",
        ),
        "body": (
            "Body", "Description", "Notes", "Note", "Note Body", "Content", "Comments",
            "Message", "Details", "Call Notes", "Email Body", "Meeting Description",
        ),
        "duration": (
            "Duration", "Call Duration", "Call Duration (HH:MM:SS)", "Length",
            "Call Duration In Seconds",
        ),
        "outcome": (
            "Outcome", "Call Outcome", "Call Result", "Result", "Disposition", "Call Disposition",
        ),
        "message_id": ("Message-ID", "Message ID", "Email Message ID"),
        "location": ("Location", "Venue", "Meeting Location", "Place"),
    },
    ImportObject.TRANSACTIONS: {
        **_CONTACT_KEYS,
        "external_id": (
            "Transaction ID", "Order ID", "Order Number", "Invoice Number", "Invoice ID",
            "Reference", "Record ID", "ID",
        ),
        "occurred_at": (
            "Date", "Transaction Date", "Order Date", "Invoice Date", "Trade Date",
            "Created Date", "Create Date", "Close Date", "Timestamp", "Date/Time", "Created",
        ),
        "kind": ("Type", "Transaction Type", "Kind", "Side"),
        "product": (
            "Product", "Product Name", "Item", "Item Name", "Asset", "Symbol", "Instrument",
            "Plan", "SKU",
        ),
        "quantity": ("Quantity", "Qty", "Units", "Shares", "Lots"),
        "amount": (
            "Amount", "Total", "Total Amount", "Order Total", "Grand Total", "Value",
            "Net Amount", "Amount Paid",
        ),
        "currency": ("Currency", "Currency Code", "CurrencyIsoCode", "Currency ISO Code"),
        "profit": (
            "Profit", "Profit/Loss", "Profit or Loss", "P&L", "PnL", "Gain/Loss",
            "Realized P&L", "Realised P&L", "Margin",
        ),
        "notes": ("Notes", "Note", "Description", "Memo", "Comment", "Comments"),
    },
    # HubSpot's, Salesforce's (labels and API names: "LeadSource", "MobilePhone") and Zoho's
    # lead exports.
    ImportObject.LEADS: {
        "name": ("Full Name", "Name", "Lead Name", "Contact Name", "Display Name"),
        "given_name": ("First Name", "Given Name", "First", "Forename"),
        "family_name": ("Last Name", "Family Name", "Surname", "Last"),
        "email": (
            "Email", "Email Address", "Secondary Email", "Work Email", "Personal Email",
            "Other Email", "Emails",
        ),
        "phone": (
            "Phone", "Phone Number", "Mobile", "Mobile Phone", "Mobile Phone Number", "Cell",
            "Cell Phone", "Telephone", "Tel", "Work Phone", "Business Phone", "Home Phone",
            "Other Phone", "Primary Phone", "WhatsApp", "WhatsApp Number",
        ),
        "company_name": (
            "Company", "Company Name", "Account Name", "Account", "Organization",
            "Organisation", "Organization Name", "Employer", "Associated Company",
            "Company / Account",
        ),
        "job_title": ("Job Title", "Title", "Position", "Designation", "Role"),
        "country": (
            "Country/Region", "Mailing Country", "Billing Country", "Address Country",
            "Nationality",
        ),
        "language": ("Language", "Preferred Language", "Locale"),
        "source": ("Lead Source", "Source", "Original Source", "Original Traffic Source"),
        "status": ("Lead Status", "Status"),
        "budget": ("Budget", "Budget Amount", "Estimated Budget"),
        "budget_currency": (
            "Currency", "Budget Currency", "Currency Code", "CurrencyIsoCode", "Currency ISO Code",
        ),
        "decision_maker": ("Decision Maker", "Is Decision Maker", "Authority"),
        "need": ("Need", "Needs", "Requirement", "Requirements", "Pain Points"),
        "timeline": (
            "Timeline", "Timeframe", "Time Frame", "Purchase Timeline", "Buying Timeframe",
        ),
        "message": ("Message", "Enquiry", "Inquiry", "Request", "Comments", "Comment"),
        "notes": ("Notes", "Note", "Description"),
        "owner": (*_OWNER, "Lead Owner", "Contact Owner"),
    },
}

# Where a peer's header means something else than it usually does: "" ignores the column.
PEER_ALIASES: dict[str, dict[str, str]] = {
    "outlook": {"Title": ""},  # Outlook's Title is "Mr." or "Dr."; its job title is "Job Title"
    # Google keeps the country only in addresses; it is the contact's country too.
    "google": {"Address Country": "country"},
    "sampark": {"id": "", "Sampark ID": ""},  # Sampark's own IDs are not an external system's
}


@dataclass(frozen=True)
class Peer:
    key: str
    name: str  # the product's name, shown as is: "Looks like a HubSpot export"
    headers: tuple[str, ...]  # headers its exports have, as they spell them


# Headers that give a peer's export away. Compared exactly (after trimming): "Record ID" is
# HubSpot's, "Record Id" Zoho's, and "FirstName" Salesforce's API name where the others say
# "First Name". A header two peers share counts for neither.
PEERS = (
    Peer("hubspot", "HubSpot", (
        "Record ID", "Contact owner", "Company owner", "Phone Number", "Mobile Phone Number",
        "Lifecycle Stage", "Lead Status", "State/Region", "Country/Region", "Street Address",
        "Website URL", "Company Domain Name", "Number of Employees", "Create Date",
        "Last Activity Date", "Associated Company", "Marketing contact status", "Original Source",
        "Company name", "Annual Revenue",
    )),
    Peer("salesforce", "Salesforce", (
        "Id", "FirstName", "LastName", "MobilePhone", "AccountId", "AccountName", "OwnerId",
        "MailingStreet", "MailingCity", "MailingState", "MailingPostalCode", "MailingCountry",
        "LeadSource", "BillingStreet", "BillingCity", "BillingState", "BillingPostalCode",
        "BillingCountry", "NumberOfEmployees", "ParentId", "CreatedDate", "Contact ID",
        "Lead ID", "Account ID", "Mailing State/Province", "Mailing Zip/Postal Code",
        "Billing State/Province", "Billing Zip/Postal Code", "Company / Account",
    )),
    Peer("zoho", "Zoho CRM", (
        "Record Id", "Contact Owner", "Lead Owner", "Secondary Email", "Skype ID",
        "Email Opt Out", "Created Time", "Modified Time", "Last Activity Time", "Mailing Zip",
        "Other Zip", "Mailing State", "Tag", "Asst Phone", "Vendor Name", "Billing Code",
        "Shipping Code", "Account Number", "Account Site", "Unsubscribed Mode",
    )),
    Peer("google", "Google Contacts", (
        "E-mail 1 - Value", "E-mail 1 - Label", "E-mail 1 - Type", "Phone 1 - Value",
        "Phone 1 - Label", "Phone 1 - Type", "Address 1 - Street", "Address 1 - Formatted",
        "Address 1 - City", "Organization Name", "Organization Title", "Organization 1 - Name",
        "Organization 1 - Title", "Group Membership", "Labels", "File As",
        "Phonetic First Name", "Given Name Yomi", "Additional Name",
    )),
    Peer("outlook", "Outlook", (
        "E-mail Address", "E-mail 2 Address", "E-mail 3 Address", "E-mail Display Name",
        "E-mail Type", "Business Street", "Business City", "Business State",
        "Business Postal Code", "Business Country/Region", "Business Phone", "Mobile Phone",
        "Home Street", "Web Page", "Assistant's Phone", "Car Phone", "Company Main Phone",
    )),
    Peer("vcard", "vCard", (
        "Full Name", "Organization", "Email 1", "Phone 1", "Street", "Region", "Note",
        "Categories", "UID",
    )),
)
# fmt: on
SAMPARK = Peer("sampark", "Sampark", ())
# Columns of Sampark's exports that are not import targets.
_SAMPARK_EXTRA = ("id", "created_at", "updated_at", "people", _("Sampark ID"))


def suggest(columns: list[str], obj: str) -> dict[str, str]:
    """Each column's most likely target key of ``obj``, or "" to ignore it. A column for a
    target that holds one value is ignored when an earlier column already maps to it."""
    found = targets(obj)
    several = {target.key for target in found if target.multiple}
    index = _index(obj)
    overrides = {
        _normalise(header): key
        for header, key in PEER_ALIASES.get(guess_origin(columns), {}).items()
        if not key or any(target.key == key for target in found)
    }
    taken: set[str] = set()
    suggested: dict[str, str] = {}
    for column in columns:
        key = _lookup(column, overrides, index)
        if key in taken:
            key = ""
        elif key and key not in several:
            taken.add(key)
        suggested[column] = key
    return suggested


def guess_origin(columns: Iterable[str]) -> str:
    """The key of the system the header most likely comes from (see PEERS and SAMPARK), or ""
    when no system clearly stands out."""
    present = {column.strip() for column in columns}
    scores = {key: len(present & headers) for key, headers in _signatures().items()}
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    (best, score), runner_up = ranked[0], ranked[1][1]
    return best if score >= 2 and score > runner_up else ""


def peer_name(key: str) -> str:
    return next((peer.name for peer in (*PEERS, SAMPARK) if peer.key == key), "")


def _lookup(column: str, overrides: dict[str, str], index: dict[str, str]) -> str:
    name = _normalise(column)
    for table in (overrides, index):
        if name in table:
            return table[name]
    # "Email 2", "E-mail 3 Address", "Phone 1 - Value": the number says which one, not what.
    unnumbered = _without_digits(name)
    return overrides.get(unnumbered, index.get(unnumbered, ""))


def _index(obj: str) -> dict[str, str]:
    """Normalised name -> target key; the first way a name is reached wins."""
    found = targets(obj)
    index: dict[str, str] = {}
    for target in found:
        index.setdefault(_normalise(target.key), target.key)
    for language in _languages():
        with translation.override(language):
            for target in found:
                index.setdefault(_normalise(str(target.label)), target.key)
    for key, aliases in ALIASES[obj].items():
        for alias in aliases:
            index.setdefault(_normalise(alias), key)
    for target in found:
        if target.key.startswith(CUSTOM_PREFIX):
            index.setdefault(_normalise(target.key.removeprefix(CUSTOM_PREFIX)), target.key)
    return index


def _signatures() -> dict[str, set[str]]:
    """Each system's telling headers, less those another system shares."""
    headers = {peer.key: set(peer.headers) for peer in PEERS}
    headers[SAMPARK.key] = _sampark_headers()
    signatures = {}
    for key, own in headers.items():
        others = set().union(*(other for k, other in headers.items() if k != key))
        signatures[key] = own - others
    return signatures


def _sampark_headers() -> set[str]:
    """The headers of Sampark's own exports: target keys, and labels in every language, less the
    plain ones any system might use ("Email", "Country")."""
    common = {
        _normalise(alias)
        for aliases in ALIASES.values()
        for names in aliases.values()
        for alias in names
    }
    found = [target for obj in ImportObject.values for target in targets(obj)]
    headers = {target.key for target in found}
    for language in _languages():
        with translation.override(language):
            labels = [str(target.label) for target in found] + [
                str(extra) for extra in _SAMPARK_EXTRA
            ]
        headers.update(label for label in labels if _normalise(label) not in common)
    return headers


def _languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _normalise(name: str) -> str:
    """Letters, marks and digits only, case folded: "E-mail Address" -> "emailaddress".
    Marks stay, or Bengali and Hindi words would lose their vowel signs."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return "".join(char for char in folded if unicodedata.category(char)[0] in "LMN")


def _without_digits(name: str) -> str:
    return "".join(char for char in name if not char.isdigit())
