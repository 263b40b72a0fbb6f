"""Settings: this installation, training data, backups."""
