"""Accounts and roles: who is asking, and what their role lets them do.

Accounts, sessions, API tokens, failed sign-ins and the audit log live in a SQL database
(:mod:`app.accounts.store`, SQLite by default, any SQLAlchemy URL for several app servers),
never in Neo4j: the Cypher console may read anything in the graph, so nothing secret may be
there. Pure parts (roles, the permission table, passwords, the store and its operations) are
here; the web's (the gate that applies the table to every request, CSRF, sign-in routes and
pages, OpenAPI security schemes) are in :mod:`app.accounts.web`, wired by one call,
``install_accounts(app, settings)``.
"""
