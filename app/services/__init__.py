"""All behaviour of Kurator: plain functions over sessions, values, bytes and paths (no Qt widgets)."""
