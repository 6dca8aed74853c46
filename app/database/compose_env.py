"""Neo4j's password for the Docker path, generated once into `.env` where compose reads it.

`docker-compose.yml` requires `TOC_NEO4J_PASSWORD` (`${TOC_NEO4J_PASSWORD:?...}`) instead of
falling back to a string everyone can read in the repository. `toc up` writes a random one
into `.env` the first time, unless the environment or `.env` already sets one; it must then
stay: the `neo4j-data` volume keeps the password it was first started with. `.env` is read and
written with python-dotenv, the parser pydantic-settings already uses for the same file.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path

from dotenv import dotenv_values, set_key

PASSWORD_KEY = "TOC_NEO4J_PASSWORD"


def configured_password(env_file: Path, environ: Mapping[str, str] | None = None) -> str | None:
    """The password compose will use: the environment's, else `.env`'s; None when unset or
    empty (compose treats both as missing)."""
    environ = os.environ if environ is None else environ
    if environ.get(PASSWORD_KEY):
        return environ[PASSWORD_KEY]
    if env_file.is_file():
        value = dotenv_values(env_file).get(PASSWORD_KEY)
        if value:
            return value
    return None


def ensure_compose_password(env_file: Path, environ: Mapping[str, str] | None = None) -> bool:
    """Write a random password into `env_file` when none is configured; True if it did."""
    if configured_password(env_file, environ) is not None:
        return False
    env_file.touch(mode=0o600, exist_ok=True)
    # URL-safe characters only: nothing compose would interpolate or a shell would split.
    set_key(env_file, PASSWORD_KEY, secrets.token_urlsafe(24), quote_mode="never")
    env_file.chmod(0o600)
    return True
