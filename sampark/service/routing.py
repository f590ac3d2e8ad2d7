"""Who gets a new ticket when its queue hands tickets out (``Queue.assignment``).

Among the queue's members who work tickets and are available: those who speak the ticket's
language (a Bengali ticket reaches an agent who answers in Bengali; if none is available it
waits in the queue for someone to take it, rather than reach someone who cannot read it); of
them, those skilled in its category when some are; of them, those under their limit of open
tickets. Then in turn (round robin, after whoever got the last one) or to whoever has the
fewest open tickets (ties: the longest-standing account).
"""

from __future__ import annotations

from django.db.models import Count, Q

from sampark.core.models import User
from sampark.core.roles import Action, Reach, reach
from sampark.service.models import (
    UNSOLVED,
    AgentProfile,
    Assignment,
    Availability,
    Queue,
    Ticket,
)


def profile_of(user: User) -> AgentProfile:
    profile, _made = AgentProfile.objects.get_or_create(user=user)
    return profile


def availability_of(user: User) -> str:
    """The user's availability as set (available until they set one): read only, for pages."""
    found = AgentProfile.objects.filter(user=user).values_list("availability", flat=True).first()
    return found or Availability.AVAILABLE


def works_tickets(user: User) -> bool:
    return reach(user, Action.CHANGE) is not Reach.NONE and user.has_perm("service.change_ticket")


def available_speakers(members: list[User], language: str) -> dict[User, AgentProfile]:
    """Of ``members``, those available who answer clients in ``language``, with their profiles
    (the defaults for someone who never set one up): tickets and live chats alike."""
    profiles = {p.user_id: p for p in AgentProfile.objects.filter(user__in=members)}
    found = {}
    for user in members:
        profile = profiles.get(user.pk) or AgentProfile(user=user)
        if profile.availability == Availability.AVAILABLE and language in profile.speaks():
            found[user] = profile
    return found


def skilled_first(users: list[User], category_id: int | None) -> list[User]:
    """Of ``users``, those skilled in the category when some are; else all of them (a request
    is better answered by someone than by nobody): tickets and live chats alike."""
    if category_id is None:
        return users
    skilled = set(
        AgentProfile.skills.through.objects.filter(
            category_id=category_id, agentprofile__user__in=users
        ).values_list("agentprofile__user_id", flat=True)
    )
    return [u for u in users if u.pk in skilled] or users


def pick_agent(ticket: Ticket) -> User | None:
    """The agent the ticket's queue hands it to, or None (by hand, or nobody fits)."""
    if ticket.team_id is None:
        return None
    queue = Queue.objects.select_for_update().filter(team_id=ticket.team_id).first()
    if queue is None or queue.assignment == Assignment.MANUAL:
        return None
    members = [u for u in queue.team.members.filter(is_active=True) if works_tickets(u)]
    profiles = available_speakers(members, ticket.language)
    speakers = skilled_first(list(profiles), ticket.category_id)
    load = _open_tickets([u.pk for u in speakers])
    free = [
        u
        for u in speakers
        if not profiles[u].max_open_tickets or load[u.pk] < profiles[u].max_open_tickets
    ]
    if not free:
        return None
    if queue.assignment == Assignment.LOAD:
        chosen = min(free, key=lambda u: (load[u.pk], u.pk))
    else:
        in_turn = sorted(free, key=lambda u: u.pk)
        after = queue.last_assigned_id or 0
        chosen = next((u for u in in_turn if u.pk > after), in_turn[0])
    Queue.objects.filter(pk=queue.pk).update(last_assigned=chosen)
    return chosen


def _open_tickets(user_ids: list[int]) -> dict[int, int]:
    counts = dict.fromkeys(user_ids, 0)
    rows = (
        Ticket.objects.filter(assignee_id__in=user_ids, status__in=UNSOLVED)
        .values("assignee_id")
        .annotate(open=Count("id", filter=Q(status__in=UNSOLVED)))
    )
    for row in rows:
        counts[row["assignee_id"]] = row["open"]
    return counts
