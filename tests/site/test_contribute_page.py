"""The website's contribute page (issue 26): a form per kind of fact, generated from the shapes, that
writes the patch ``stagegraph new`` prints.

Without a browser: the page in every tree and its data (forms from the shapes in the page's
language, what new knows of the tree's graph only), its Content-Security-Policy, a property added
to a shape appearing in the form and in ``new --set`` with no code change. In Chromium (slow): on a
390 px phone, a one-sided romantic bond between two existing characters is filled in by keyboard
(names in any language), with a source and its revealing episode, downloaded, and ``stagegraph
add`` accepts the file unchanged; axe-core finds nothing serious; hostile answers stay text; a
horizon tree's page offers only that tree's entities. Screenshots: /tmp/contribute-*.png (and
build/screenshots/).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from helpers import ROOT, cli
from site_fixtures import built_site  # noqa: F401
from stagegraph import markup
from stagegraph.contribute.form import forms
from stagegraph.site.contributepage import suggest_query, write_contribute_page
from stagegraph.words.website import EN, JA, KO

BASE = "https://w3id.org/stagegraph/"
C = BASE + "character/"
SG_DATA = re.compile(r'<script id="sg-data" type="application/json">(.*?)</script>', re.S)
SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
AXE = ROOT / "tests" / "browser" / "vendor" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "build" / "screenshots"
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}


def data_of(path: Path) -> dict:
    return json.loads(SG_DATA.search(path.read_text(encoding="utf-8")).group(1))


@pytest.fixture(scope="module")
def pages(universe, tmp_path_factory):
    folder = tmp_path_factory.mktemp("contribute")
    return {lang: write_contribute_page(folder / lang, universe, lang=lang) for lang in ("en", "ko", "ja")}


def test_the_page_holds_a_form_per_kind_new_knows(pages):
    data = data_of(pages["en"])
    assert data["forms"]["kinds"] == [
        "bond",
        "character",
        "credit",
        "episode",
        "fate",
        "match",
        "person",
        "song",
        "source",
    ]
    bond = {f["id"]: f for f in data["forms"]["forms"]["bond"]["fields"]}
    assert (
        bond["from"]["widget"] == "entity" and bond["from"]["required"] and bond["from"]["cls"].endswith("#Character")
    )
    assert [c["value"] for c in bond["nature"]["choices"]][:2] == ["romantic", "platonic"]
    assert bond["source"]["widget"] == "source" and bond["source"]["required"]
    assert bond["revealed-in"]["widget"] == "reveal" and bond["revealed-in"]["reveal"] == {"always": True}
    assert any("sg:source" in rule for rule in bond["source"]["rules"])
    assert "rdfs:label" not in bond  # new writes a bond's label itself
    known = data["known"]
    assert C + "mizi" in known["classes"][BASE + "ns#Character"]
    assert "미지" in known["entities"][C + "mizi"]["n"]


def test_the_page_runs_only_its_own_script_and_reaches_no_network(pages):
    text = pages["en"].read_text(encoding="utf-8")
    [script] = SCRIPT.findall(text)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', text).group(1)
    assert markup.csp_hash(script) in policy
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy and "form-action 'none'" in policy


@pytest.mark.parametrize(("lang", "table"), [("ko", KO), ("ja", JA)])
def test_the_page_speaks_the_language_it_is_built_in(pages, lang, table):
    text = pages[lang].read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in text
    data = data_of(pages[lang])
    assert data["words"]["title"] == table["ct_title"] != EN["ct_title"]
    assert table["ct_title"] in text and EN["ct_intro"][:20] not in text
    bond = {f["id"]: f for f in data["forms"]["forms"]["bond"]["fields"]}
    assert bond["nature"]["label"] != "nature" and bond["canon"]["choices"][0]["label"] != "canon"


def test_a_property_added_to_a_shape_appears_in_the_form_and_in_new(tmp_path):
    """sg:bloodType (a character attribute of the ontology) is in no shape; added to one, it is asked
    by the character's form, labelled from the ontology, and `new --set` writes it with its statement."""
    ontology = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", ontology)
    shapes = ontology / "shapes.ttl"
    shapes.write_text(
        shapes.read_text(encoding="utf-8")
        + "\nshape:BloodTypeShape a sh:NodeShape ; sh:targetClass sg:Character ; sh:property [ sh:path sg:bloodType ;"
        ' sh:datatype xsd:string ; sh:maxCount 1 ; sh:pattern "^(A|B|AB|O)$" ;'
        ' sh:message "A blood type is A, B, AB or O." ] .\n',
        encoding="utf-8",
    )
    from stagegraph.universe import Universe

    made = forms(Universe(ontology_paths=(ontology,)), "ko")["forms"]["character"]["fields"]
    blood = next(f for f in made if f["id"] == "sg:bloodType")
    assert blood["label"] == "혈액형" and blood["option"] == "--set" and blood["pattern"] == "^(A|B|AB|O)$"
    assert blood["rules"] == ["A blood type is A, B, AB or O."] and "multiple" not in blood
    url = "https://example.org/profile"
    args = ["--ontology", ontology, "new", "character", "--name", "Nova", "--source", url, "--source-title", "P"]
    result = cli(*args, "--set", "sg:bloodType", "AB")
    assert result.exit_code == 0, result.output
    assert 'sg:bloodType "AB"' in result.stdout and "statement:nova-blood-type" in result.stdout
    refused = cli(*args, "--set", "sg:bloodType", "C")
    assert refused.exit_code != 0 and "does not have the form the shapes ask" in refused.output
    assert "no property sg:bloodType" in cli(*args[2:], "--set", "sg:bloodType", "AB").output


