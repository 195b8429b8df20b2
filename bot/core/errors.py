"""The assistant's exception hierarchy; third-party errors are translated at the boundary."""


class JoinUsError(Exception):
    """Base class for every error the assistant raises on purpose."""


class ConfigError(JoinUsError):
    """A setting is missing or has an invalid value."""


class EngineError(JoinUsError):
    """The conversation engine (Rasa) could not produce an answer."""


class EngineUnavailable(EngineError):
    """Rasa could not be reached or did not answer in time."""


class EngineBadResponse(EngineError):
    """Rasa answered with something that is not a list of messages."""


class StorageError(JoinUsError):
    """The database could not be reached or refused an operation."""


class AmbassadorError(JoinUsError):
    """An ambassador or coach request that cannot be done; the message is Dutch, for the user."""


class InviteInvalid(AmbassadorError):
    """An ambassador invite or parent code is unknown, already used or expired."""


class NotFound(AmbassadorError):
    """A task, ambassador or hours entry does not exist (or is not this user's)."""


class LeadError(JoinUsError):
    """A lead, consent or staff request that cannot be done; the message is Dutch, for the user."""


class NotStaff(LeadError):
    """The Telegram user is not registered as staff (or admin) for this action."""


class LeadNotFound(LeadError):
    """No lead with this public id (forged, erased or mistyped)."""


class LeadStateError(LeadError):
    """The lead's status does not allow this step (already claimed, closed, withdrawn ...)."""


class CodeInvalid(LeadError):
    """A parent code or staff invite is unknown, already used or expired."""


class BackupError(JoinUsError):
    """A backup could not be made or restored (wrong passphrase, damaged file, target not empty)."""
