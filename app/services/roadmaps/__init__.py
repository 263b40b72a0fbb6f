"""Roadmaps: the plan and its monitoring (`plans`), deadlines and their Russian vocabulary (`deadlines`, `deadline_words`),
tables read from Word and Excel (`tables`, `header`) and imported (`importing`), exports (`export`), what the page
shows (`view`), who may change a roadmap (`access`) and evidence files (`evidence`)."""
