"""Deep-link campaigns (posters, schools, events): a code for ``/start <code>`` and its funnel.

The funnel comes from the anonymous weekly ``lead_counts`` (bot/leads/counts.py), where
the code is already counted as the lead's source: a campaign is only a name for a source.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from bot.core.clock import Clock, SystemClock
from bot.core.errors import JoinUsError
from bot.leads.counts import METRICS, clean_source
from bot.storage.db import Database
from bot.storage.models_console import Campaign
from bot.storage.models_leads import LeadCount, aware

KINDS = {"poster": "Poster", "school": "School", "event": "Evenement", "other": "Anders"}
# Deep-link payloads the bot already gives a meaning; a campaign may not start with them.
RESERVED = ("ouder_", "staff_", "ref_", "terug_", "amb_", "ambp_", "console")
RESERVED_EXACT = {"school"}


class CampaignInvalid(JoinUsError):
    """A campaign that cannot be made (bad or taken code); the message is Dutch, for staff."""


@dataclass(frozen=True)
class CampaignView:
    id: int
    code: str
    title: str
    kind: str
    created_at: datetime
    funnel: dict[str, int] = field(default_factory=dict)

    @property
    def kind_title(self) -> str:
        return KINDS.get(self.kind, self.kind)


def slug(title: str) -> str:
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")[:40]


class CampaignService:
    def __init__(self, database: Database, *, clock: Clock | None = None) -> None:
        self._db = database
        self._clock = clock or SystemClock()

    def create(self, title: str, kind: str, *, code: str = "", actor_id: int) -> CampaignView:
        title = " ".join(title.split())[:120]
        if len(title) < 2:
            raise CampaignInvalid("Geef de campagne een naam (minstens 2 tekens).")
        if kind not in KINDS:
            raise CampaignInvalid("Kies een soort campagne.")
        code = (code.strip() or f"{slug(title)}_{secrets.token_hex(2)}").strip("_")
        if clean_source(code) is None or len(code) > 60:
            raise CampaignInvalid(
                "De code mag alleen letters, cijfers, - en _ bevatten (hoogstens 60 tekens)."
            )
        if code.lower().startswith(RESERVED) or code.lower() in RESERVED_EXACT:
            raise CampaignInvalid("Deze code is al in gebruik door de assistent; kies een andere.")
        try:
            with self._db.session() as session:
                row = Campaign(
                    code=code, title=title, kind=kind, created_by=actor_id,
                    created_at=self._clock.now(),
                )
                session.add(row)
                session.flush()
                return CampaignView(row.id, row.code, row.title, row.kind, aware(row.created_at))
        except IntegrityError:
            raise CampaignInvalid("Deze code bestaat al; kies een andere.") from None

    def get(self, campaign_id: int) -> CampaignView:
        with self._db.session() as session:
            row = session.get(Campaign, campaign_id)
            if row is None:
                raise CampaignInvalid("Deze campagne bestaat niet.")
            return CampaignView(
                row.id, row.code, row.title, row.kind, aware(row.created_at),
                self._funnels(session, [row.code]).get(row.code, {}),
            )

    def all(self) -> list[CampaignView]:
        with self._db.session() as session:
            rows = session.scalars(select(Campaign).order_by(Campaign.id.desc())).all()
            funnels = self._funnels(session, [r.code for r in rows])
            return [
                CampaignView(
                    r.id, r.code, r.title, r.kind, aware(r.created_at), funnels.get(r.code, {})
                )
                for r in rows
            ]

    @staticmethod
    def _funnels(session: object, codes: list[str]) -> dict[str, dict[str, int]]:
        from sqlalchemy.orm import Session

        assert isinstance(session, Session)
        if not codes:
            return {}
        rows = session.execute(
            select(LeadCount.source, LeadCount.metric, func.sum(LeadCount.count))
            .where(LeadCount.source.in_(codes))
            .group_by(LeadCount.source, LeadCount.metric)
        ).all()
        out: dict[str, dict[str, int]] = {c: dict.fromkeys(METRICS, 0) for c in codes}
        for source, metric, total in rows:
            out[source][metric] = int(total or 0)
        return out
