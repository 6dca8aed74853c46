"""Query parameters: names the console accepts, and a saved query's parameters checked and
coerced against its `// param:` header."""

from __future__ import annotations

import contextlib
import json
import math
import re
from dataclasses import dataclass
from typing import Any, Final

from app.console.errors import ConsoleError
from app.queries import NamedQuery, QueryParam

# Cypher would accept any back-quoted name; the console keeps to plain identifiers so a
# parameter name can never carry text into the query.
IDENTIFIER: Final = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_NULL: Final = "null"
_TRUE: Final = frozenset({"true", "yes", "1"})


INT_MIN: Final = -(2**63)
INT_MAX: Final = 2**63 - 1
# What a request may send: the integers JSON carries exactly (JavaScript's safe range). Beyond
# it, readers round (JSON Schema validators compare as floats), so a client could not tell
# from the schema whether 9223372036854775999 fits Cypher's 64 bits; within it, every one does.
JSON_INT_MAX: Final = 2**53 - 1

# Numbers and booleans a saved query also takes as text, spelled once for `coerce` and for the
# OpenAPI schema (`params_schema`), so that what is documented is exactly what is accepted.
# ASCII digits and spaces only; at most 15 digits, so that every integer written is in range.
_SPACE: Final = "[ \\t\\n\\r]*"
INT_TEXT: Final = f"^{_SPACE}[+-]?[0-9]{{1,15}}{_SPACE}$"
FLOAT_TEXT: Final = (
    f"^{_SPACE}[+-]?(?:[0-9]{{1,100}}(?:[.][0-9]{{0,100}})?|[.][0-9]{{1,100}})"
    f"(?:[eE][+-]?[0-9]{{1,2}})?{_SPACE}$"
)
BOOL_TEXT: Final = (
    f"^{_SPACE}(?:[Tt][Rr][Uu][Ee]|[Yy][Ee][Ss]|1|[Ff][Aa][Ll][Ss][Ee]|[Nn][Oo]|0){_SPACE}$"
)


def invalid_names(names: list[str]) -> list[str]:
    return [name for name in names if not IDENTIFIER.fullmatch(name)]


def out_of_range_integers(params: dict[str, Any], limit: int = INT_MAX) -> list[str]:
    """Where `params` holds an integer outside ±`limit` (by default what Cypher can hold: it
    has 64 bits; JSON has no limit)."""
    found: list[str] = []

    def walk(value: Any, path: str) -> None:
        if isinstance(value, int) and not isinstance(value, bool):
            if not -limit <= value <= limit:
                found.append(path)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, f"{path}[{i}]")
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{path}.{key}")

    for name, value in params.items():
        walk(value, f"${name}")
    return found


@dataclass(frozen=True)
class ParamProblem:
    name: str
    kind: str  # "unknown", "missing" or "type"
    message: str


class ParamsInvalid(ConsoleError):
    """A saved query was given unknown, missing or ill-typed parameters."""

    status_code = 422
    error = "invalid_request"

    def __init__(self, problems: list[ParamProblem], given: dict[str, Any] | None = None) -> None:
        self.params = problems
        self.given = given or {}
        super().__init__("; ".join(p.message for p in problems))

    def problems(self) -> list[dict[str, Any]]:
        return [
            {
                "type": f"param_{p.kind}",
                "loc": ["body", "params", p.name],
                "msg": p.message,
                "input": self.given.get(p.name),
            }
            for p in self.params
        ]


def _as_string(value: Any) -> Any:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _as_int(value: Any) -> Any:
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif (isinstance(value, float) and value.is_integer()) or (
        isinstance(value, str) and re.fullmatch(INT_TEXT, value)
    ):
        number = int(value)
    return number if number is not None and -JSON_INT_MAX <= number <= JSON_INT_MAX else None


def _as_float(value: Any) -> Any:
    number: float | None = None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str) and re.fullmatch(FLOAT_TEXT, value):
        with contextlib.suppress(ValueError):
            number = float(value)
    return number if number is not None and math.isfinite(number) else None


