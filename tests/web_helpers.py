"""A small, fully known database for the web tests, written through the real Store.

Documents and reports go in with ``Store.add`` (no clustering hook); incidents are
written here from ``Incident.to_dict()`` so the tests do not depend on how clustering
groups reports. Every text is written for these tests.
"""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from fogwatch.model import (
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
    StatusChange,
    Weapon,
)
from fogwatch.pipeline import Analysis
from fogwatch.store import Store, schema
from fogwatch.store.incidents import incident_row

XSS_TEXT = (
    "Officials said a drone hit a depot in Sumy on 9 May 2022. "
    "<script>window.__pwned = 1; document.title = 'pwned'; alert(1)</script> "
    "Witnesses posted <img src=x onerror=\"window.__pwned = 2; alert(2)\"> photos. "
    "More at <a href=\"javascript:window.__pwned=3\">this link</a> and javascript:alert(3). "
    "</mark></div><b onmouseover=alert(4)>bold</b>"
)


def _span(text: str, sentence: str) -> Span:
    start = text.index(sentence)
    return Span(start, start + len(sentence))


@dataclass(frozen=True)
class Fixture:
    incidents: int  # all incidents
    with_coords: int  # those on the map
    by_status: dict[str, int]
    izium_id: str
    xss_incident_id: str
    xss_doc_id: str
    izium_doc_ids: tuple[str, ...]


def write_incidents(engine: Engine, incidents: list[Incident]) -> None:
    """Rows for ``incidents``, ``incident_reports`` and ``incident_history``."""
    now = dt.datetime(2022, 6, 1, tzinfo=dt.UTC)
    with engine.begin() as conn:
        conn.execute(sa.insert(schema.incidents), [incident_row(i, now) for i in incidents])
        links = [{"incident_id": i.incident_id, "event_id": e, "reason": "test fixture"}
                 for i in incidents for e in i.reports]
        if links:
            conn.execute(sa.insert(schema.incident_reports), links)
        history = [{"incident_id": i.incident_id, "status": h.status.value, "at": h.at,
                    "reason": h.reason, "doc_id": h.doc_id}
                   for i in incidents for h in i.history]
        if history:
            conn.execute(sa.insert(schema.incident_history), history)


# (place, admin1, lat, lon)
PLACES = [
    ("Izium", "Kharkiv", 49.2103, 37.2562),
    ("Kharkiv", "Kharkiv", 49.9808, 36.2527),
    ("Bakhmut", "Donetsk", 48.5953, 38.0003),
    ("Mykolaiv", "Mykolaiv", 46.9750, 31.9946),
    ("Zaporizhzhia", "Zaporizhzhia", 47.8388, 35.1396),
]
TYPES = [
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "shells hit"),
    ("Explosions/Remote violence", "Air/drone strike", "a drone struck"),
    ("Battles", "Armed clash", "troops clashed near"),
    ("Violence against civilians", "Attack", "gunmen attacked civilians in"),
]
STATUSES = [Status.CLAIMED, Status.CORROBORATED, Status.DISPUTED]


