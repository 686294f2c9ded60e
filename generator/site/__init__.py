"""Linking: parsed stories and companies -> one checked Site, its figures and its warnings."""
