"""Excel imports of a year's real data, all or nothing: the register (`register`), staff (`staff`), the course
catalogue and enrolments (`learning`), statuses, social passports and results (`results`) — each a kind of
`kinds.KINDS` with its template (`templates`); rows become registry records by their natural keys (`checking`,
`lookups`, `words`), and `running.import_file` reads, checks and saves a file."""
