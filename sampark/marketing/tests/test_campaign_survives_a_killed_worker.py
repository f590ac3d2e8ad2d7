"""A worker killed with SIGKILL in the middle of a campaign, twice, and the send resumed
afterwards: every client gets the mail exactly once.

Everything here is real: a Sampark site of its own, its `sampark worker` process (and the
backend's worker it starts) sending from the task queue, a real SMTP server receiving, and
SIGKILL.
"""

from __future__ import annotations

import subprocess
import time
from collections import Counter

from sampark.core.tests.mail_servers import SmtpServer
from sampark.core.tests.servers import kill_worker, start_worker

CLIENTS = 600

CREATE = """
import json
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user
from sampark.marketing import actions_campaigns
from sampark.marketing.tests.factories import make_campaign, make_list, reachable_client
user = make_user(Role.ADMIN, username="marketer")
clients = [reachable_client(owner=user, email=f"client{{i}}@example.com") for i in range({n})]
campaign = make_campaign(user, make_list(user, *(c.pk for c in clients)))
actions_campaigns.launch(campaign, by=user)
print(json.dumps(campaign.pk))
"""

STATE = """
import json
from collections import Counter
from sampark.marketing.models import Campaign, Recipient
print(json.dumps({
    "status": Campaign.objects.get().status,
    "states": Counter(Recipient.objects.values_list("state", flat=True)),
}))
"""

TICK = "from sampark.marketing.tasks import tick\nprint(tick.call())"


def _kill_once_more_arrive(worker: subprocess.Popen[bytes], smtp: SmtpServer, target: int) -> None:
    deadline = time.monotonic() + 180
    while len(smtp.messages) < target and time.monotonic() < deadline:
        time.sleep(0.005)
    kill_worker(worker)


def test_a_killed_worker_neither_sends_twice_nor_skips_anyone(scratch_site, smtp_server):  # type: ignore[no-untyped-def]
    env = {"EMAIL_URL": smtp_server.url, "SAMPARK_CAMPAIGN_LEASE_SECONDS": "2"}
    scratch_site.python(CREATE.format(n=CLIENTS), **env)

    _kill_once_more_arrive(start_worker(scratch_site, **env), smtp_server, CLIENTS // 4)
    first = len(smtp_server.messages)
    time.sleep(2.5)  # the dead run's hold on the campaign runs out
    scratch_site.python(TICK, **env)
    _kill_once_more_arrive(start_worker(scratch_site, **env), smtp_server, first + CLIENTS // 4)
    second = len(smtp_server.messages)

    killed = scratch_site.python(STATE, **env)
    assert killed["status"] == "sending"
    assert 0 < first < second < CLIENTS, "the worker was not caught in the middle"

    time.sleep(2.5)
    scratch_site.python(TICK, **env)
    scratch_site.sampark("worker", "--batch", "-v0", timeout=240, **env)

    received = Counter(address for mail in smtp_server.messages for address in mail.recipients)
    assert len(received) == CLIENTS, "somebody was skipped"
    assert set(received.values()) == {1}, "somebody got the mail twice"
    # Each mail kept its Message-ID: one per client.
    assert len({mail.message["Message-ID"] for mail in smtp_server.messages}) == CLIENTS
    done = scratch_site.python(STATE, **env)
    assert done == {"status": "sent", "states": {"sent": CLIENTS}}
