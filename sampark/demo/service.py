"""The demo's service desk: each desk's business hours and a standard SLA, canned responses in
the three languages, the help centre's articles (``knowledge_base``), a website chat widget
whose assistant answers from them, and tickets in every state, in the language their client writes — so the queues, SLA badges, the portal, the help
centre and the chat assistant have something to show on the first run."""

from __future__ import annotations

import datetime

from django.utils import timezone

from sampark.chat.actions import save_widget
from sampark.contacts.models import Contact
from sampark.core.models import Team, User
from sampark.demo import knowledge_base
from sampark.service import actions, canned
from sampark.service.actions_knowledge import (
    add_translation,
    create_article,
    create_category,
    publish_article,
)
from sampark.service.actions_settings import save_hours, save_policy, save_queue
from sampark.service.models import (
    Assignment,
    BusinessHours,
    Priority,
    SlaPolicy,
    Ticket,
    TicketChannel,
    TicketStatus,
)

SUNDAY_TO_THURSDAY = {str(day): [["09:00", "17:00"]] for day in (6, 0, 1, 2, 3)}
MONDAY_TO_FRIDAY = {str(day): [["09:30", "18:00"]] for day in range(5)}

# client (by name), subject, what they wrote, priority, channel, the agent's answer (or ""),
# the status it was left in
TICKETS = [
    (
        "মোহাম্মদ আব্দুল্লাহ",
        "ডেবিট কার্ড বন্ধ হয়ে গেছে",
        "গতকাল থেকে এটিএম-এ কার্ড কাজ করছে না। দয়া করে দেখুন।",
        Priority.HIGH,
        TicketChannel.EMAIL,
        "",
        TicketStatus.NEW,
    ),
    (
        "ফাতেমা খাতুন",
        "মাসিক স্টেটমেন্ট পাইনি",
        "অক্টোবরের স্টেটমেন্ট এখনও ইমেইলে আসেনি।",
        Priority.NORMAL,
        TicketChannel.PORTAL,
        "আমরা স্টেটমেন্টটি আবার পাঠিয়েছি। পেয়েছেন কি না জানাবেন।",
        TicketStatus.PENDING,
    ),
    (
        "তানভীর হাসান",
        "বিও অ্যাকাউন্টের নমিনি পরিবর্তন",
        "আমার বিও অ্যাকাউন্টে নমিনি বদলাতে চাই। কী কী কাগজ লাগবে?",
        Priority.NORMAL,
        TicketChannel.PHONE,
        "জাতীয় পরিচয়পত্রের কপি ও নমিনির ছবি নিয়ে শাখায় আসুন, অথবা পোর্টালে আপলোড করুন।",
        TicketStatus.SOLVED,
    ),
    (
        "राहुल वर्मा",
        "SIP की किस्त दो बार कटी",
        "इस महीने मेरे खाते से SIP की किस्त दो बार कट गई है।",
        Priority.URGENT,
        TicketChannel.EMAIL,
        "",
        TicketStatus.NEW,
    ),
    (
        "अनीता देशपांडे",
        "पासवर्ड रीसेट नहीं हो रहा",
        "ऐप में पासवर्ड रीसेट का ईमेल नहीं आ रहा है।",
        Priority.HIGH,
        TicketChannel.WEB,
        "कृपया स्पैम फ़ोल्डर देखें; हमने लिंक दोबारा भेजा है।",
        TicketStatus.OPEN,
    ),
]

CANNED = [
    (
        "Statement resent",
        "en",
        "Dear {client_name}, we have sent your statement again ({ticket_number}).",
    ),
    (
        "Statement resent",
        "bn",
        "প্রিয় {client_name}, আপনার স্টেটমেন্ট আবার পাঠানো হয়েছে ({ticket_number})। — {agent_name}",
    ),
    (
        "Statement resent",
        "hi",
        "प्रिय {client_name}, आपका स्टेटमेंट दोबारा भेज दिया गया है ({ticket_number})। — {agent_name}",
    ),
]


