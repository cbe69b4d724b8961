"""Host-side training and evaluation for Earmark (models, scenes, detection scores)."""