def test_entity_pages_open_the_form_with_the_entity_filled_in():
    assert (
        suggest_query("character", C + "mizi")
        == "?kind=bond&from=https%3A%2F%2Fw3id.org%2Fstagegraph%2Fcharacter%2Fmizi"
    )
    assert suggest_query("episode", BASE + "episode/round-1").startswith("?kind=match&episode=")
    assert suggest_query("song", BASE + "song/wiege").startswith("?kind=credit&work=")
    assert suggest_query("bond", BASE + "bond/x") == ""


# --- the built site, in Chromium ------------------------------------------------------------


@pytest.mark.slow
def test_every_tree_has_the_page_and_every_page_links_it(built_site):  # noqa: F811
    root = built_site.root
    trees = [root, *sorted(p.parent for p in root.glob("at/*/search-index.js"))]
    for tree in trees:
        assert (tree / "contribute" / "index.html").is_file(), tree
    for page in [root / "index.html", root / "all/index.html", root / "at/round-3/character/mizi/index.html"]:
        assert EN["suggest"] in page.read_text(encoding="utf-8"), page
    mizi = (root / "character/mizi/index.html").read_text(encoding="utf-8")
    assert (
        'href="../../contribute/index.html?kind=bond&amp;from=https%3A%2F%2Fw3id.org%2Fstagegraph%2Fcharacter%2Fmizi"'
        in mizi
    )


@pytest.mark.slow
def test_a_horizon_tree_offers_only_its_own_entities(built_site, universe):  # noqa: F811
    from stagegraph.site.horizon import trees

    tree = next(t for t in trees(universe) if t.slug == "round-1")
    known = data_of(built_site.root / "at/round-1/contribute/index.html")["known"]
    offered = {iri for iris in known["classes"].values() for iri in iris}
    pages = {iri for iri, kind in tree.entities.items() if kind in ("character", "episode", "song", "person", "source")}
    assert offered & pages and {i for i in offered if "/character/" in i} <= pages
    everything = data_of(built_site.root / "contribute/index.html")["known"]
    assert set(everything["taken"]) > set(known["taken"])  # later facts' IRIs are not in the tree's page


@pytest.fixture(scope="module")
def chromium():
    playwright_api = pytest.importorskip("playwright.sync_api")
    from test_browser import LAUNCH_ARGS, TIMEOUT_MS, find_browser

    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=find_browser(), args=LAUNCH_ARGS, headless=True, timeout=TIMEOUT_MS
        )
        yield launched
        launched.close()


