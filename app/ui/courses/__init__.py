"""Courses and enrolments; the course card with enrolment of many teachers at once."""
