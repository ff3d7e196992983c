"""The set-at-a-time engine: SHACL shapes planned into SPARQL and run on Oxigraph (engine.py)."""
