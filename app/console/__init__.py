"""The researchers' Cypher console, the one part of the explorer with rules of its own.

- :mod:`app.console.router`: ``POST /api/console``; :mod:`app.console.saved`: the saved-query
  library (``/api/queries``), both answering with :mod:`app.console.schemas`;
- :mod:`app.console.lexer` and :mod:`app.console.policy`: the static guard (what may run);
- :mod:`app.console.params`: a saved query's parameters, checked and coerced;
- :mod:`app.console.runner`: runs a checked query read-only and bounded (the console's own
  way to Neo4j);
- :mod:`app.console.errors`: how a run can fail (answered by the app's error handlers).
"""
