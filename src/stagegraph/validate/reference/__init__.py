"""The reference engine: pySHACL, run with the whole shapes graph (engine.py)."""
