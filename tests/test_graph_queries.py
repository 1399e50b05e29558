"""The canned questions over real acts: GDPR, the Kazakh laws of the corpus and the Kazakhstan bill examples.

"Which articles, in every act we hold, in any language, regulate biometric data, require
(informed) consent, or ban face recognition in public places?"
"""
from __future__ import annotations

import pytest
from conftest import REPO, need

from akn.store import Store

pytestmark = [pytest.mark.slow, pytest.mark.corpus]

CORPUS_TEXT = ["eu_gdpr_2016_679_oj_en.txt", "kz_digital_assets_law_2023_193-VII_ru.txt",
               "kz_digital_assets_law_2023_193-VII_kk.txt", "kz_aquaculture_law_2025_ru.md",
               "kz_aquaculture_law_2025_kk.md"]
CORPUS_XML = ["us_act_2011-11-29_public_law_112-61.akn.xml", "it_decreto-legge_2025-03-28_36_cittadinanza.akn.xml",
              "gb_ukpga_2014_27_data_retention_investigatory_powers_act.akn.xml",
              "gb-sct_ssi_2017_126_commencement_order.akn.xml", "za_judgment_2008-11-26_fourway_haulage.akn.xml"]
BILL = ["ai_biometric_bill_ru.txt", "ai_biometric_bill_kk.txt", "ai_biometric_bill_en.txt"]


@pytest.fixture(scope="module")
def store(tmp_path_factory, corpus):
    import akn
    docs = [akn.parse_file(need(corpus / f)) for f in CORPUS_TEXT]
    docs += [akn.parse_file(need(REPO / "examples" / f)) for f in BILL]
    s = Store(tmp_path_factory.mktemp("q") / "db")
    s.load(*docs, *[need(corpus / f) for f in CORPUS_XML])
    return s


def hits(store, name):
    """{(language code, eId of the provision)} returned by a canned query."""
    from akn import sparql
    res = store.query(sparql.canned()[name])
    out = set()
    for r in res.rows:
        lang = r["language"]["value"].rsplit("/", 1)[-1]
        out.add((lang, r["provision"]["value"].rsplit("/~", 1)[-1]))
    return out


def test_biometric_data(store):
    h = hits(store, "biometric-data")
    gdpr = {e for lang, e in h if lang == "ENG" and e.endswith(("__art_4", "__art_9"))}
    assert {e.rsplit("__", 1)[-1] for e in gdpr} == {"art_4", "art_9"}
    for lang in ("RUS", "KAZ", "ENG"):
        arts = {e.rsplit("__", 1)[-1] for lg, e in h if lg == lang and e.startswith("chp_")}
        # the bill: definitions, scope, principles, the bans of Articles 4, 5 and 5-1, duties, regulator, liability
        assert {"art_1", "art_2", "art_3", "art_4", "art_5", "art_5-1", "art_6"} <= arts, (lang, arts)
    # the corpus's Kazakh laws (digital assets, aquaculture) do not deal with biometrics: no rows from them
    assert not [r for r in store.query(_rows_of("biometric-data")).rows if "/kz/act/" in r["provision"]["value"]]


def _rows_of(name):
    from akn import sparql
    return sparql.canned()[name]


def test_face_recognition_in_public_places(store):
    h = hits(store, "face-recognition-public")
    for lang in ("RUS", "KAZ", "ENG"):
        assert any(lg == lang and e.endswith("__art_4") for lg, e in h), lang
    assert not [e for lg, e in h if lg == "ENG" and "/eu/" in e]


def test_consent(store):
    h = hits(store, "consent")
    for lang in ("RUS", "KAZ", "ENG"):
        assert any(lg == lang and e.endswith("__art_5-1") for lg, e in h), lang   # manipulation without informed consent
    gdpr = {e.rsplit("__", 1)[-1] for lg, e in h if lg == "ENG" and e.startswith("chp_II")}
    assert {"art_6", "art_7", "art_9"} <= gdpr, gdpr                       # lawfulness, conditions for consent


def test_provisions_link_back_to_the_exact_unit(store):
    res = store.query("""PREFIX eli: <http://data.europa.eu/eli/ontology#>
        PREFIX akv: <https://w3id.org/akn-toolkit/vocab#>
        PREFIX akc: <https://w3id.org/akn-toolkit/concepts/>
        SELECT ?unit ?text WHERE { ?unit eli:is_about akc:biometric_data ; akv:mention/akv:evidence ?w ;
                                          akv:text ?text . FILTER(lang(?text) = "kk") }""")
    assert res.rows
    for r in res.rows:
        assert "биометриял" in r["text"]["value"].lower()
