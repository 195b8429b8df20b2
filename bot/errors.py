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
