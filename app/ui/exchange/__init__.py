"""«Обмен данными»: this installation's key, the peers it trusts, the packet log, and the packet dialogs."""
