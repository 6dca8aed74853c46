"""The accounts' JSON routes: sign in and out, who am I, one's own API tokens; and for admins,
the accounts and the audit log. Who may call each is in the permission table; the routes
only do the work."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute

from app.accounts import api_tokens, audit, passwords, sessions, users
from app.accounts.api_tokens import TokenInfo
from app.accounts.signin import sign_in
from app.accounts.users import NAME_PATTERN, Account
from app.accounts.web.context import (
    SESSION_COOKIE,
    accounts_of,
    actor_of,
    address_of,
    principal_of,
)
from app.accounts.web.schemas import (
    AccountOut,
    AuditEntry,
    CreatedAccount,
    CreatedToken,
    Me,
    NewAccount,
    NewPassword,
    NewToken,
    PasswordChange,
    RoleChange,
    SignIn,
    Token,
)
from app.models.errors import responses


class SecretsRoute(APIRoute):
    """These routes take passwords: a 422 names the field but never echoes what was sent
    (``app/error_handlers.py`` reads ``echo_input``)."""

    echo_input = False


router = APIRouter(tags=["accounts"], route_class=SecretsRoute)
admin = APIRouter(prefix="/api/admin", tags=["accounts (admin)"], route_class=SecretsRoute)

AccountName = Annotated[str, Path(pattern=NAME_PATTERN)]


def when(t: float | None) -> str | None:
    return dt.datetime.fromtimestamp(t, dt.UTC).isoformat(timespec="seconds") if t else None


def _me(request: Request) -> Me:
    p = principal_of(request)
    return Me(signed_in=p.signed_in, name=p.account, role=p.role, via=p.via)


@router.post(
    "/auth/login",
    response_model=Me,
    responses=responses(401, 403, 422, 429, descriptions={
        401: "Wrong account name or password",
        403: "The x-csrftoken header is missing or does not match the csrftoken cookie",
        429: "Too many failed sign-ins for this account or from this address",
    }),
    summary="Sign in: sets the session cookie",
    description="For people (the sign-in page); scripts use an API token instead. Needs the "
    "`x-csrftoken` header copied from the `csrftoken` cookie, which any page of the app sets.",
)  # fmt: skip
def login(body: SignIn, request: Request, response: Response) -> Me:
    context = accounts_of(request)
    old = request.cookies.get(SESSION_COOKIE)
    if old:
        sessions.end(context.store, old, actor_of(request))
    session_id, account = sign_in(
        context.store, context.limits, body.name, body.password, address_of(request)
    )
    response.set_cookie(
        SESSION_COOKIE,
        session_id,
        max_age=int(context.limits.session_max_s),
        path="/",
        httponly=True,
        samesite="lax",
        secure=context.secure(request),
    )
    return Me(signed_in=True, name=account.name, role=account.role, via="session")


@router.post("/auth/logout", response_model=Me, summary="Sign out: ends the session")
def logout(request: Request, response: Response) -> Me:
    context = accounts_of(request)
    session_id = request.cookies.get(SESSION_COOKIE)
    if session_id:
        sessions.end(context.store, session_id, actor_of(request))
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")
    anonymous = context.anonymous()
    return Me(signed_in=False, name=None, role=anonymous.role, via="anonymous")


@router.get("/auth/me", response_model=Me, summary="Who is asking, and with what role")
def me(request: Request) -> Me:
    return _me(request)


def token_out(info: TokenInfo) -> Token:
    return Token(
        id=info.id,
        name=info.name,
        prefix=info.prefix,
        role=info.role,
        created_at=when(info.created_at) or "",
        expires_at=when(info.expires_at),
        last_used_at=when(info.last_used_at),
    )


@router.get("/auth/tokens", response_model=list[Token], summary="Your API tokens")
def list_tokens(request: Request) -> list[Token]:
    owner = principal_of(request).account or ""
    return [token_out(t) for t in api_tokens.list_for(accounts_of(request).store, owner)]


@router.post(
    "/auth/tokens",
    response_model=CreatedToken,
    status_code=201,
    responses=responses(422),
    summary="Make an API token (shown once)",
    description="Send it as `Authorization: Bearer <token>`. Its role is at most yours.",
)
def create_token(body: NewToken, request: Request) -> CreatedToken:
    owner = principal_of(request).account or ""
    token, info = api_tokens.create(
        accounts_of(request).store,
        owner,
        body.name,
        body.role,
        body.expires_in_days,
        actor_of(request),
    )
    return CreatedToken(token=token, **token_out(info).model_dump())


@router.delete(
    "/auth/tokens/{token_id}",
    status_code=204,
    responses=responses(404),
    summary="Revoke one of your API tokens (at once, on every server)",
)
def revoke_token(token_id: int, request: Request) -> Response:
    owner = principal_of(request).account or ""
    api_tokens.revoke(accounts_of(request).store, owner, token_id, actor_of(request))
    return Response(status_code=204)


# -- admin ---------------------------------------------------------------------------------


def account_out(a: Account) -> AccountOut:
    return AccountOut(
        name=a.name,
        role=a.role,
        created_at=when(a.created_at) or "",
        last_sign_in_at=when(a.last_sign_in_at),
    )


@admin.get("/accounts", response_model=list[AccountOut], summary="Every account")
def list_accounts(request: Request) -> list[AccountOut]:
    return [account_out(a) for a in users.list_all(accounts_of(request).store)]


@admin.post(
    "/accounts",
    response_model=CreatedAccount,
    status_code=201,
    responses=responses(409, 422, descriptions={409: "The name is taken"}),
    summary="Add an account (its password is generated when not given, and shown once)",
)
def add_account(body: NewAccount, request: Request) -> JSONResponse:
    password = body.password or passwords.generate()
    account = users.add(
        accounts_of(request).store, body.name, body.role, password, actor_of(request)
    )
    out = CreatedAccount(
        **account_out(account).model_dump(), password=None if body.password else password
    )
    return JSONResponse(out.model_dump(mode="json"), status_code=201)


@admin.put(
    "/accounts/{name}/role",
    response_model=AccountOut,
    responses=responses(404, 409, 422, descriptions={409: "The last admin cannot be demoted"}),
    summary="Change an account's role (at once, for its sessions and tokens too)",
)
def set_role(name: AccountName, body: RoleChange, request: Request) -> AccountOut:
    store = accounts_of(request).store
    return account_out(users.set_role(store, name, body.role, actor_of(request)))


@admin.post(
    "/accounts/{name}/password",
    response_model=NewPassword,
    responses=responses(404, 422),
    summary="Reset an account's password (ends its sessions)",
)
def reset_password(name: AccountName, body: PasswordChange, request: Request) -> NewPassword:
    password = body.password or passwords.generate()
    users.set_password(accounts_of(request).store, name, password, actor_of(request))
    return NewPassword(password=None if body.password else password)


@admin.delete(
    "/accounts/{name}",
    status_code=204,
    responses=responses(404, 409, descriptions={409: "The last admin cannot be removed"}),
    summary="Remove an account with its sessions and tokens",
)
def remove_account(name: AccountName, request: Request) -> Response:
    users.remove(accounts_of(request).store, name, actor_of(request))
    return Response(status_code=204)


@admin.get("/audit", response_model=list[AuditEntry], summary="The audit log, latest first")
def read_audit(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    account: Annotated[str | None, Query(pattern=NAME_PATTERN)] = None,
) -> list[AuditEntry]:
    entries = audit.read(accounts_of(request).store, limit, account)
    return [
        AuditEntry(
            at=when(e.at) or "",
            event=e.event,
            account=e.account,
            actor=e.actor,
            address=e.address,
            detail=e.detail,
        )
        for e in entries
    ]
