"""Targeted recommendations, support actions, best practices."""
