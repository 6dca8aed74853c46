"""The OpenAPI document of the whole API."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_openapi_documents_every_endpoint(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in [
        "/health", "/api/frameworks", "/api/nodes/{node_id}", "/api/search",
        "/api/pathways/{node_id}/upstream", "/api/pathways/between", "/api/gaps",
        "/api/analysis/centrality",
    ]:  # fmt: skip
        assert path in spec["paths"], path


# -- the document tells the truth (issue 11) ------------------------------------------------

import re  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402

from app.console.params import IDENTIFIER  # noqa: E402
from app.exports import FORMATS  # noqa: E402
from app.queries import saved_queries  # noqa: E402

EXPORT_ROUTES = [
    "/api/export/framework/mirps-toc",
    "/api/export/cross",
    "/api/export/gaps/mirps-rf",
    "/api/export/focus/mirps-rf.outcome-3",
    "/api/export/between?source=rcm.line-2&target=mirps.impact",
]
NODE = {"id": "a", "label": "Result", "level": "output", "name": "a"}


def _operation(spec: dict[str, Any], method: str, path: str) -> dict[str, Any]:
    operation: dict[str, Any] = spec["paths"][path][method]
    return operation


def _documented(spec: dict[str, Any], method: str, template: str, status: int) -> set[str]:
    answers = _operation(spec, method, template)["responses"]
    assert str(status) in answers, (method, template, status, sorted(answers))
    return set(answers[str(status)].get("content", {}))


def _template(spec: dict[str, Any], path: str) -> str:
    bare = path.split("?")[0]
    for template in spec["paths"]:
        if re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", template), bare):
            return template
    raise AssertionError(f"no documented path matches {path}")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_export_answers_a_documented_media_type(client: TestClient, fmt: str) -> None:
    spec = client.get("/openapi.json").json()
    for path in EXPORT_ROUTES:
        sep = "&" if "?" in path else "?"
        r = client.get(f"{path}{sep}format={fmt}")
        assert r.status_code == 200, (path, r.text[:200])
        media_type = r.headers["content-type"].split(";")[0]
        assert media_type == FORMATS[fmt].media_type.split(";")[0]
        assert media_type in _documented(spec, "get", _template(spec, path), 200), (path, fmt)
    r = client.post(f"/api/export?format={fmt}", json={"nodes": [NODE], "edges": []})
    assert r.headers["content-type"].split(";")[0] in _documented(spec, "post", "/api/export", 200)


@pytest.mark.parametrize(
    "path",
    [
        "/api/analysis/centrality?framework=nope",
        "/api/analysis/structure?framework=nope",
        "/api/pathways/between?source=nope&target=mirps.impact",
        "/api/export/between?source=nope&target=mirps.impact",
        "/api/export/cross?framework=nope",
        "/views/data/cross?framework=nope",
        "/views/data/toc/nope",
        "/api/nodes/nope",
        "/api/frameworks/nope/graph",
        "/api/queries/q_nope",
    ],
)
def test_unknown_ids_answer_a_documented_404(client: TestClient, path: str) -> None:
    spec = client.get("/openapi.json").json()
    r = client.get(path)
    assert r.status_code == 404, r.text
    assert r.json()["error"] == "not_found" and "nope" in r.json()["detail"]
    assert "application/json" in _documented(spec, "get", _template(spec, path), 404)


def test_every_error_is_documented_as_the_one_error_body(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    assert "HTTPValidationError" not in schemas and "ValidationError" not in schemas
    # ErrorBody, or the console's own bodies of the same shape (error, detail, extra fields).
    bodies = {f"#/components/schemas/{n}" for n in
              ("ErrorBody", "TimeoutBody", "ForbiddenBody", "CypherErrorBody", "ResultTooLargeBody",
               "BusyBody")}  # fmt: skip
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            answers = operation["responses"]
            for status, answer in answers.items():
                if int(status) < 400:
                    continue
                schema = answer["content"]["application/json"]["schema"]
                refs = [schema.get("$ref")] + [s.get("$ref") for s in schema.get("anyOf", [])]
                assert set(refs) - {None} <= bodies and refs != [None], (path, status, schema)
            if "requestBody" in operation:  # the body bound and an unreadable body
                assert {"400", "413", "422"} <= set(answers), (method, path, sorted(answers))
            if path.startswith(("/api/", "/views/")) and path not in (
                "/api/export/formats", "/api/queries", "/api/queries/{name}",
            ):  # fmt: skip
                assert "503" in answers, (method, path)  # Neo4j down


def test_a_body_that_is_not_utf8_json_is_a_documented_400(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ["/views/data/vis", "/api/export", "/api/console"]:
        r = client.post(path, content=b"\xff", headers={"content-type": "application/json"})
        assert r.status_code == 400, (path, r.text)
        assert r.json()["error"] == "bad_request" and "body" in r.json()["detail"]
        assert "400" in _operation(spec, "post", path)["responses"]


@pytest.mark.parametrize("path", ["/views/data/vis", "/api/export?format=json"])
def test_a_posted_payload_is_as_strict_as_its_schema(client: TestClient, path: str) -> None:
    for truncated in [0, 1, "true", "false", None]:
        payload = {"nodes": [NODE], "edges": [], "meta": {"truncated": truncated}}
        r = client.post(path, json=payload)
        assert r.status_code == 422, (truncated, r.text)
        assert r.json()["detail"][0]["loc"] == ["body", "meta", "truncated"]
    r = client.post(path, json={"nodes": [NODE], "edges": [], "meta": {"truncated": True}})
    assert r.status_code == 200, r.text


def test_the_console_schema_states_the_parameter_name_rule(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    params = spec["components"]["schemas"]["ConsoleRequest"]["properties"]["params"]
    assert params["propertyNames"]["pattern"] == IDENTIFIER.pattern
    query = "RETURN $ok AS ok"
    r = client.post("/api/console", json={"query": query, "params": {"ok": 1}})
    assert r.status_code == 200, r.text
    for bad in ["x-schemathesis-additional", "a b", "1a", "ok\n", ""]:
        r = client.post("/api/console", json={"query": query, "params": {bad: 1}})
        assert r.status_code == 422, (bad, r.text)
        assert r.json()["detail"][0]["loc"] == ["body", "params"], r.text


NOT_NUMBERS = [("max_rows", "5"), ("max_rows", True), ("timeout_s", "2"), ("timeout_s", False)]


@pytest.mark.parametrize(("field", "value"), NOT_NUMBERS)
def test_console_limits_are_json_numbers(client: TestClient, field: str, value: Any) -> None:
    r = client.post("/api/console", json={"query": "RETURN 1 AS n", field: value})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", field], r.text
    r = client.post("/api/console", json={"query": "RETURN 1 AS n", "max_rows": 5.0})
    assert r.status_code == 200, r.text  # JSON Schema counts 5.0 as an integer


def test_each_saved_query_documents_exactly_its_parameters(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    for named in saved_queries():
        operation = _operation(spec, "post", f"/api/queries/{named.name}/run")
        ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        params = schemas[ref.rsplit("/", 1)[1]]["properties"]["params"]
        assert set(params["properties"]) == {p.name for p in named.params}, named.name
        assert params["additionalProperties"] is False
        required = {p.name for p in named.params if p.default is None}
        assert set(params["required"]) == required, named.name
        assert operation["requestBody"].get("required", False) == bool(required)
    # A name the document does not list is still answered, with 404.
    r = client.post("/api/queries/q_nope/run", json={})
    assert r.status_code == 404 and r.json()["error"] == "not_found"
    # What the document calls invalid is refused, naming the parameter.
    r = client.post("/api/queries/q_actor_roles/run", json={"params": {"unknown": 1}})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "params", "unknown"]
