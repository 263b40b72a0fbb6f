"""Application behaviour: every operation the UI and the CLI offer lives here."""