@pytest.fixture
def browse(chromium, built_site):  # noqa: F811
    opened = []

    def open_page(path: str, screen: dict = DESKTOP, *, audit: bool = False):
        context = chromium.new_context(
            viewport=screen, service_workers="block", bypass_csp=audit, accept_downloads=True, has_touch=screen is PHONE
        )
        opened.append(context)
        context.set_default_timeout(30_000)
        page = context.new_page()
        page.offsite, page.problems = [], []

        def route(handled):
            if handled.request.url.startswith("file:"):
                handled.continue_()
            else:
                page.offsite.append(handled.request.url)
                handled.abort("blockedbyclient")

        context.route("**/*", route)
        page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: page.problems.append(str(e)))
        file, _, query = path.partition("?")
        page.goto((built_site.root / file).resolve().as_uri() + (f"?{query}" if query else ""))
        if "/contribute/" in f"/{file}":
            page.wait_for_selector("body[data-ready=true]", state="attached")
        return page

    yield open_page
    for context in opened:
        context.close()


def quiet(page) -> None:
    assert page.offsite == [], page.offsite
    assert page.problems == [], page.problems


def pick(page, name: str, text: str) -> None:
    """Type ``text`` into the picker labelled ``name`` and choose the first match with the keyboard."""
    box = page.get_by_role("combobox", name=re.compile(name))
    box.focus()
    page.keyboard.type(text)
    page.locator("[role=listbox]:visible [role=option]").first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")


@pytest.mark.slow
def test_a_bond_filled_in_on_a_phone_is_a_patch_add_accepts(browse, tmp_path):
    page = browse("contribute/index.html", PHONE)
    page.get_by_role("radio", name="Bond").check()
    pick(page, "^From", "루카")  # Luka, by her Korean name
    pick(page, "^To", "Till")
    page.get_by_label("Bond type").select_option("one-sided")
    page.get_by_label("Nature").select_option("romantic")
    page.get_by_label("Revealed in").select_option(label="Round 3")
    pick(page, "A page already cited", "Central Trend")
    page.wait_for_selector("body[data-state=ready]", state="attached")
    page.wait_for_selector("body[data-check=ok]", state="attached", timeout=60_000)  # add --dry-run: valid
    turtle = page.locator("#patch").text_content()
    assert "bond:luka-till-romantic" in turtle and 'rdfs:label "Luka → Till (romantic, one-sided)"@en' in turtle
    with page.expect_download() as download:
        page.get_by_role("button", name="Download .ttl").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name.startswith("bond-luka-till-romantic-") and saved.read_text(encoding="utf-8") == turtle
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path="/tmp/contribute-phone.png", full_page=True)
    shutil.copy("/tmp/contribute-phone.png", SHOTS / "contribute-phone.png")
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    added = cli("--data", data, "add", saved)
    assert added.exit_code == 0, added.output
    assert "luka-till-romantic" in (data / "bonds.ttl").read_text(encoding="utf-8")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways on a phone ({width} px)"
    quiet(page)


@pytest.mark.slow
def test_the_form_opened_from_a_character_page_has_her_filled_in(browse):
    page = browse("character/mizi/index.html")
    page.get_by_role("link", name="Suggest a fact about Mizi").click()
    page.wait_for_selector("body[data-ready=true]", state="attached")
    assert page.get_by_role("radio", name="Bond").is_checked()
    assert page.get_by_role("combobox", name=re.compile("^From")).input_value() == "Mizi"
    pick(page, "^To", "Sua")
    page.get_by_label("Bond type").select_option("mutual")
    page.get_by_label("Nature").select_option("platonic")
    page.get_by_label("Revealed in").select_option("unknown")
    pick(page, "A page already cited", "Central Trend")
    page.wait_for_selector("body[data-state=ready]", state="attached")
    assert "bond:mizi-sua-platonic" in page.locator("#patch").text_content()  # the data's own bond: its IRI
    page.screenshot(path="/tmp/contribute-desktop.png", full_page=True)
    shutil.copy("/tmp/contribute-desktop.png", SHOTS / "contribute-desktop.png")
    quiet(page)