def build(url: str, n_generated: int = 12) -> Fixture:
    """Fill a fresh database at ``url``; returns what the tests should find."""
    store = Store(url).create()
    analyses: list[Analysis] = []
    incidents: list[Incident] = []

    # The Izium incident: two documents, claims by both sides, a denial.
    t1 = ("Artillery shells hit a residential block in Izium on 3 May 2022, regional "
          "officials said. Two people were killed and five were injured, the Kharkiv "
          "governor reported. The Russian defence ministry denied firing at the town. "
          "Subscribe to our newsletter for more.")
    t2 = ("Ukrainian officials said shelling struck apartments in Izium on Tuesday. "
          "A Russian-installed official said the claim was unverified. Три человека ранены.")
    d1 = Document(id="doc-izium-a", text=t1, source="Kyiv Wire", title="Shelling in Izium",
                  published="2022-05-03", language="en",
                  url="https://example.org/izium-a",
                  flags=Flags(boilerplate=(_span(t1, "Subscribe to our newsletter for more."),)))
    ru = _span(t2, "Три человека ранены.")
    d2 = Document(id="doc-izium-b", text=t2, source="Front Report", title="Izium again",
                  published="2022-05-04", language="en", url="javascript:alert(9)",
                  flags=Flags(languages=(LanguageSpan(Span(0, ru.start), "en"),
                                         LanguageSpan(ru, "ru"))))
    s_hit = _span(t1, "Artillery shells hit a residential block in Izium on 3 May 2022, "
                      "regional officials said.")
    s_killed = _span(t1, "Two people were killed and five were injured, the Kharkiv "
                         "governor reported.")
    s_deny = _span(t1, "The Russian defence ministry denied firing at the town.")
    izium = Place(mention="Izium", name="Izium", lat=49.2103, lon=37.2562, admin1="Kharkiv",
                  country="UA", geo_precision=1, span=_span(t1, "Izium"))
    r1 = Report(
        event_id="doc-izium-a:0", doc_id=d1.id, event_type=TYPES[0][0],
        sub_event_type=TYPES[0][1], date=dt.date(2022, 5, 3),
        date_range=(dt.date(2022, 5, 3), dt.date(2022, 5, 3)), location=izium,
        attacker=Actor("Russian Armed Forces", "RU"), weapons=(Weapon("artillery", "artillery"),),
        fatalities=2, injured=5,
        claims=(Claim("Kharkiv governor", "UA", Stance.ASSERTS, s_killed),
                Claim("Russian defence ministry", "RU", Stance.DENIES, s_deny)),
        disputed=True,
        evidence={"location": (_span(t1, "Izium"),), "fatalities": (_span(t1, "Two people"),)},
        summary="Artillery shelling of a residential block in Izium killed 2 and injured 5.",
        sentences=(s_hit, s_killed, s_deny),
    )
    s_b = _span(t2, "Ukrainian officials said shelling struck apartments in Izium on Tuesday.")
    s_unv = _span(t2, "A Russian-installed official said the claim was unverified.")
    r2 = Report(
        event_id="doc-izium-b:0", doc_id=d2.id, event_type=TYPES[0][0],
        sub_event_type=TYPES[0][1], date=dt.date(2022, 5, 3), location=izium,
        claims=(Claim("Ukrainian officials", "UA", Stance.ASSERTS, s_b),
                Claim("Russian-installed official", "RU", Stance.UNVERIFIED, s_unv)),
        evidence={"location": (_span(t2, "Izium"),)},
        summary="Shelling struck apartments in Izium.", sentences=(s_b, s_unv),
    )
    analyses += [Analysis(d1, (r1,)), Analysis(d2, (r2,))]
    incidents.append(Incident(
        incident_id="inc-izium", event_type=TYPES[0][0], sub_event_type=TYPES[0][1],
        date=dt.date(2022, 5, 3), date_range=(dt.date(2022, 5, 3), dt.date(2022, 5, 3)),
        location=izium, attacker=Actor("Russian Armed Forces", "RU"),
        weapons=(Weapon("artillery", "artillery"),),
        fatalities=Estimate(2, 2, 2), injured=Estimate(5, 5, 5), status=Status.DISPUTED,
        claims=r1.claims + r2.claims, reports=(r1.event_id, r2.event_id),
        documents=(d1.id, d2.id), independent_sources=2,
        summary="Artillery shelling of a residential block in Izium killed 2 and injured 5.",
        history=(StatusChange(Status.CLAIMED, "2022-05-03", "first report", d1.id),
                 StatusChange(Status.DISPUTED, "2022-05-03", "denied by RU", d1.id)),
        reasons=("same place and day",),
    ))

    # The hostile document: every piece of markup in it must stay text.
    dx = Document(id="doc-xss", text=XSS_TEXT, source="<b>Evil</b> Source",
                  title="<script>document.title='pwned'</script>Depot", published="2022-05-09",
                  url="javascript:window.__pwned=4")
    sx = _span(XSS_TEXT, "<script>window.__pwned = 1; document.title = 'pwned'; "
                         "alert(1)</script>")
    sumy = Place(mention="Sumy", name="Sumy", lat=50.9077, lon=34.7981, admin1="Sumy",
                 geo_precision=1)
    rx = Report(event_id="doc-xss:0", doc_id=dx.id, event_type=TYPES[1][0],
                sub_event_type=TYPES[1][1], date=dt.date(2022, 5, 9), location=sumy,
                claims=(Claim("<img src=x onerror=alert(5)>", "UA", Stance.ASSERTS, sx),),
                summary="<script>alert(6)</script> drone strike",
                sentences=(_span(XSS_TEXT, "Officials said a drone hit a depot in Sumy on "
                                           "9 May 2022."), sx))
    analyses.append(Analysis(dx, (rx,)))
    incidents.append(Incident(
        incident_id="inc-xss", event_type=TYPES[1][0], sub_event_type=TYPES[1][1],
        date=dt.date(2022, 5, 9), location=sumy, status=Status.CLAIMED, claims=rx.claims,
        reports=(rx.event_id,), documents=(dx.id,), independent_sources=1,
        summary="<script>alert(6)</script> drone strike",
    ))

    # Generated incidents spread over May 2022 (one with no coordinates).
    for k in range(n_generated):
        place, admin1, lat, lon = PLACES[k % len(PLACES)]
        event_type, sub, verb = TYPES[k % len(TYPES)]
        status = STATUSES[k % len(STATUSES)]
        day = dt.date(2022, 5, 10 + k)
        text = (f"Report {k}: {verb} {place} on {day.isoformat()}, officials said. "
                f"{k % 4} people were killed.")
        doc = Document(id=f"doc-gen-{k}", text=text, source=f"Outlet {k % 3}",
                       title=f"Generated {k}", published=day.isoformat())
        sentence = _span(text, f"{verb} {place} on {day.isoformat()}, officials said.")
        located = k != n_generated - 1
        loc = Place(mention=place, name=place, lat=lat + k * 0.01 if located else None,
                    lon=lon if located else None, admin1=admin1,
                    geo_precision=1 if located else None)
        side = "RU" if k % 2 == 0 else "UA"
        rep = Report(event_id=f"doc-gen-{k}:0", doc_id=doc.id, event_type=event_type,
                     sub_event_type=sub, date=day, location=loc,
                     attacker=Actor(f"forces {side}", side), fatalities=k % 4,
                     claims=(Claim("officials", "UA", Stance.ASSERTS, sentence),),
                     summary=f"{sub} in {place}", sentences=(sentence,))
        analyses.append(Analysis(doc, (rep,)))
        incidents.append(Incident(
            incident_id=f"inc-gen-{k:02d}", event_type=event_type, sub_event_type=sub,
            date=day, date_range=(day, day), location=loc, attacker=Actor(f"forces {side}", side),
            fatalities=Estimate(k % 4, k % 4, k % 4), status=status, claims=rep.claims,
            reports=(rep.event_id,), documents=(doc.id,), independent_sources=1,
            summary=f"{sub} in {place}",
        ))

    result = store.add(analyses)
    assert result.stored == len(analyses), result
    write_incidents(store.engine, incidents)
    store.close()
    by_status: dict[str, int] = {}
    for inc in incidents:
        by_status[inc.status.value] = by_status.get(inc.status.value, 0) + 1
    return Fixture(
        incidents=len(incidents),
        with_coords=sum(1 for i in incidents if i.location and i.location.lat is not None),
        by_status=by_status, izium_id="inc-izium", xss_incident_id="inc-xss",
        xss_doc_id="doc-xss", izium_doc_ids=(d1.id, d2.id),
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(app: object) -> Iterator[str]:
    """A real uvicorn server for ``app`` on a free loopback port, in a thread."""
    import uvicorn

    from fogwatch.web.transport import CoalescingHttpToolsProtocol

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="off",  # type: ignore[arg-type]
                                           http=CoalescingHttpToolsProtocol))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
