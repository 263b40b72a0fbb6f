"""A new program year: starting it (`start`: last year's statuses proposed for review, recurring roadmap events
planned for the new year, targets kept, the old year closed) and the review of the proposed statuses (`statuses`)."""
