"""Swedish first, English on request: the English catalog and the Swedish Excel contract.

The UI's msgids are Swedish; locale/en/LC_MESSAGES/django.po translates every one of them.
The language is Swedish unless the language cookie (set by the footer's language form) says
otherwise; the Excel activity plan is a contract and stays Swedish in any language.
"""

from __future__ import annotations

import ast
import datetime
import gettext
import re
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from activities.excel import HEADERS, activities_for_export, write_activities
from activities.models import Activity, Holiday, Status
from tests.activities import excel_fixtures
from tests.activities.excel_fixtures import good_row, workbook_bytes
from tests.factories import ActivityFactory

PO_FILE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")
YEAR, MONTH = 2024, 3

# The Excel fixtures (a plan with areas and goals, a throwaway upload directory).
plan_structure = excel_fixtures.plan_structure
upload_root = excel_fixtures.upload_root


@pytest.fixture(autouse=True)
def _no_language_left_behind():
    """A request with the English cookie activates English in this thread and the middleware
    does not switch back afterwards; reset so that later tests start from Swedish."""
    yield
    translation.deactivate()


# --- a small .po parser (no polib at run time) -------------------------------------------


def _unquote(text: str) -> str:
    return ast.literal_eval(text)


def parse_po(path: Path) -> list[dict]:
    """Entries as dicts: msgid, msgid_plural, msgstr (list: one, or one per plural form),
    flags (set), obsolete (bool). The header entry (msgid "") is included."""
    entries: list[dict] = []
    entry: dict | None = None
    key: str | None = None

    def finish():
        if entry is not None and key is not None:
            entries.append(entry)

    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            finish()
            entry, key = None, None
            continue
        if entry is None:
            entry = {
                "msgid": "",
                "msgid_plural": None,
                "msgstr": {},
                "flags": set(),
                "obsolete": False,
            }
        if line.startswith("#~"):
            entry["obsolete"] = True
            continue
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        match = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")$", line)
        if match:
            word, index, text = match.groups()
            if word.startswith("msgstr"):
                key = f"msgstr{int(index or 0)}"
                entry["msgstr"][int(index or 0)] = _unquote(text)
            else:
                key = word
                entry[word] = _unquote(text)
            continue
        assert line.startswith('"'), f"unexpected line in {path.name}: {raw!r}"
        if key.startswith("msgstr"):
            number = int(key[len("msgstr") :])
            entry["msgstr"][number] += _unquote(line)
        else:
            entry[key] += _unquote(line)
    return entries


@pytest.fixture(scope="module")
def catalog() -> list[dict]:
    assert PO_FILE.exists(), "run makemessages -l en and translate"
    return [entry for entry in parse_po(PO_FILE) if entry["msgid"] != "" and not entry["obsolete"]]


PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[srdifxXeEgGc%r]|\{[^{}]*\}")


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


# --- the catalog ---------------------------------------------------------------------------


def test_catalog_is_complete_without_fuzzy_entries(catalog):
    assert len(catalog) > 500
    untranslated = [entry["msgid"] for entry in catalog if not all(entry["msgstr"].values())]
    fuzzy = [entry["msgid"] for entry in catalog if "fuzzy" in entry["flags"]]
    assert untranslated == []
    assert fuzzy == []


def test_plural_entries_have_both_english_forms(catalog):
    plurals = [entry for entry in catalog if entry["msgid_plural"] is not None]
    assert plurals, "the templates use {% blocktranslate count %}"
    for entry in plurals:
        assert sorted(entry["msgstr"]) == [0, 1], entry["msgid"]


def test_every_translation_keeps_the_placeholders_and_html(catalog):
    for entry in catalog:
        sources = [entry["msgid"]]
        if entry["msgid_plural"] is not None:
            sources.append(entry["msgid_plural"])
        for number, translated in entry["msgstr"].items():
            source = sources[min(number, len(sources) - 1)]
            assert placeholders(translated) == placeholders(source), (source, translated)
            assert sorted(HTML_TAG.findall(translated)) == sorted(HTML_TAG.findall(source)), (
                source,
                translated,
            )


