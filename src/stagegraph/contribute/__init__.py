"""Contributing to the data: new facts (new), merging them safely (add), canonical files (fmt), review (diff)."""
