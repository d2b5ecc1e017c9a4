"""One error hierarchy for the whole package.

Every error a user can cause is a ``BanmianError`` with a short searchable code and a
one-line message that names the input and the reason. The CLI prints ``str(err)``; the
HTTP API (later) renders ``to_dict()``; batch jobs record both.
"""

from __future__ import annotations

__all__ = ["BanmianError", "InputError", "DecodeError", "EmptyInputError", "BinaryInputError",
           "NoArticleError", "CorruptInputError", "EncryptedInputError", "MissingExtraError", "UsageError", "GoldError", "StoreError", "ArchiveMissingError",
           "ArchiveVersionError", "QuerySyntaxError", "FilterError", "WebError", "NotFoundError",
           "ParameterError", "MethodNotAllowedError"]


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


class NoArticleError(InputError):
    """A page that reads but holds no article text (an index page, a login page, an empty shell)."""

    code = "E120"


class CorruptInputError(InputError):
    """A PDF or image file that its reader cannot parse (truncated, damaged, not what it claims)."""

    code = "E110"


class EncryptedInputError(InputError):
    """A PDF that needs a password."""

    code = "E111"


class MissingExtraError(BanmianError):
    """An optional reader is needed whose extra is not installed."""

    code = "E200"


class GoldError(BanmianError):
    """A gold or prediction file for ``banmian eval`` cannot be read."""

    code = "E410"


class StoreError(BanmianError):
    """The archive (SQLite store) cannot do what was asked."""

    code = "E300"


class ArchiveMissingError(StoreError):
    """No archive at the path, or the file there is not a banmian archive."""

    code = "E301"


class ArchiveVersionError(StoreError):
    """The archive was written by a newer banmian (its schema is ahead of this version)."""

    code = "E302"


class QuerySyntaxError(StoreError):
    """A search query that cannot be parsed: the message says where and why."""

    code = "E303"


class FilterError(StoreError):
    """A search or fact filter with a bad value (a date that is not a date, an unknown sort...)."""

    code = "E304"


class WebError(BanmianError):
    """An HTTP request to ``banmian serve`` that cannot be answered; ``status`` is its HTTP status."""

    code = "E500"
    status = 500


class NotFoundError(WebError):
    """No article, place, indicator or page at the address asked for."""

    code = "E501"
    status = 404


class ParameterError(WebError):
    """A request parameter of the wrong type or out of range (limit=abc, offset=-1)."""

    code = "E502"
    status = 400


class MethodNotAllowedError(WebError):
    """The address exists but not for this HTTP method (the API only reads: GET and HEAD)."""

    code = "E503"
    status = 405
