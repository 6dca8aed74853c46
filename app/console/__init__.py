"""The researchers' Cypher console: what may run (the static guard), how parameters are checked,
and the errors a console run can end in. Running a query is the repository's job
(`app.repository.console`); this package never touches the driver."""