@pytest.mark.slow
def test_the_check_shows_add_s_refusal_beside_its_field(browse):
    """Mizi → Till, romantic and one-sided: the data has Till → Mizi, so add refuses it (two opposite
    one-sided bonds are one mutual bond); the page says so before anything leaves it."""
    page = browse(f"contribute/index.html?kind=bond&from={C}mizi")
    pick(page, "^To", "Till")
    page.get_by_label("Bond type").select_option("one-sided")
    page.get_by_label("Nature").select_option("romantic")
    page.get_by_label("Revealed in").select_option(label="Round 3")
    pick(page, "A page already cited", "Central Trend")
    page.wait_for_selector("body[data-check=bad]", state="attached", timeout=60_000)
    assert page.locator("#check-status").text_content().startswith("1 problem")
    problem = page.locator("[data-field=type] .problem").text_content()
    assert "opposite directions" in problem and "mutual" in problem
    page.get_by_label("Bond type").select_option("mutual")
    page.wait_for_selector("body[data-check=ok]", state="attached", timeout=60_000)
    assert page.locator("[data-field=type] .problem").text_content() == ""
    quiet(page)


@pytest.mark.slow
def test_the_form_is_usable_by_keyboard_alone(browse):
    page = browse("contribute/index.html")
    page.locator("#kind-list input").first.focus()
    page.keyboard.press("ArrowRight")  # radio group: bond → character
    assert page.get_by_role("radio", name="Character").is_checked()
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.closest('.field')?.dataset.field")
    assert focused == "character-kind"
    page.get_by_label("Name (English)").focus()
    page.keyboard.type("Nova")
    page.keyboard.press("Tab")
    page.keyboard.type("노바")
    box = page.get_by_role("combobox", name=re.compile("A page already cited"))
    box.focus()
    page.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-expanded") == "true" and box.get_attribute("aria-activedescendant")
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    quiet(page)


@pytest.mark.slow
def test_hostile_answers_stay_text(browse):
    page = browse("contribute/index.html?kind=character")
    hostile = '<img src=x onerror="window.pwned=1">"""\\\n\u202eעברית ' + "x" * 10_000
    page.get_by_label("Name (English)").fill(hostile)
    page.get_by_role("radio", name="A new page").first.check()
    page.get_by_label("Address (URL)").fill("https://example.org/</script><script>window.pwned=1</script>")
    page.get_by_label("Title of the page").fill("</pre><b>bold</b>")
    page.wait_for_selector("body[data-state=refused]", state="attached")
    assert "is not a valid URL" in page.locator("#status").text_content()
    assert page.evaluate("() => window.pwned") is None
    assert page.locator("main img, main b").count() == 0
    page.get_by_label("Address (URL)").fill("https://example.org/page")
    page.wait_for_selector("body[data-state=ready]", state="attached")
    assert "<img src=x" in page.locator("#patch").text_content()
    quiet(page)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ko", "ja"])
def test_in_korean_and_japanese_a_bond_is_filled_in_on_a_phone_and_axe_finds_nothing_serious(chromium, pages, lang):
    context = chromium.new_context(viewport=PHONE, service_workers="block", bypass_csp=True, has_touch=True)
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(pages[lang].resolve().as_uri() + "?kind=bond&from=" + C + "luka")
    page.wait_for_selector("body[data-ready=true]", state="attached")
    words = data_of(pages[lang])["words"]
    assert page.locator("h1").text_content() == words["title"]
    pick(page, "^(받는 쪽|向けられる側)", "틸")
    page.locator("[data-field=type] select").select_option("one-sided")
    page.locator("[data-field=nature] select").select_option("romantic")
    page.locator("[data-field=revealed-in] select").select_option("unknown")
    pick(page, words["source_existing"], "Central")
    page.wait_for_selector("body[data-state=ready]", state="attached")
    assert "bond:luka-till-romantic" in page.locator("#patch").text_content()
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    serious = [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]
    page.screenshot(path=f"/tmp/contribute-phone-{lang}.png", full_page=True)
    context.close()
    assert serious == [] and problems == [], (serious, problems)


