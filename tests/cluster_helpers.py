"""Builders for hand-made reports, shared by the clustering and reconciliation tests."""

from __future__ import annotations

import datetime as dt

from fogwatch.model import Actor, Claim, Place, Report, Stance, Weapon

SHELLING = "Shelling/artillery/missile attack"
REMOTE = "Explosions/Remote violence"
D = dt.date(2022, 8, 7)

#: A few real places (lat, lon, oblast) so distances are true to life.
PLACES = {
    "Alchevsk": (48.46906, 38.79744, "Luhansk"),
    "Stakhanov": (48.56440, 38.65630, "Luhansk"),  # Kadiivka, ~15 km from Alchevsk
    "Luhansk": (48.56705, 39.31706, "Luhansk"),
    "Kharkiv": (49.98081, 36.25272, "Kharkiv"),
    "Chuhuiv": (49.83559, 36.68400, "Kharkiv"),
}

WEAPONS = {
    "HIMARS": "MLRS",
    "Grad": "MLRS",
    "Shahed": "loitering munition",
    "Kalibr": "cruise missile",
    "howitzer": "artillery",
}


def place(name: str | None, *, precision: int = 1, admin1: str | None = None) -> Place:
    """A resolved place by name, or an oblast-only place when ``name`` is None."""
    if name is None:
        return Place(mention=admin1 or "", name=admin1, admin1=admin1, geo_precision=3)
    lat, lon, oblast = PLACES[name]
    return Place(mention=name, name=name, lat=lat, lon=lon, admin1=oblast,
                 geo_precision=precision, country="UA")


def claim(claimant: str, side: str, stance: str = "asserts") -> Claim:
    return Claim(claimant=claimant, side=side, stance=Stance(stance))


def rep(event_id: str, doc_id: str | None = None, *, day: dt.date | None = D,
        date_range: tuple[dt.date, dt.date] | None = None, where: Place | None = None,
        weapons: tuple[str, ...] = (), attacker: str | None = None, time: str | None = None,
        fatalities: int | None = None, injured: int | None = None,
        claims: tuple[Claim, ...] = (), disputed: bool = False,
        sub_event_type: str | None = SHELLING, event_type: str = REMOTE) -> Report:
    rng = date_range or ((day, day) if day else None)
    return Report(
        event_id=event_id,
        doc_id=doc_id or event_id.split(":")[0],
        event_type=event_type,
        sub_event_type=sub_event_type,
        date=day if (rng is None or rng[0] == rng[1]) else None,
        date_range=rng,
        location=where if where is not None else place("Alchevsk"),
        attacker=Actor({"UA": "Armed Forces of Ukraine", "RU": "Russian forces"}[attacker],
                       attacker) if attacker else None,
        weapons=tuple(Weapon(w, WEAPONS.get(w)) for w in weapons),
        time=time,
        fatalities=fatalities,
        injured=injured,
        claims=claims,
        disputed=disputed,
    )
