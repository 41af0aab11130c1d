"""Base of the API's input schemas."""

from ninja import Schema
from pydantic import field_validator


class In(Schema):
    """Input: text may not carry NUL characters (PostgreSQL refuses them: a 500, not a 422)."""

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value):
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("text may not contain NUL characters")
        return value