@pytest.mark.slow
@pytest.mark.parametrize("screen", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_axe_finds_nothing_serious(browse, screen):
    page = browse("contribute/index.html?kind=bond", screen, audit=True)
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    serious = [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], serious


@pytest.mark.slow
def test_served_with_edit_the_page_adds_the_fact_to_the_data(chromium, built_site, tmp_path):  # noqa: F811
    from test_serve_edit import Served

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    served = Served(built_site.root, data)
    context = chromium.new_context(viewport=PHONE, service_workers="block", has_touch=True)
    try:
        page = context.new_page()
        page.goto(f"{served.origin}/contribute/?kind=bond&from={C}luka")
        page.wait_for_selector("body[data-ready=true]", state="attached")
        pick(page, "^To", "Till")
        page.get_by_label("Bond type").select_option("one-sided")
        page.get_by_label("Nature").select_option("romantic")
        page.get_by_label("Revealed in").select_option(label="Round 3")
        pick(page, "A page already cited", "Central Trend")
        page.get_by_role("button", name=EN["ct_edit"]).click()
        page.wait_for_function(
            "() => /added|refused|invalid/i.test(document.getElementById('edit-status').textContent)"
        )
        assert page.locator("#edit-status").text_content().startswith("added bond: Luka → Till")
        assert "bond:luka-till-romantic" in (data / "bonds.ttl").read_text(encoding="utf-8")
    finally:
        context.close()
        served.close()


def page_problems(page) -> list[str]:
    """The messages the page's check lists (each item: where, a line break, the message)."""
    return page.locator("#check-results li").evaluate_all("items => items.map(i => i.childNodes[2].textContent)")


def add_problems(turtle: str, tmp_path: Path) -> list[str]:
    """The messages ``stagegraph add --dry-run`` gives for ``turtle``, in the order it prints them."""
    path = tmp_path / "contribution.ttl"
    path.write_text(turtle, encoding="utf-8")
    dry = cli("add", path, "--dry-run")
    assert dry.exit_code == 1, dry.output
    line = re.compile(r"^\[(?:VIOLATION|WARNING|INFO)\] \S+ \S+(?: \S+)?: (.*)$", re.M)
    return [m.group(1) for m in line.finditer(dry.output)]


@pytest.mark.slow
def test_a_bond_with_no_source_is_refused_in_the_browser_with_add_s_message(browse, tmp_path):
    """All but the source: the page checks the fact without it and says what add says beside the
    source field; the patch itself waits for the source."""
    page = browse(f"contribute/index.html?kind=bond&from={C}luka", PHONE)
    pick(page, "^To", "Sua")
    page.get_by_label("Bond type").select_option("one-sided")
    page.get_by_label("Nature").select_option("romantic")
    page.get_by_label("Revealed in").select_option("unknown")
    page.wait_for_selector("body[data-state=missing]", state="attached")
    page.wait_for_selector("body[data-check=bad]", state="attached", timeout=60_000)
    shown = page_problems(page)
    assert any("has no sg:source" in m for m in shown), shown
    assert "has no sg:source" in page.locator("[data-field=source] .problem").text_content()
    assert page.locator("#patch").is_hidden()
    page.screenshot(path="/tmp/contribute-refused-source.png", full_page=True)
    # add, on the same fact written without its source, gives exactly these messages
    pick(page, "A page already cited", "Central Trend")
    page.wait_for_selector("body[data-check=ok]", state="attached", timeout=60_000)
    turtle = page.locator("#patch").text_content()
    without = "\n".join(line for line in turtle.splitlines() if "sg:source " not in line and "source: <" not in line)
    assert sorted(add_problems(without, tmp_path)) == sorted(shown)
    quiet(page)


@pytest.mark.slow
def test_a_match_whose_winner_is_not_a_contestant_is_refused_in_the_browser_with_add_s_messages(browse, tmp_path):
    page = browse("contribute/index.html?kind=match", PHONE)
    pick(page, "^Episode", "Round 5")
    pick(page, "^Contestant", "Mizi")
    page.get_by_role("button", name="Add another Contestant").click()
    page.get_by_role("combobox", name=re.compile("^Contestant")).last.focus()
    page.keyboard.type("Sua")
    page.locator("[role=listbox]:visible [role=option]").first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    pick(page, "^Winner", "Till")
    pick(page, "A page already cited", "Central Trend")
    page.wait_for_selector("body[data-state=ready]", state="attached")
    page.wait_for_selector("body[data-check=bad]", state="attached", timeout=60_000)
    shown = page_problems(page)
    assert any("is not the sg:contestant of either of its slots" in m for m in shown), shown
    assert sorted(add_problems(page.locator("#patch").text_content(), tmp_path)) == sorted(shown)
    page.screenshot(path="/tmp/contribute-refused-winner.png", full_page=True)
    quiet(page)
