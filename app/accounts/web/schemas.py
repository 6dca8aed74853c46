"""Bodies of the sign-in, token and account routes."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from app.accounts.roles import Role
from app.accounts.users import NAME_PATTERN


class SignIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)


class Me(BaseModel):
    signed_in: bool
    name: str | None = Field(description="the account's name; null when nobody is signed in")
    role: Role | None = Field(description="the role in force; null: nothing but signing in")
    via: str = Field(description="session, token or anonymous")


class NewToken(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=100, description="what the token is for")
    role: Role | None = Field(default=None, description="at most yours; yours when omitted")
    expires_in_days: float | None = Field(default=None, gt=0, le=3650)


class Token(BaseModel):
    id: int
    name: str
    prefix: str = Field(description="the token's first characters, to tell tokens apart")
    role: Role
    created_at: str
    expires_at: str | None
    last_used_at: str | None


class CreatedToken(Token):
    token: str = Field(description="the token itself: shown this once, never again")


class NewAccount(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(pattern=NAME_PATTERN)
    role: Role
    password: str | None = Field(
        default=None, min_length=12, max_length=256, description="generated when omitted"
    )


class RoleChange(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: Role


class PasswordChange(BaseModel):
    model_config = ConfigDict(extra="forbid")
    password: str | None = Field(
        default=None, min_length=12, max_length=256, description="generated when omitted"
    )


class AccountOut(BaseModel):
    name: str
    role: Role
    created_at: str
    last_sign_in_at: str | None


class CreatedAccount(AccountOut):
    password: str | None = Field(description="the generated password, shown this once")


class NewPassword(BaseModel):
    password: str | None = Field(description="the generated password, shown this once")


class AuditEntry(BaseModel):
    at: str
    event: str
    account: str | None
    actor: str | None
    address: str | None
    detail: str
