"""Reports: the district's analytic report and the school profile (`documents`), the facts they state (`facts`) and the
Excel exports (`excel`)."""
