"""The accounts' settings, resolved: where the store is, what anonymous visitors may do."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path

from app.accounts.roles import Role
from app.settings import Settings

LOCAL_INSTANCE = "dev"


def local_dir(settings: Settings) -> Path:
    """The local database's folder, where its credentials are: the accounts live beside them."""
    return settings.local_home / "instances" / LOCAL_INSTANCE


def store_url(settings: Settings) -> str:
    if settings.accounts_url:
        return settings.accounts_url
    return f"sqlite:///{local_dir(settings) / 'accounts.sqlite'}"


def first_admin_file(settings: Settings) -> Path:
    return local_dir(settings) / "first-admin.txt"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def anonymous_role(settings: Settings) -> Role | None:
    """``TOC_ANONYMOUS``, or by default: viewer on a loopback address, nothing elsewhere."""
    chosen = settings.anonymous or ("viewer" if is_loopback(settings.host) else "none")
    return Role.VIEWER if chosen == "viewer" else None


@dataclass(frozen=True)
class Limits:
    session_idle_s: float
    session_max_s: float
    max_failures: int
    window_s: float

    @classmethod
    def of(cls, settings: Settings) -> Limits:
        return cls(
            session_idle_s=settings.session_idle_minutes * 60,
            session_max_s=settings.session_max_hours * 3600,
            max_failures=settings.sign_in_max_failures,
            window_s=settings.sign_in_window_s,
        )
