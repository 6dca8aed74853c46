"""Helpers for the browser tests: the app served on loopback, Chromium, and guards."""