def load_service_demo(
    contacts: dict[str, Contact], people: dict[str, User], teams: dict[str, Team], *, by: User
) -> dict[str, int]:
    """The desk's settings, replies, articles and tickets; their counts."""
    dhaka = save_hours(
        BusinessHours(),
        by=by,
        values={
            "name": "Dhaka office",
            "time_zone": "Asia/Dhaka",
            "country": "BD",
            "always_open": False,
            "week": SUNDAY_TO_THURSDAY,
            "is_default": True,
        },
    )
    mumbai = save_hours(
        BusinessHours(),
        by=by,
        values={
            "name": "Mumbai office",
            "time_zone": "Asia/Kolkata",
            "country": "IN",
            "always_open": False,
            "week": MONDAY_TO_FRIDAY,
            "is_default": False,
        },
    )
    save_queue(
        teams["Dhaka desk"],
        by=by,
        values={"business_hours": dhaka, "assignment": Assignment.MANUAL},
    )
    save_queue(
        teams["Mumbai desk"],
        by=by,
        values={"business_hours": mumbai, "assignment": Assignment.ROUND_ROBIN},
    )
    minutes = {
        Priority.URGENT: (60, 120, 480),
        Priority.HIGH: (240, 480, 1440),
        Priority.NORMAL: (480, 960, 2880),
    }
    save_policy(
        SlaPolicy(),
        by=by,
        values={"name": "Standard", "position": 0, "is_active": True, "warn_minutes": 30},
        targets=[
            {
                "priority": priority,
                "first_response_minutes": first,
                "next_response_minutes": following,
                "resolution_minutes": solved,
            }
            for priority, (first, following, solved) in minutes.items()
        ],
    )
    for name, language, body in CANNED:
        canned.create_canned(by=people["nusrat"], name=name, language=language, body=body)
    articles = load_knowledge_base(by=by, author=people["rahim"])
    save_widget(
        None,
        by=by,
        values={
            "name": "Website chat",
            "owner": people["rahim"],
            "team": teams["Dhaka desk"],
            "allowed_origins": "https://www.padma-securities.example.com",
            "assistant": True,
        },
    )
    tickets = [_ticket(contacts, people, *row) for row in TICKETS]
    return {"tickets": len(tickets), "articles": len(articles)}


def load_knowledge_base(*, by: User, author: User) -> dict[int, str]:
    """The help centre's categories (added ``by`` a manager or admin) and articles, each topic
    in English, Bengali and Hindi, published by ``author``; each article's topic by its id."""
    categories = {
        key: create_category(by=by, name=names["en"], names=names)
        for key, names in knowledge_base.CATEGORIES.items()
    }
    topic_of: dict[int, str] = {}
    for topic in knowledge_base.TOPICS:
        original = None
        for language, (title, body) in topic.articles.items():
            if original is None:
                article = create_article(
                    by=author,
                    language=language,
                    title=title,
                    body=body,
                    category=categories[topic.category],
                )
                original = article
            else:
                article = add_translation(
                    original, by=author, language=language, title=title, body=body
                )
            publish_article(article, by=author)
            topic_of[article.pk] = topic.key
    return topic_of


def _ticket(
    contacts: dict[str, Contact],
    people: dict[str, User],
    client_name: str,
    subject: str,
    body: str,
    priority: int,
    channel: str,
    answer: str,
    status: str,
) -> Ticket:
    client = contacts[client_name]
    agent = client.owner
    ticket = actions.open_ticket(
        by=agent,
        requester=client,
        subject=subject,
        body=body,
        priority=priority,
        channel=channel,
        assignee=agent if answer else None,
    )
    if answer:
        actions.reply(ticket, by=agent, body=answer, status=status, send_email=False)
    # Opened a few hours ago, so the queues show SLA time running and some late.
    earlier = timezone.now() - datetime.timedelta(hours=3 * (ticket.pk % 4 + 1))
    Ticket.objects.filter(pk=ticket.pk).update(created_at=earlier)
    ticket.refresh_from_db()
    actions.written(ticket)
    return ticket