def test_header_declares_english_and_its_plural_rule():
    header = next(entry for entry in parse_po(PO_FILE) if entry["msgid"] == "")
    assert "fuzzy" not in header["flags"]
    assert "Language: en\n" in header["msgstr"][0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header["msgstr"][0]


def test_msgfmt_accepts_the_catalog_and_counts_no_untranslated():
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext's msgfmt is not installed (apt-get install gettext)")
    result = subprocess.run(
        [msgfmt, "--check", "--statistics", "-o", "/dev/null", str(PO_FILE)],
        capture_output=True,
        text=True,
        check=False,
        env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"\d+ translated messages\.\s*", result.stderr), result.stderr


def test_compiled_catalog_is_committed_and_matches_the_po(catalog):
    """No gettext is needed at run time: the .mo ships, compiled from this very .po."""
    with MO_FILE.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in catalog:
        if entry["msgid_plural"] is None:
            assert compiled.gettext(entry["msgid"]) == entry["msgstr"][0], entry["msgid"]
        else:
            forms = [compiled.ngettext(entry["msgid"], entry["msgid_plural"], n) for n in (1, 2)]
            assert forms == [entry["msgstr"][0], entry["msgstr"][1]], entry["msgid"]


def test_english_words_for_the_vepaq_dimensions_and_plan_terms():
    with translation.override("en"):
        assert translation.gettext("Verksamhet") == "Operations"
        assert translation.gettext("Ekonomi") == "Finance"
        assert translation.gettext("Personal") == "Staffing"
        assert translation.gettext("Arbetsmiljö") == "Work environment"
        assert translation.gettext("Kvalitet") == "Quality"
        assert translation.gettext("Inriktningsmål") == "Goal"
        assert translation.gettext("Prioriterat område") == "Priority area"
        assert translation.gettext("Verksamhetsplan") == "Annual operating plan"
        assert translation.gettext("Genomförandematris") == "Implementation matrix"
        assert translation.gettext("Förtroendevald") == "Elected representative"
        assert (
            translation.ngettext("%(counter)s aktivitet", "%(counter)s aktiviteter", 1)
            % {"counter": 1}
            == "1 activity"
        )
        assert (
            translation.ngettext("%(counter)s aktivitet", "%(counter)s aktiviteter", 3)
            % {"counter": 3}
            == "3 activities"
        )
    with translation.override("sv"):
        assert translation.gettext("Verksamhet") == "Verksamhet"


# --- pages ---------------------------------------------------------------------------------


def html_lang(response) -> str:
    match = re.search(r'<html lang="([^"]+)"', response.content.decode())
    assert match, "the page has no <html lang>"
    return match.group(1)


@pytest.fixture
def manager_client(users) -> Client:
    client = Client()
    client.force_login(users["manager"])
    return client


@pytest.fixture
def english_client(manager_client) -> Client:
    manager_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return manager_client


def test_swedish_is_the_default_whatever_the_browser_asks(manager_client):
    response = manager_client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response.status_code == 200
    assert html_lang(response) == "sv"
    assert response["Content-Language"] == "sv"
    page = response.content.decode()
    assert "Logga ut" in page and "Byt språk" in page
    assert "Sign out" not in page


def test_login_page_is_swedish_for_anonymous_visitors(client):
    response = client.get(reverse("login"))
    assert html_lang(response) == "sv"
    assert "Logga in" in response.content.decode()


def test_the_language_form_sets_the_cookie_and_the_next_page_is_english(manager_client):
    response = manager_client.post(
        reverse("set_language"), {"language": "en", "next": reverse("home")}
    )
    assert response.status_code == 302
    assert manager_client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = manager_client.get(reverse("home"))
    assert html_lang(page) == "en"
    assert page["Content-Language"] == "en"
    text = page.content.decode()
    assert "Sign out" in text and "Change language" in text
    assert "Logga ut" not in text
    # And back to Swedish.
    manager_client.post(reverse("set_language"), {"language": "sv", "next": reverse("home")})
    assert html_lang(manager_client.get(reverse("home"))) == "sv"


def test_an_unknown_language_cookie_falls_back_to_swedish(manager_client):
    manager_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    assert html_lang(manager_client.get(reverse("home"))) == "sv"


def test_start_page_in_english(english_client, tree):
    response = english_client.get(reverse("home"))
    assert response.status_code == 200
    assert html_lang(response) == "en"
    text = response.content.decode()
    for words in ("Skip to content", "Main menu", "Your units", "Sign out", "Activities"):
        assert words in text, words
    for swedish in ("Hoppa till innehållet", "Huvudmeny", "Dina enheter", "Logga ut"):
        assert swedish not in text, swedish


def test_activity_form_in_english(english_client, tree):
    response = english_client.get(reverse("activities:create"))
    assert response.status_code == 200
    assert html_lang(response) == "en"
    text = response.content.decode()
    for words in ("New activity", "Title", "Date", "Status", "Girls", "Boys", "Save", "Cancel"):
        assert words in text, words
    # The choice labels are translated in the UI (the Excel files stay Swedish).
    assert "Completed" in text and "Planned" in text
    assert ">Genomförd<" not in text and "Spara" not in text


def test_vepaq_page_in_english(english_client, tree):
    ActivityFactory(unit=tree["culture"], date=datetime.date(YEAR, MONTH, 12), status=Status.DONE)
    url = reverse("followup:vepaq", args=["kulturenheten", YEAR, MONTH])
    response = english_client.get(url)
    assert response.status_code == 200
    assert html_lang(response) == "en"
    text = response.content.decode()
    for words in ("Operations", "Finance", "Staffing", "Work environment", "Quality", "March"):
        assert words in text, words
    for swedish in ("Verksamhet", "Ekonomi", "Arbetsmiljö", "Kvalitet"):
        assert swedish not in text, swedish


def test_vepaq_page_in_swedish_by_default(manager_client, tree):
    url = reverse("followup:vepaq", args=["kulturenheten", YEAR, MONTH])
    response = manager_client.get(url)
    assert html_lang(response) == "sv"
    text = response.content.decode()
    assert "Verksamhet" in text and "Arbetsmiljö" in text
    assert "Work environment" not in text


# --- the Excel contract stays Swedish ------------------------------------------------------


def test_excel_export_stays_swedish_when_english_is_active(tree, tmp_path):
    unit = tree["culture"]
    ActivityFactory(
        unit=unit,
        title="Sommarteater",
        date=datetime.date(YEAR, 6, 20),
        status=Status.DONE,
        holiday=Holiday.SOMMARLOV,
    )
    path = tmp_path / "export.xlsx"
    with translation.override("en"):
        assert str(Status.DONE.label) == "Completed"  # the UI says so in English …
        write_activities(activities=activities_for_export(unit=unit, year=YEAR), destination=path)
    rows = [list(row) for row in load_workbook(path).worksheets[0].iter_rows(values_only=True)]
    assert rows[0] == HEADERS
    assert rows[0][:4] == ["Datum", "Titel", "Status", "Prioriterat område"]
    row = dict(zip(HEADERS, rows[1], strict=True))
    assert row["Status"] == "Genomförd"  # … and the file in Swedish.
    assert row["Typ"] == "Kultur"
    assert row["Lov"] == "Sommarlov"


def test_excel_download_in_the_browser_stays_swedish_in_english(english_client, tree):
    ActivityFactory(unit=tree["culture"], date=datetime.date(YEAR, 4, 2), status=Status.PLANNED)
    url = reverse("activities:excel_export", args=["kulturenheten"])
    response = english_client.get(url, {"year": YEAR})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(BytesIO(content)).worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADERS
    assert dict(zip(HEADERS, rows[1], strict=True))["Status"] == "Planerad"


def test_browser_import_reads_the_swedish_words_when_english_is_active(
    english_client, plan_structure, upload_root
):
    """The file's words are Swedish whatever the UI language; the page around them is English."""
    url = reverse("activities:excel_import", kwargs={"slug": "kulturenheten"})
    rows = [good_row(), good_row(Status="Completed"), good_row(Lov="Sportlov")]
    response = english_client.post(url, {"file": workbook_bytes(rows)})
    assert response.status_code == 200
    assert html_lang(response) == "en"
    page = response.content.decode()
    assert "The file has 1 error. Nothing has been saved." in page
    assert "Row 3, Status: &quot;Completed&quot; is not an allowed value." in page
    assert "Planerad, Genomförd, Inställd" in page
    assert not Activity.objects.exists()

    rows = [good_row(), good_row(Titel="Läsecirkel", Lov="Sportlov", Status="genomförd ")]
    response = english_client.post(url, {"file": workbook_bytes(rows)})
    page = response.content.decode()
    assert "Import 2 activities" in page
    assert not Activity.objects.exists()


def test_series_form_help_text_follows_the_language(english_client, tree):
    """Form texts built at import time would stay Swedish; this one is lazy as a whole."""
    english = english_client.get(reverse("activities:series")).content.decode()
    assert "At most 200 occasions. All are created as planned." in english
    assert "Högst" not in english
    english_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    swedish = english_client.get(reverse("activities:series")).content.decode()
    assert "Högst 200 tillfällen. Alla skapas som planerade." in swedish


def test_an_english_request_leaves_no_english_behind(client):
    """The middleware deactivates after the response: the thread's next work is Swedish."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/konto/logga-in/")
    assert 'lang="en"' in response.content.decode()
    assert translation.get_language() == "sv"
