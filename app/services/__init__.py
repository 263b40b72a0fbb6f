"""All behaviour of Kurator. Functions take a session and plain values, return plain values or models,
and raise `app.errors.KuratorError` with a Russian message; no Qt widgets here."""
