"""One error hierarchy for the whole package.

Every error a user can cause is a ``BanmianError`` with a short searchable code and a
one-line message that names the input and the reason. The CLI prints ``str(err)``; the
HTTP API (later) renders ``to_dict()``; batch jobs record both.
"""

from __future__ import annotations

__all__ = ["BanmianError", "InputError", "DecodeError", "EmptyInputError", "BinaryInputError",
           "CorruptInputError", "EncryptedInputError", "MissingExtraError", "UsageError"]


class BanmianError(Exception):
    """Base of every error banmian raises on purpose."""

    code = "E000"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        if self.source:
            return f"{self.source}: {self.message} [{self.code}]"
        return f"{self.message} [{self.code}]"

    def to_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "error": type(self).__name__, "message": self.message,
                "source": self.source}


class UsageError(BanmianError):
    code = "E001"


class InputError(BanmianError):
    """The input cannot be read as a page."""

    code = "E100"


class EmptyInputError(InputError):
    code = "E101"


class BinaryInputError(InputError):
    code = "E102"


class DecodeError(InputError):
    code = "E103"


class CorruptInputError(InputError):
    """A PDF or image file that its reader cannot parse (truncated, damaged, not what it claims)."""

    code = "E110"


class EncryptedInputError(InputError):
    """A PDF that needs a password."""

    code = "E111"


class MissingExtraError(BanmianError):
    """An optional reader is needed whose extra is not installed."""

    code = "E200"
