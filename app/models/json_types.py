"""Numbers in posted JSON bodies, as JSON Schema means them.

Pydantic's lax mode takes ``"5"`` and ``true`` for a number; the OpenAPI document says
``integer`` or ``number``, so a body holding either would be accepted against the schema
(which is how ``"truncated": 0`` once passed for a boolean). Its strict mode goes too far the
other way: it refuses ``5.0`` for an integer, which JSON Schema counts as one. These accept
exactly JSON numbers, and integers written with a zero fraction.

Put :data:`JSON_NUMBER` after a field's bounds (``Annotated[int, Field(ge=1), JSON_NUMBER]``) so
that the bounds still reach the schema as ``minimum``/``exclusiveMinimum``.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator


def _json_number(value: Any) -> Any:
    if isinstance(value, (bool, str)):
        raise ValueError(f"expected a JSON number, got {type(value).__name__}")
    return value


JSON_NUMBER = BeforeValidator(_json_number)
JsonInt = Annotated[int, JSON_NUMBER]
JsonFloat = Annotated[float, JSON_NUMBER]
