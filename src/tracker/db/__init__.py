"""Data layer: models, engine set-up and migrations. Knows nothing of Qt."""
