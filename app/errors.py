"""Domain errors. Each carries a Russian message for the user and a CLI exit code."""


class KuratorError(Exception):
    """A refusal the user can act on: bad input, nothing changed (exit code 2)."""

    exit_code = 2

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class IntegrityRefused(KuratorError):
    """Refused for integrity or security: bad signature, unknown sender, an older packet replayed (exit code 3)."""

    exit_code = 3


class ValidationError(KuratorError):
    """One or more field values are invalid; `errors` maps field name to a Russian message."""

    def __init__(self, errors: dict[str, str]):
        message = "; ".join(errors.values())
        super().__init__(message, field=next(iter(errors), None))
        self.errors = errors


class StorageError(KuratorError):
    """The computer, not the input, stopped the work: the database busy past the wait, the disk full, the file
    read-only (exit code 1). Nothing was changed; the message says what to do."""

    exit_code = 1
