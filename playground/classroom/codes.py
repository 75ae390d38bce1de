"""Join codes, teacher secrets and member tokens, from ``secrets``; stored only as digests.

A join code is 8 characters of Crockford's base-32 alphabet (no I, L, O, U): 8 · log2(32) = 40
bits, short enough to read off a projector. Teacher secrets and member tokens carry 256 bits.
"""

from __future__ import annotations

import hashlib
import math
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8
CODE_BITS = CODE_LENGTH * math.log2(len(ALPHABET))
SECRET_BYTES = 32
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1", "-": None, " ": None})


def new_join_code() -> str:
    """A random join code, e.g. ``"7K3QX9PM"`` (CODE_BITS = 40 bits of entropy)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def new_secret() -> str:
    """A random URL-safe secret of SECRET_BYTES · 8 = 256 bits (teacher links, member tokens)."""
    return secrets.token_urlsafe(SECRET_BYTES)


def digest(secret: str) -> str:
    """SHA-256 hex digest of a secret: what the store keeps instead of the secret."""
    return hashlib.sha256(secret.encode()).hexdigest()


def normalize_code(text: object) -> str:
    """A typed join code as stored: upper case, dashes and spaces dropped, O read as 0, I/L as 1."""
    code = str(text).upper().translate(_LOOKALIKES) if isinstance(text, str) else ""
    if len(code) != CODE_LENGTH or any(c not in ALPHABET for c in code):
        raise ValueError(
            f"join code must be {CODE_LENGTH} characters from 0-9 and A-Z without U; got {text!r}"
        )
    return code


def format_code(code: str) -> str:
    """The code as shown to people, in two halves: ``"7K3Q-X9PM"``."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"
