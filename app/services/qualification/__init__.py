"""Staff qualification monitoring (seeds/001 1.1.7, seeds/004): what is checked about each staff member (`checks`),
the monitoring of a year per school and for the district (`monitoring`), and its Excel export for next year's course
plan (`export`)."""
