"""The overview page: the counts that matter this year."""
