"""Extraction of incident reports from cleaned documents."""
