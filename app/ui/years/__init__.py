"""A new program year in the window: «Начать новый год…» and the review of last year's statuses."""
