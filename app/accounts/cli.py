"""``toc user ...`` and ``toc token ...``: accounts from the command line, for whoever runs the
server (the store is theirs anyway); and the first admin that ``toc up`` makes.

Passwords and tokens are printed once, to the terminal, never logged; ``--password-stdin``
reads a chosen one instead (so it stays out of the shell's history and the process list).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path

from app.accounts import api_tokens, audit, passwords, users
from app.accounts.audit import Actor
from app.accounts.config import anonymous_role, first_admin_file, store_url
from app.accounts.roles import ROLES, Role
from app.accounts.store import AccountStore
from app.errors import AppError
from app.settings import Settings

FIRST_ADMIN = "admin"


def _store(settings: Settings) -> AccountStore:
    return AccountStore(store_url(settings))


def _actor() -> Actor:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        user = str(os.getuid())
    return Actor(f"cli:{user}", "local")


def _password(args: argparse.Namespace) -> tuple[str, bool]:
    """The chosen password (from stdin) or a generated one; and whether it was generated."""
    if getattr(args, "password_stdin", False):
        chosen = sys.stdin.readline().rstrip("\r\n")
        passwords.check_policy(chosen, ("stdin",))
        return chosen, False
    return passwords.generate(), True


def _when(t: float | None) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(t, dt.UTC).strftime("%Y-%m-%d %H:%M:%S") if t else "-"


def cmd_user(args: argparse.Namespace, settings: Settings) -> int:
    store = _store(settings)
    try:
        return _user(args, store)
    except AppError as e:
        print(f"error: {e.detail}", file=sys.stderr)
        return 1
    finally:
        store.dispose()


def _user(args: argparse.Namespace, store: AccountStore) -> int:
    if args.step == "add":
        password, generated = _password(args)
        account = users.add(store, args.name, Role(args.role), password, _actor())
        print(f"account {account.name!r} added with the role {account.role}")
        if generated:
            print(f"password (shown once): {password}")
    elif args.step == "list":
        rows = users.list_all(store)
        print(f"{'name':<24} {'role':<11} {'created (UTC)':<20} last sign-in (UTC)")
        for a in rows:
            print(f"{a.name:<24} {a.role:<11} {_when(a.created_at):<20} {_when(a.last_sign_in_at)}")
    elif args.step == "set-role":
        account = users.set_role(store, args.name, Role(args.role), _actor())
        print(f"{account.name!r} is now {account.role}")
    elif args.step == "reset-password":
        password, generated = _password(args)
        users.set_password(store, args.name, password, _actor())
        print(f"password of {args.name!r} reset; its sessions are ended")
        if generated:
            print(f"new password (shown once): {password}")
    elif args.step == "remove":
        users.remove(store, args.name, _actor())
        print(f"account {args.name!r} removed, with its sessions and tokens")
    elif args.step == "audit":
        for e in reversed(audit.read(store, args.limit, args.account)):
            who = f" by {e.actor}" if e.actor and e.actor != e.account else ""
            where = f" from {e.address}" if e.address else ""
            detail = f": {e.detail}" if e.detail else ""
            print(f"{_when(e.at)}  {e.event:<18} {e.account or '-'}{who}{where}{detail}")
    return 0


def cmd_token(args: argparse.Namespace, settings: Settings) -> int:
    store = _store(settings)
    try:
        if args.step == "add":
            role = Role(args.role) if args.role else None
            token, info = api_tokens.create(
                store, args.account, args.name, role, args.days, _actor()
            )
            print(f"token {info.name!r} (id {info.id}, role {info.role}) for {args.account!r}")
            print(f"token (shown once): {token}")
        elif args.step == "list":
            for t in api_tokens.list_for(store, args.account):
                expires, used = _when(t.expires_at), _when(t.last_used_at)
                print(f"{t.id:>5} {t.prefix}… {t.role:<11} {t.name} expires {expires} used {used}")
        elif args.step == "revoke":
            api_tokens.revoke(store, args.account, args.id, _actor())
            print(f"token {args.id} of {args.account!r} revoked")
    except AppError as e:
        print(f"error: {e.detail}", file=sys.stderr)
        return 1
    finally:
        store.dispose()
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:
    user = sub.add_parser("user", help="accounts: add, list, set-role, reset-password, remove")
    steps = user.add_subparsers(dest="step", required=True)
    add = steps.add_parser("add", help="add an account; prints its generated password once")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    steps.add_parser("list", help="every account with its role")
    role = steps.add_parser("set-role", help="change an account's role")
    role.add_argument("name")
    role.add_argument("role", choices=ROLES)
    reset = steps.add_parser("reset-password", help="new password (generated or from stdin)")
    reset.add_argument("name")
    reset.add_argument("--password-stdin", action="store_true")
    remove = steps.add_parser("remove", help="remove an account with its sessions and tokens")
    remove.add_argument("name")
    log = steps.add_parser("audit", help="the audit log, oldest first")
    log.add_argument("--limit", type=int, default=100)
    log.add_argument("--account")
    user.set_defaults(func=cmd_user)

    token = sub.add_parser("token", help="API tokens: add, list, revoke (for an account)")
    tsteps = token.add_subparsers(dest="step", required=True)
    tadd = tsteps.add_parser("add", help="make a token for ACCOUNT; prints it once")
    tadd.add_argument("account")
    tadd.add_argument("name", help="what the token is for")
    tadd.add_argument("--role", choices=ROLES, help="at most the account's (default)")
    tadd.add_argument("--days", type=float, help="expires after this many days (default never)")
    tlist = tsteps.add_parser("list", help="an account's tokens")
    tlist.add_argument("account")
    trevoke = tsteps.add_parser("revoke", help="revoke a token at once")
    trevoke.add_argument("account")
    trevoke.add_argument("id", type=int)
    token.set_defaults(func=cmd_token)


def _write_private(path: Path, text: str) -> None:
    """Written readable by its owner only, from the first byte (no window where it is 0644)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    path.chmod(0o600)


def ensure_first_admin(settings: Settings, say: Callable[[str], None]) -> None:
    """On the first ``toc up``, an admin account whose password is printed once and kept in a
    0600 file beside the local database's credentials; later, only where that file is."""
    store = _store(settings)
    file = first_admin_file(settings)
    try:
        if users.count(store) == 0:
            password = passwords.generate()
            users.add(store, FIRST_ADMIN, Role.ADMIN, password, Actor("toc up", "local"))
            _write_private(file, f"account: {FIRST_ADMIN}\npassword: {password}\n")
            say(f"first admin account {FIRST_ADMIN!r} made; its password (shown this once): "
                f"{password}")  # fmt: skip
            say(f"the password is also in {file} (readable by you only); sign in at /login")
        elif file.is_file():
            say(f"the first admin's password is in {file}")
    finally:
        store.dispose()
    role = anonymous_role(settings)
    say(
        f"accounts in {store.describe()}; visitors who are not signed in "
        + (f"browse as {role}s" if role else "see only the sign-in page")
        + " (TOC_ANONYMOUS)"
    )
