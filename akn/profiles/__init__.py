"""Language and drafting-tradition profiles."""