def _as_bool(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and re.fullmatch(BOOL_TEXT, value):
        return value.strip(" \t\n\r").lower() in _TRUE
    return None


def _as_list(value: Any) -> Any:
    return value if isinstance(value, list) else None


_COERCE: Final = {
    "string": _as_string,
    "int": _as_int,
    "float": _as_float,
    "bool": _as_bool,
    "list": _as_list,
}


def coerce(param: QueryParam, value: Any) -> Any:
    """`value` as the header's type; `ValueError` saying what was expected otherwise.

    Query strings and forms send everything as text, so numbers and booleans are also
    accepted as their usual spellings; a boolean is never taken for a number.
    """
    converted = _COERCE[param.type](value)
    if converted is None:
        raise ValueError(f"expected {_article(param.type)}, got {type(value).__name__} {value!r}")
    return converted


def _article(kind: str) -> str:
    return {"int": "an integer", "list": "a list"}.get(kind, f"a {kind}")


def default_value(param: QueryParam) -> Any:
    """The header's default as a typed value (`null` is None: the parameter is optional).

    A list default is JSON (`["outcome", "output"]`) or comma-separated words.
    """
    raw = param.default
    if raw is None or raw == _NULL:
        return None
    if param.type == "list":
        if raw.startswith("["):
            parsed = json.loads(raw)
            if not isinstance(parsed, list):
                raise ValueError(f"default of {param.name} is not a list: {raw!r}")
            return parsed
        return [part.strip() for part in raw.split(",") if part.strip()]
    return coerce(param, raw)


def is_required(param: QueryParam) -> bool:
    return param.default is None


def bind(named: NamedQuery, given: dict[str, Any]) -> dict[str, Any]:
    """The parameters to run `named` with: `given` checked and coerced, defaults filled in.

    Raises `ParamsInvalid` listing every unknown, missing or ill-typed parameter at once.
    """
    declared = {p.name: p for p in named.params}
    problems = [
        ParamProblem(
            name,
            "unknown",
            f"unknown parameter {name!r}; {named.name} takes "
            + (", ".join(sorted(declared)) or "no parameters"),
        )
        for name in given
        if name not in declared
    ]
    bound: dict[str, Any] = {}
    for name, param in declared.items():
        if name not in given:
            if is_required(param):
                problems.append(
                    ParamProblem(name, "missing", f"missing parameter {name!r} ({param.type})")
                )
            else:
                bound[name] = default_value(param)
            continue
        value = given[name]
        if value is None:
            if param.default == _NULL:
                bound[name] = None
            else:
                problems.append(ParamProblem(name, "type", f"parameter {name!r} may not be null"))
            continue
        try:
            bound[name] = coerce(param, value)
        except ValueError as e:
            problems.append(ParamProblem(name, "type", f"parameter {name!r}: {e}"))
    if problems:
        raise ParamsInvalid(problems, given)
    return bound


# What `coerce` accepts for each header type, as JSON Schema. A list's items are any parameter
# value (`CYPHER_VALUE_REF`, the console's schema of one).
CYPHER_VALUE_REF: Final = {"$ref": "#/components/schemas/CypherValue"}
_TYPE_SCHEMAS: Final[dict[str, dict[str, Any]]] = {
    "string": {"type": ["string", "number"]},
    "int": {
        "anyOf": [
            {"type": "integer", "minimum": -JSON_INT_MAX, "maximum": JSON_INT_MAX},
            {"type": "string", "pattern": INT_TEXT},
        ]
    },
    "float": {"anyOf": [{"type": "number"}, {"type": "string", "pattern": FLOAT_TEXT}]},
    "bool": {"anyOf": [{"type": "boolean"}, {"type": "string", "pattern": BOOL_TEXT}]},
    "list": {"type": "array", "items": CYPHER_VALUE_REF},
}


def params_schema(named: NamedQuery) -> dict[str, Any]:
    """The JSON Schema of `named`'s parameters: exactly what `bind` accepts."""
    properties: dict[str, Any] = {}
    for param in named.params:
        schema = _TYPE_SCHEMAS[param.type]
        if param.default == _NULL:
            schema = {"anyOf": [schema, {"type": "null"}]}
        default = None if is_required(param) else default_value(param)
        properties[param.name] = {
            **schema,
            "description": param.description,
            **({"default": default} if default is not None else {}),
        }
    return {
        "type": "object",
        "properties": properties,
        "required": [p.name for p in named.params if is_required(p)],
        "additionalProperties": False,
    }


def example_value(param: QueryParam) -> Any:
    """A value of the right type: the default, or a stand-in when there is none."""
    value = default_value(param)
    if value is not None:
        return value
    return {"string": "example", "int": 1, "float": 1.0, "bool": True, "list": []}[param.type]
