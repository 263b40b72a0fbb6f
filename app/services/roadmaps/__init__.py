"""Roadmaps: the plan and its monitoring (`plans`), deadlines and their Russian vocabulary (`deadlines`, `deadline_words`),
tables read from Word and Excel (`tables`, `header`) and imported (`importing`), editing events and sections
(`editing`, `sections`, `numbering`, `replanning`, `responsible`), approval and corrections kept as versions
(`corrections`, `versions`), proposals to another installation's events (`proposals`), the school template
(`templates`), exports (`export`, Word: `word`), what the page shows (`view`, `edit_form`), who may change a roadmap
(`access`) and evidence files (`evidence`)."""
