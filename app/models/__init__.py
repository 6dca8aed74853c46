"""Pydantic models the API answers with; routers see these, never driver records."""
