"""Staff: teachers, staffing, diagnostics, individual routes; the teacher card."""
