"""Sampark: an open-source CRM."""
