"""`workshop study serve`: the study database through a real Datasette, asked with its
own test client (no server, no port)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from study_fixtures import session
from workshop.cli import cli
from workshop.core.kinds.registry import STUDY_TABLES
from workshop.report.study_server import datasette_app

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve")
    a = session(folder / "a.db", "Madrid families", ["Queue at the checkout", HOSTILE],
                ratings={(1, 1): (5, 2), (1, 2): (4, 3)}, dots={(1, 1): 2, (2, 1): 1})
    b = session(folder / "b.db", "Lisbon families", ["queue at the checkout"], start=60,
                ratings={(1, 1): (4, 2)}, dots={(1, 1): 3})
    path = folder / "study.db"
    assert CliRunner().invoke(cli, ["study", "build", str(a), str(b), "-o", str(path)]
                              ).exit_code == 0
    CliRunner().invoke(cli, ["study", "tag", str(path), str(a), "--set", "city=Madrid"])
    return path


async def test_every_table_and_column_has_a_title_and_description(study):
    ds = datasette_app(study)
    response = await ds.client.get("/-/metadata.json")
    tables = response.json()["databases"]["study"]["tables"]
    for name in [*STUDY_TABLES, "sessions", "themes", "moment_themes", "events",
                 "theme_scores", "theme_scores_by_segment"]:
        assert tables[name]["title"] and tables[name]["description"], name
    db = ds.get_database("study")
    for name in [*STUDY_TABLES, "sessions", "themes", "moment_themes", "events"]:
        described = tables[name]["columns"]
        assert set(await db.table_columns(name)) <= set(described), name
        assert all(described.values()), name
    assert "city" in tables["moments"]["facets"] and "stage" in tables["moments"]["facets"]


async def test_foreign_keys_are_labelled_and_facets_count(study):
    ds = datasette_app(study)
    page = await ds.client.get("/study/ratings.json?_labels=on&_shape=objects")
    rows = page.json()["rows"]
    assert {r["moment_id"]["label"] for r in rows} == {"Queue at the checkout",
                                                       "queue at the checkout"}
    assert {r["participant_id"]["label"] for r in rows} == {"P1", "P2"}
    facets = (await ds.client.get("/study/moments.json")).json()["facet_results"]
    # Madrid's two moments; Lisbon's, with no city yet, is not a facet value
    assert {f["value"]: f["count"] for f in facets["city"]["results"]} == {"Madrid": 2}


async def test_canned_queries_answer(study):
    ds = datasette_app(study)
    recurring = (await ds.client.get("/study/recurring_moments.json?_shape=objects")).json()
    assert [(r["theme"], r["groups"], r["gap_people"]) for r in recurring["rows"]] == [
        ("Queue at the checkout", 2, 3)]
    by_segment = (await ds.client.get("/study/gap_table_by_segment.json?_shape=objects")
                  ).json()["rows"]
    assert {(r["segment"], r["gap"]) for r in by_segment} >= {("families", -2.5),
                                                              ("students", -1.0)}
    ideas = await ds.client.get("/study/ideas_by_technique.json")
    assert ideas.status_code == 200


async def test_hostile_text_is_shown_as_text(study):
    ds = datasette_app(study)
    page = await ds.client.get("/study/moments")
    assert page.status_code == 200
    assert HOSTILE not in page.text
    assert "&lt;script&gt;alert(" in page.text
    assert "<img src=x" not in page.text


def test_serving_a_file_that_is_not_a_study_is_one_line(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_bytes(b"not a database")
    result = CliRunner().invoke(cli, ["study", "serve", str(bad)])
    assert result.exit_code != 0
    assert str(result.exception) == (f"{bad} is not a study database made by workshop "
                                     "study build.")


async def test_the_pages_speak_the_language_the_sessions_share_or_the_one_asked(tmp_path):
    madrid = session(tmp_path / "m.db", "Madrid", ["La cola en la caja"], lang="es")
    sevilla = session(tmp_path / "s.db", "Sevilla", ["la cola en la caja"], lang="es",
                      start=60)
    path = tmp_path / "estudio.db"
    CliRunner().invoke(cli, ["study", "build", str(madrid), str(sevilla), "-o", str(path)])

    async def said(lang=None) -> tuple[str, str, str, str]:
        meta = (await datasette_app(path, lang).client.get("/-/metadata.json")).json()
        db = meta["databases"]["estudio"]
        return (meta["title"], db["queries"]["recurring_moments"]["title"],
                db["tables"]["themes"]["columns"]["name"],
                db["tables"]["moments"]["columns"]["session_id"])

    assert await said() == (
        "Estudio de experiencia del cliente", "Momentos recurrentes",
        "El tema, con el nombre de su primer momento o el que le dio el investigador.",
        "El UUID de la sesión: el mismo en cada copia de su archivo.")
    assert (await said("pt_BR"))[:2] == ("Estudo de experiência do cliente",
                                         "Momentos recorrentes")
    london = session(tmp_path / "l.db", "London", ["Queue at the checkout"], start=120)
    CliRunner().invoke(cli, ["study", "build", str(london), "-o", str(path)])
    # sessions in two languages: workshop's own (English here)
    assert (await said())[:2] == ("Customer-experience study", "Recurring moments")
