"""The bot process's shared clients, created once and opened/closed with the front end."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
from concurrent.futures import ThreadPoolExecutor

from bot.ambassadors.programme import AmbassadorProgramme
from bot.answers.facts import Facts
from bot.core.buttons import ButtonSigner
from bot.core.crypto import Cipher
from bot.core.keys import key_material, load_or_create_secret
from bot.core.pseudonym import Pseudonymiser
from bot.core.scheduling import Scheduler
from bot.core.settings import Settings
from bot.leads.directives import DeepLinks, lead_directives
from bot.leads.service import LeadService
from bot.pipeline.capture import Capture
from bot.pipeline.conversation import Conversation
from bot.pipeline.engine import RasaClient
from bot.pipeline.outbox import BlockedHook
from bot.pipeline.tracker import TrackerStore
from bot.privacy.directives import PrivacyContext, privacy_directives
from bot.privacy.drafts import DRAFT_HOURS, DraftService
from bot.privacy.retention import RetentionJob
from bot.privacy.rights import PrivacyService
from bot.safety import SafetyNet, SafetyResult, wait_for_layer2
from bot.safety.journal import DatabaseJournal
from bot.school.directives import referral_directives
from bot.school.requests import SchoolRequestService
from bot.staff.crisis_alerts import CrisisAlerts
from bot.staff.insights import InsightsService
from bot.staff.members import StaffDirectory
from bot.storage.db import Database, migrate

log = logging.getLogger(__name__)
# How long start-up waits for the safety model before the first message is answered.
SAFETY_MODEL_WAIT_SECONDS = 60.0

# Pauses between attempts to queue a crisis alert while the database is locked or down.
ALERT_RETRY_PAUSES = (1.0, 2.0, 4.0)


class Runtime:
    """Database, cipher, engine client and conversation pipeline for one bot process.

    Feature modules register their hooks here (outbox blocked hooks, directives, jobs).
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        secret = load_or_create_secret(
            settings.secrets_dir / "pseudonym.key", settings.pseudonym_secret
        )
        material = key_material(secret, settings.secrets_dir)
        self.pseudonymiser = Pseudonymiser(material)
        # Buttons are signed with a key of their own, derived from the pseudonym key.
        self.button_signer = ButtonSigner(
            hmac.new(material, b"joinus button callbacks v1", hashlib.sha256).digest()
        )
        self.cipher = Cipher.from_settings(settings)
        self.blocked_hooks: dict[str, BlockedHook] = {}
        # Several engines share conversations safely through Redis's lock store; without it
        # each person keeps to one engine (see RasaClient).
        self.engine = RasaClient(
            settings.rasa_urls, settings.rasa_timeout, by_person=not settings.redis_url
        )
        self.database = Database(settings.database_url)
        # Facts: content/facts.yml as defaults, values staff set in the console on top.
        self.facts = Facts(settings.facts_file, self.database)
        # Leads: services shared with the staff handlers; directives carry out what the lead
        # actions ask of this process (chat link, deep links, erasing a conversation).
        self.leads = LeadService(self.database, self.cipher, settings)
        self.staff = StaffDirectory(
            self.database, settings.admin_ids, invite_hours=settings.staff_invite_hours
        )
        self.tracker = TrackerStore(settings.tracker_store_url)
        self.privacy = PrivacyService(self.database, self.cipher, settings, self.leads)
        self.links = DeepLinks()
        self.directives = lead_directives(self.leads, self.tracker, self.links)
        # School requests (issue 5): the lead status listener tells a referring school (only with
        # the student's consent) about "signed up"; the directive keeps the school's chat.
        self.referrals = SchoolRequestService(self.database, self.cipher, settings)
        self.leads.status_listeners.append(self.referrals.on_lead_status)
        self.directives.update(referral_directives(self.referrals))
        self.insights = InsightsService(self.database)
        self.crisis_alerts = CrisisAlerts(self.database, self.cipher, settings)
        self.ambassadors = AmbassadorProgramme(
            self.database, self.cipher, self.pseudonymiser, settings
        )
        # Personal answers, previews and /mijngegevens stay in this process (issue 11); its
        # erase_conversation also drops the person's draft, replacing the lead directive's.
        self.drafts = DraftService(self.database, self.cipher)
        self.capture = Capture(self.drafts)
        self.privacy_context = PrivacyContext(
            self.database,
            self.cipher,
            self.drafts,
            self.leads,
            self.privacy,
            self.referrals,
            self.ambassadors,
            self.tracker,
            self.links,
            settings.lead_retention_days,
            DRAFT_HOURS,
        )
        self.directives.update(privacy_directives(self.privacy_context))
        self._alert_thread = ThreadPoolExecutor(1, thread_name_prefix="crisis-alerts")
        # The safety net's memory (distress, the question it asked, the last message) survives a
        # restart: written behind the net, read back in start().
        self.safety_journal = DatabaseJournal(self.database)
        self.safety_net = SafetyNet(journal=self.safety_journal)
        self.conversation = Conversation(
            self.engine,
            self.pseudonymiser,
            self.facts,
            directives=self.directives,
            on_crisis=self._on_crisis,
            safety_net=self.safety_net,
            capture=self.capture,
        )
        # Periodic jobs; started only by the Telegram front end (start_jobs), not the terminal chat.
        self.scheduler = Scheduler(settings.timezone)
        self.blocked_hooks.update(self.ambassadors.blocked_hooks())
        self.scheduler.every(
            "ambassador-reminders",
            settings.ambassadors.scan_seconds,
            lambda: asyncio.to_thread(self.ambassadors.materialise_due),
        )

        retention = RetentionJob(
            self.database, settings, self.leads, self.tracker, drafts=self.drafts
        )
        self.scheduler.every(
            "lead-reannounce", 15 * 60, lambda: asyncio.to_thread(self.leads.reannounce_due)
        )
        # Keeps the crisis lines' cached overrides fresh (the crisis path never reads the DB).
        self.scheduler.every("facts-refresh", 30, lambda: asyncio.to_thread(self.facts.refresh))
        self.scheduler.every("retention", 60 * 60, lambda: asyncio.to_thread(retention.run_once))
        self.scheduler.every(
            "safety-memory-retention", 10 * 60, lambda: asyncio.to_thread(self.safety_journal.purge)
        )
        self.scheduler.every(
            "school-retention", 60 * 60, lambda: asyncio.to_thread(self.referrals.purge_due)
        )

    async def _on_crisis(self, result: SafetyResult, pseudonym: str) -> None:
        """Queue the staff alert; a locked or unreachable database delays only this task.

        Its own thread, so a hung write cannot take the threads that replies need; retried a
        few times, then given up with a log line (the young person was answered long ago).
        """
        loop = asyncio.get_running_loop()
        for attempt, pause in enumerate(ALERT_RETRY_PAUSES, start=1):
            try:
                await loop.run_in_executor(
                    self._alert_thread, self.crisis_alerts.notify, result, pseudonym
                )
                return
            except Exception as exc:
                log.warning("crisis alert not queued (attempt %d): %s", attempt, type(exc).__name__)
                await asyncio.sleep(pause)
        log.error("crisis alert dropped after %d attempts", len(ALERT_RETRY_PAUSES))

    async def start(self) -> None:
        await asyncio.to_thread(migrate, self.settings.database_url)
        log.info("database ready (%s)", self.database.engine.dialect.name)
        try:
            remembered = self.safety_net.restore(await asyncio.to_thread(self.safety_journal.load))
            log.info("safety net memory restored (%d people)", remembered)
        except Exception as exc:  # the net works without its memory; never block the start
            log.warning("safety net memory not restored: %s", type(exc).__name__)
        # The safety net's layer 2 has been loading since the conversation was built; the first
        # messages after a (re)start must be judged by both layers, not by the rules alone, so
        # start answering once it is ready (seconds from its cache; a refit after new data
        # takes longer: past the limit layer 1 answers alone until layer 2 is there).
        if await asyncio.to_thread(wait_for_layer2, SAFETY_MODEL_WAIT_SECONDS):
            log.info("safety net ready (both layers)")
        else:
            log.warning("safety layer 2 not ready yet: layer 1 answers alone until it is")

    def start_jobs(self) -> None:
        """Start the periodic jobs (needs the running event loop: call from post_init)."""
        self.scheduler.start()

    async def stop(self) -> None:
        self.scheduler.stop()
        await self.conversation.drain(within=5)
        await asyncio.to_thread(self.safety_journal.flush, 3.0)
        self._alert_thread.shutdown(wait=False, cancel_futures=True)
        await self.engine.aclose()
        self.database.dispose()
        self.tracker.dispose()
