"""What the Cypher console and the saved-query library take and answer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    WithJsonSchema,
    field_validator,
)
from typing_extensions import TypeAliasType

from app.console.params import (
    IDENTIFIER,
    JSON_INT_MAX,
    invalid_names,
    out_of_range_integers,
)
from app.models.graph import GraphPayload
from app.models.json_types import JSON_NUMBER

# Longer than any query a person types; keeps the guard's work and the logs bounded.
MAX_QUERY_CHARS = 20_000


def check_params(params: dict[str, Any]) -> dict[str, Any]:
    bad = invalid_names(list(params))
    if bad:
        raise ValueError(
            "parameter names must be plain identifiers ([A-Za-z_][A-Za-z0-9_]*); refused: "
            + ", ".join(repr(name) for name in bad)
        )
    too_big = out_of_range_integers(params, JSON_INT_MAX)
    if too_big:
        raise ValueError(
            f"integers must be within ±{JSON_INT_MAX} (2^53 - 1, what JSON carries exactly); "
            "out of range: " + ", ".join(too_big)
        )
    return params


# What a parameter value may be, as the schema tells it: any JSON whose integers are within
# ±(2^53 - 1). Validation is `check_params` (its messages name the parameter); the schema says
# the same so that a client, or a fuzzer, can tell a valid request from an invalid one.
_SCALAR = Annotated[
    Any,
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "null"},
                {"type": "boolean"},
                {"type": "string"},
                {"type": "integer", "minimum": -JSON_INT_MAX, "maximum": JSON_INT_MAX},
                {"type": "number", "not": {"type": "integer"}},
            ]
        }
    ),
]
if TYPE_CHECKING:  # mypy cannot follow a recursive alias made at run time
    CypherValue = Any
else:
    CypherValue = TypeAliasType(
        "CypherValue",
        Union[list["CypherValue"], dict[str, "CypherValue"], _SCALAR],  # noqa: UP007
    )
Params = Annotated[
    dict[str, CypherValue],
    AfterValidator(check_params),
    Field(json_schema_extra={"propertyNames": {"pattern": IDENTIFIER.pattern}}),
]


class RunLimits(BaseModel):
    """Limits a request may lower, never raise, below the server's `console_*` settings."""

    # JSON numbers only, as the schema states them (no "5" or true for a number).
    max_rows: Annotated[int, Field(ge=1), JSON_NUMBER] | None = Field(
        default=None,
        description="return at most this many rows (capped by the server's console_max_rows)",
    )
    timeout_s: Annotated[float, Field(gt=0), JSON_NUMBER] | None = Field(
        default=None,
        description="stop the query after this many seconds (capped by console_timeout_s)",
    )


class ConsoleRequest(RunLimits):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"query": "MATCH (n:Result) RETURN n LIMIT 5", "params": {}},
                {
                    "query": "MATCH (p:Pledge)-[:CONTRIBUTES_TO*1..4]->(r:Result {id: $id}) "
                    "RETURN p.code AS pledge, r.name AS result",
                    "params": {"id": "mirps-rf.outcome-3"},
                    "max_rows": 100,
                    "timeout_s": 5,
                },
            ]
        },
    )

    query: str = Field(
        min_length=1,
        max_length=MAX_QUERY_CHARS,
        description="one read-only Cypher statement; values as $parameters",
    )
    params: Params = Field(
        default_factory=dict, description="parameter values (JSON), by plain identifier name"
    )

    @field_validator("query")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the query is empty")
        return value


class Notification(BaseModel):
    """Something Neo4j said about the query: a cartesian product, a deprecated feature, ..."""

    code: str = Field(description="GQL status code, e.g. 03N90 (cartesian product)")
    severity: str
    classification: str
    description: str
    line: int | None = None
    column: int | None = None


class ConsoleResult(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "columns": ["pledge", "result"],
                    "rows": [["GRF 08068", "The skills (including prior learning) ..."]],
                    "graph": None,
                    "truncated": False,
                    "row_cap": 1000,
                    "timeout_s": 10.0,
                    "elapsed_ms": 12.5,
                    "notifications": [],
                }
            ]
        }
    )

    columns: list[str]
    rows: list[list[Any]] = Field(
        description="one list per record, in column order; nodes, relationships and paths "
        "become small maps"
    )
    graph: GraphPayload | None = Field(
        default=None,
        description="the nodes, relationships and paths found in the rows, or null if none",
    )
    truncated: bool = Field(description="more rows (or more data) existed than were returned")
    row_cap: int = Field(description="the most rows this run could return")
    timeout_s: float = Field(description="the time limit this run had")
    elapsed_ms: float
    notifications: list[Notification] = Field(default_factory=list)


class ForbiddenBody(BaseModel):
    error: Literal["forbidden"] = "forbidden"
    detail: str = Field(description="what was refused and where (line:column)")
    refusals: list[dict[str, Any]] = Field(default_factory=list)


class CypherErrorBody(BaseModel):
    error: Literal["cypher_error"] = "cypher_error"
    code: str = Field(description="Neo4j's status code, e.g. Neo.ClientError.Statement.SyntaxError")
    detail: str = Field(description="Neo4j's message")


class TimeoutBody(BaseModel):
    error: Literal["timeout"] = "timeout"
    timeout_s: float
    detail: str


class ResultTooLargeBody(BaseModel):
    error: Literal["result_too_large"] = "result_too_large"
    memory_mb: int = Field(description="the memory a console run may use")
    detail: str


class BusyBody(BaseModel):
    error: Literal["console_busy"] = "console_busy"
    retry_after_s: float = Field(description="how long to wait before trying again")
    detail: str


class SavedQueryParam(BaseModel):
    name: str
    type: Literal["string", "int", "float", "bool", "list"]
    default: JsonValue = Field(default=None, description="used when the run does not give one")
    required: bool = Field(description="true when there is no default")
    doc: str = ""


class SavedQuery(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "q_pledges_by_outcome",
                    "title": "Pledges reaching each outcome",
                    "description": "Which GRF pledges reach each outcome through the chain.",
                    "params": [
                        {
                            "name": "framework",
                            "type": "string",
                            "default": "mirps-rf",
                            "required": False,
                            "doc": "the framework whose outcomes to list",
                        }
                    ],
                    "cypher": "// title: ...\nMATCH ...",
                }
            ]
        }
    )

    name: str
    title: str
    description: str
    params: list[SavedQueryParam]
    cypher: str = Field(description="the query text, header comments included")


class SavedQueryRun(RunLimits):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"params": {"framework": "mirps-rf"}}]},
    )

    params: Params = Field(
        default_factory=dict, description="values for the query's declared parameters"
    )
