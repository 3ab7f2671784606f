"""fogwatch: conflict reporting in, a geocoded, source-attributed incident database out."""

from .errors import FogwatchError, GazetteerError, InputError, ProfileError, StoreError
from .model import (
    Actor,
    Claim,
    Document,
    Estimate,
    Flags,
    Incident,
    LanguageSpan,
    Place,
    Report,
    Span,
    Stance,
    Status,
    Target,
    Weapon,
)

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Claim",
    "Document",
    "Estimate",
    "Flags",
    "FogwatchError",
    "GazetteerError",
    "Incident",
    "InputError",
    "LanguageSpan",
    "Place",
    "ProfileError",
    "Report",
    "Span",
    "Stance",
    "Status",
    "StoreError",
    "Target",
    "Weapon",
]
