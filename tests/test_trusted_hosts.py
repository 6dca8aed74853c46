"""DNS rebinding: the app answers only requests that name a host it knows (Starlette's
trusted-host middleware, `TOC_ALLOWED_HOSTS`), and `toc serve`/`toc up` warn loudly when they
bind beyond loopback, since there are no accounts yet."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from app import cli
from app.database.connection import Connection
from app.main import create_app
from app.settings import Settings, get_settings
from tests.support.browser.harness import serve

FOREIGN = ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "localhost.evil", "[::2]"]


@pytest.mark.parametrize("host", FOREIGN)
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/health"),
        ("GET", "/api/export/backup"),
        ("GET", "/console"),
        ("POST", "/api/console"),
    ],
)
def test_a_foreign_host_header_is_refused(
    bare_client: TestClient, host: str, method: str, path: str
) -> None:
    r = bare_client.request(method, path, headers={"Host": host}, json={"query": "RETURN 1"})
    assert r.status_code == 400, r.text
    assert "Invalid host header" in r.text


@pytest.mark.parametrize("host", ["testserver", "127.0.0.1:8000", "localhost", "[::1]:8000"])
def test_known_hosts_pass(bare_client: TestClient, host: str) -> None:
    r = bare_client.get("/health", headers={"Host": host})
    assert r.status_code == 200, r.text


def test_allowed_hosts_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    default = Settings(_env_file=None)  # type: ignore[call-arg]
    assert default.trusted_hosts() == ["localhost", "127.0.0.1", "::1", "[::1]"]
    monkeypatch.setenv("TOC_ALLOWED_HOSTS", "explorer.lan, 10.0.0.5")
    monkeypatch.setenv("TOC_HOST", "192.168.1.20")
    s = Settings(_env_file=None)  # type: ignore[call-arg]
    assert s.trusted_hosts() == ["explorer.lan", "10.0.0.5", "192.168.1.20"]
    # A wildcard bind address names no host.
    assert "0.0.0.0" not in Settings(_env_file=None, host="0.0.0.0").trusted_hosts()  # type: ignore[call-arg]


@pytest.fixture
def served_default_hosts(connection: Connection) -> Iterator[str]:
    """The app as `toc serve` runs it: real uvicorn, default settings (no test host)."""
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    with serve(create_app(settings, connection)) as url:
        yield url


def test_the_served_app_refuses_what_curl_sent(served_default_hosts: str) -> None:
    # curl -H 'Host: evil.example' http://127.0.0.1:PORT/health
    with httpx.Client(base_url=served_default_hosts, timeout=10) as c:
        assert c.get("/health", headers={"Host": "evil.example"}).status_code == 400
        assert c.get("/health").status_code == 200  # Host: 127.0.0.1:PORT


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "explorer.lan"])
def test_binding_beyond_loopback_warns_loudly(host: str) -> None:
    settings = Settings(_env_file=None, host=host)  # type: ignore[call-arg]
    warning = cli.exposure_warning(settings, host, 8000)
    assert warning is not None
    # By default nobody may do anything there without signing in: say so, and ask for HTTPS.
    assert "Everyone must sign in" in warning and "HTTPS" in warning
    open_to_all = Settings(_env_file=None, host=host, anonymous="viewer")  # type: ignore[call-arg]
    loud = cli.exposure_warning(open_to_all, host, 8000)
    assert loud is not None and "ANYONE WHO CAN REACH THIS PORT CAN BROWSE AND EXPORT" in loud


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_loopback_binds_do_not_warn(host: str) -> None:
    assert cli.exposure_warning(Settings(_env_file=None), host, 8000) is None  # type: ignore[call-arg]


def test_toc_serve_on_all_interfaces_prints_the_warning_to_stderr(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], connection: Connection
) -> None:
    import uvicorn

    served: dict[str, object] = {}

    def fake_run(app: object, **kw: object) -> None:  # the server itself is not under test
        served.update(kw, app=app)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.setenv("TOC_NEO4J_URI", connection.uri)
    monkeypatch.setenv("TOC_NEO4J_PASSWORD", connection.password)
    get_settings.cache_clear()
    try:
        assert cli.main(["serve", "--host", "0.0.0.0", "--port", "8123"]) == 0
    finally:
        get_settings.cache_clear()
    err = capsys.readouterr().err
    assert "WARNING: the explorer listens on every network interface (port 8123)" in err
    assert served["host"] == "0.0.0.0" and served["port"] == 8123
