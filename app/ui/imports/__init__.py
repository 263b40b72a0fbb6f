"""Excel imports in the window: the shared actions and the «Загрузка из Excel» dialog."""
