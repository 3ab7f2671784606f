"""Map boxes: every plan (latitude bands, the date walk, plain lat/lon) gives the same page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from web_helpers import build

from fogwatch.store import make_engine, schema
from fogwatch.store import queries as Q
from fogwatch.web import create_app


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, sa.Engine]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('box') / 'fogwatch.db'}"
    build(url, n_generated=20)
    engine = make_engine(url)
    with TestClient(create_app(engine)) as client:
        yield client, engine
    engine.dispose()


def _points(engine: sa.Engine) -> list[tuple[str, float, float, str]]:
    i = schema.incidents
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(  # type: ignore[misc]
            sa.select(i.c.incident_id, i.c.lat, i.c.lon, i.c.date)
            .where(i.c.lat.is_not(None)))]


def _expected(engine: sa.Engine, box: tuple[float, float, float, float]) -> list[str]:
    minlon, minlat, maxlon, maxlat = box
    inside = [p for p in _points(engine)
              if minlat <= p[1] <= maxlat and minlon <= p[2] <= maxlon]
    return [p[0] for p in sorted(inside, key=lambda p: (p[3], p[0]), reverse=True)]


def test_lat_band_is_int_of_tenths_from_minus_90() -> None:
    assert Q.lat_band(-90.0) == 0
    assert Q.lat_band(49.2103) == 1392
    assert Q.lat_band(-0.05) == 899
    assert Q.lat_band(None) is None


coordinate = st.floats(min_value=-1.5, max_value=1.5, allow_nan=False)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from([(49.2103, 37.2562), (49.9808, 36.2527), (48.5953, 38.0003),
                        (46.9750, 31.9946)]), coordinate, coordinate, coordinate, coordinate)
def test_every_box_plan_finds_exactly_the_points_inside(
        env: tuple[TestClient, sa.Engine], centre: tuple[float, float], a: float, b: float,
        c: float, d: float) -> None:
    client, engine = env
    lat, lon = centre
    box = (round(lon + min(a, b), 4), round(lat + min(c, d), 4),
           round(lon + max(a, b), 4), round(lat + max(c, d), 4))
    expected = _expected(engine, box)
    params = {"bbox": ",".join(str(x) for x in box), "limit": 500}
    body = client.get("/api/incidents", params=params).json()
    assert body["total"] == len(expected)
    assert [i["incident_id"] for i in body["items"]] == expected


def test_big_boxes_walked_by_date_page_like_the_banded_plan(
        env: tuple[TestClient, sa.Engine], monkeypatch: pytest.MonkeyPatch) -> None:
    client, engine = env
    params = {"bbox": "30,44,40,52", "limit": 4}

    def pages() -> list[str]:
        out, cursor = [], None
        while True:
            body = client.get("/api/incidents", params={
                **params, **({"cursor": cursor} if cursor else {})}).json()
            out += [i["incident_id"] for i in body["items"]]
            if not (cursor := body["next_cursor"]):
                return out
    banded = pages()
    monkeypatch.setattr(Q, "BOX_WALK", 0)
    walked = pages()
    monkeypatch.setattr(Q, "MAX_BANDS", 0)
    monkeypatch.setattr(Q, "BOX_WALK", 10**9)
    plain = pages()
    assert banded == walked == plain == _expected(engine, (30, 44, 40, 52))
    assert len(banded) > 8


def test_a_direct_lat_write_moves_the_band(env: tuple[TestClient, sa.Engine]) -> None:
    """Whoever writes lat (here plain SQL, not incident_row), the band follows."""
    client, engine = env
    i = schema.incidents
    with engine.begin() as conn:
        victim = conn.execute(sa.select(i.c.incident_id).where(i.c.lat.is_not(None))
                              .order_by(i.c.incident_id).limit(1)).scalar_one()
        conn.execute(sa.update(i).where(i.c.incident_id == victim).values(lat=10.55, lon=10.55))
        band = conn.execute(sa.select(i.c.lat_band).where(i.c.incident_id == victim)
                            ).scalar_one()
    assert band == Q.lat_band(10.55) == 1005
    body = client.get("/api/incidents", params={"bbox": "10.5,10.5,10.6,10.6"}).json()
    assert [x["incident_id"] for x in body["items"]] == [victim]
