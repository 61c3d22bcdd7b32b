"""Tests for the catalogue tooling: extraction, update, compilation and check-locales."""

from __future__ import annotations

import gettext
import os
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.plurals import get_plural

from bot import catalogs
from bot.catalogs import (
    CatalogError,
    compile_catalogs,
    extract_messages,
    fill_source_language,
    load_catalog,
    update_catalogs,
)
from bot.locales_check import check_locales, main

SOURCE = """\
from aiogram.utils.i18n import gettext as _, lazy_gettext as __, ngettext


def render(name, count):
    # NOTE: greeting on the main screen
    hello = _("Hello, <b>{name}</b>!").format(name=name)
    orders = ngettext("{count} order", "{count} orders", count).format(count=count)
    items = _("{count} item", "{count} items", count, locale="ru").format(count=count)
    return hello, orders, items, __("Settings")
"""

EN_ENTRIES = """\
msgid "Hello, <b>{name}</b>!"
msgstr "Hello, <b>{name}</b>!"

msgid "{count} order"
msgid_plural "{count} orders"
msgstr[0] "{count} order"
msgstr[1] "{count} orders"

msgid "{count} item"
msgid_plural "{count} items"
msgstr[0] "one item"
msgstr[1] "{count} items"

msgid "Settings"
msgstr "Settings"
"""

RU_ENTRIES = """\
msgid "Hello, <b>{name}</b>!"
msgstr "Привет, <b>{name}</b>!"

msgid "{count} order"
msgid_plural "{count} orders"
msgstr[0] "{count} заказ"
msgstr[1] "{count} заказа"
msgstr[2] "{count} заказов"

msgid "{count} item"
msgid_plural "{count} items"
msgstr[0] "{count} товар"
msgstr[1] "{count} товара"
msgstr[2] "{count} товаров"

msgid "Settings"
msgstr "Настройки"
"""


def header(lang: str, plural_forms: str | None = "") -> str:
    """A .po header; ``""`` means Babel's Plural-Forms for ``lang``, None leaves it out."""
    if plural_forms == "":
        plural_forms = get_plural(lang).plural_forms
    lines = [
        'msgid ""',
        'msgstr ""',
        f'"Language: {lang}\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
    ]
    if plural_forms is not None:
        lines.append(f'"Plural-Forms: {plural_forms}\\n"')
    return "\n".join(lines) + "\n\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A repo with bot/ sources and a correct en + ru pair of catalogues."""
    (tmp_path / "bot").mkdir()
    (tmp_path / "bot" / "views.py").write_text(SOURCE, encoding="utf-8")
    write_po(tmp_path, "en", header("en") + EN_ENTRIES)
    write_po(tmp_path, "ru", header("ru") + RU_ENTRIES)
    return tmp_path


def write_po(root: Path, lang: str, text: str) -> Path:
    path = root / "locales" / lang / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def replace_ru(root: Path, old: str, new: str) -> Path:
    """Apply one edit to the good ru catalogue, failing loudly if the text is not there."""
    path = root / "locales" / "ru" / "LC_MESSAGES" / "messages.po"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(no for no, line in enumerate(lines, 1) if needle in line)


def check(root: Path) -> list[str]:
    return check_locales(root / "locales", root / "bot")


def only_problem(root: Path) -> str:
    problems = check(root)
    assert len(problems) == 1, problems
    return problems[0]


def test_correct_en_ru_pair_passes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check(project) == []
    argv = ["--locales-dir", str(project / "locales"), "--source-dir", str(project / "bot")]
    assert main(argv) == 0
    assert capsys.readouterr().out.strip() == "check-locales: OK (en: 4 messages, ru: 4 messages)"


def test_missing_translation(project: Path) -> None:
    path = replace_ru(project, 'msgstr "Настройки"', 'msgstr ""')
    problem = only_problem(project)
    lineno = line_of(path, 'msgid "Settings"')
    assert f"ru/LC_MESSAGES/messages.po:{lineno}:" in problem
    assert "'Settings'" in problem
    assert "untranslated" in problem


def test_fuzzy_entry(project: Path) -> None:
    path = replace_ru(project, 'msgid "Settings"', '#, fuzzy\nmsgid "Settings"')
    problem = only_problem(project)
    lineno = line_of(path, 'msgid "Settings"')
    assert f"messages.po:{lineno}:" in problem
    assert "fuzzy" in problem


def test_empty_plural_form(project: Path) -> None:
    replace_ru(project, 'msgstr[2] "{count} заказов"', 'msgstr[2] ""')
    problem = only_problem(project)
    assert "'{count} order'" in problem
    assert "untranslated plural form msgstr[2]" in problem


def test_dropped_placeholder(project: Path) -> None:
    replace_ru(project, "Привет, <b>{name}</b>!", "Привет, <b>друг</b>!")
    problem = only_problem(project)
    assert "'Hello, <b>{name}</b>!'" in problem
    assert "missing {name}" in problem


def test_renamed_placeholder(project: Path) -> None:
    replace_ru(project, 'msgstr[1] "{count} заказа"', 'msgstr[1] "{cnt} заказа"')
    problem = only_problem(project)
    assert "msgstr[1]" in problem
    assert "missing {count}" in problem
    assert "extra {cnt}" in problem


def test_stray_brace_is_not_formattable(project: Path) -> None:
    replace_ru(project, "Привет, <b>{name}</b>!", "Привет, <b>{name}</b>! {")
    assert "not a valid format string" in only_problem(project)


def test_count_may_be_omitted_only_where_form_means_exactly_one(project: Path) -> None:
    # en: form 0 is only n == 1 ("one item" passes in the fixture); ru form 0 also means 21, 31...
    replace_ru(project, 'msgstr[0] "{count} товар"', 'msgstr[0] "один товар"')
    problem = only_problem(project)
    assert "msgstr[0]" in problem
    assert "missing {count}" in problem


def test_lost_tag(project: Path) -> None:
    replace_ru(project, "Привет, <b>{name}</b>!", "Привет, {name}!")
    problem = only_problem(project)
    assert "HTML tags differ" in problem
    assert "missing <b>" in problem


def test_unbalanced_tag(project: Path) -> None:
    replace_ru(project, "Привет, <b>{name}</b>!", "Привет, </b>{name}<b>!")
    problem = only_problem(project)
    assert "unbalanced HTML" in problem
    assert "'Hello, <b>{name}</b>!'" in problem


def test_misnested_tags(tmp_path: Path) -> None:
    (tmp_path / "bot").mkdir()
    (tmp_path / "bot" / "a.py").write_text('_("<b><i>Sale</i></b>")\n', encoding="utf-8")
    entry = 'msgid "<b><i>Sale</i></b>"\nmsgstr "<b><i>Акция</b></i>"\n'
    write_po(tmp_path, "ru", header("ru") + entry)
    problem = only_problem(tmp_path)
    assert "unbalanced HTML: </b> while <i> is still open" in problem


def test_wrong_nplurals_for_ru(project: Path) -> None:
    path = replace_ru(project, get_plural("ru").plural_forms, "nplurals=2; plural=(n != 1);")
    problems = check(project)
    plural_line = line_of(path, "Plural-Forms")
    assert any(
        f"messages.po:{plural_line}:" in p and "nplurals=2" in p and "nplurals=3" in p
        for p in problems
    ), problems


def test_wrong_plural_expression(project: Path) -> None:
    polish_like = "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 ? 1 : 2);"
    replace_ru(project, get_plural("ru").plural_forms, polish_like)
    problem = only_problem(project)
    assert "Plural-Forms picks form" in problem
    assert "n=12" in problem  # the first n where the two rules disagree


def test_unparsable_plural_forms(project: Path) -> None:
    replace_ru(project, get_plural("ru").plural_forms, "nplurals=3; plural=(n %% 10;")
    assert "invalid plural expression" in only_problem(project)


def test_missing_plural_forms_header(tmp_path: Path) -> None:
    (tmp_path / "bot").mkdir()
    write_po(tmp_path, "ru", header("ru", plural_forms=None))
    assert "Plural-Forms header is missing" in only_problem(tmp_path)


def test_missing_plural_form(project: Path) -> None:
    replace_ru(project, 'msgstr[2] "{count} товаров"\n', "")
    problem = only_problem(project)
    assert "'{count} item'" in problem
    assert "has 2 plural forms, the language needs 3" in problem


def test_unparsable_po_is_reported_not_raised(project: Path) -> None:
    path = replace_ru(project, 'msgstr "Настройки"', 'msgstr "Настройки')
    problems = check(project)
    lineno = line_of(path, "Настройки")
    assert problems == [f"{path}:{lineno}: cannot parse: cannot understand 'msgstr \"Настройки'"]


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ('msgstr "Настройки"', "", "msgid without msgstr"),
        ('msgstr[1] "{count} заказа"', 'msgstr[3] "{count} заказа"', "msgstr[3] where msgstr[1]"),
        ('msgstr "Настройки"', 'msgtsr "Настройки"', "cannot understand"),
        ('msgid "Settings"', 'msgid "{count} order"', "duplicate msgid"),
    ],
)
def test_po_syntax_errors(project: Path, old: str, new: str, reason: str) -> None:
    replace_ru(project, old, new)
    problem = only_problem(project)
    assert "cannot parse" in problem
    assert reason in problem


def test_string_in_code_missing_from_catalogue(project: Path) -> None:
    source = project / "bot" / "views.py"
    source.write_text(SOURCE + '\nBYE = _("Goodbye")\n', encoding="utf-8")
    problems = check(project)
    lineno = line_of(source, "Goodbye")
    assert len(problems) == 2, problems  # once for en, once for ru
    for lang, problem in zip(["en", "ru"], problems, strict=True):
        assert problem.startswith(f"bot/views.py:{lineno}: msgid 'Goodbye': missing from ")
        assert f"{lang}/LC_MESSAGES/messages.po" in problem


def test_missing_catalogue_for_requested_language(project: Path) -> None:
    problems = check_locales(project / "locales", project / "bot", ["en", "ru", "de"])
    assert len(problems) == 1
    assert "catalogue for 'de' is missing" in problems[0]


def test_main_reports_problems(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    replace_ru(project, 'msgstr "Настройки"', 'msgstr ""')
    replace_ru(project, "Привет, <b>{name}</b>!", "Привет, {name}!")
    argv = ["--locales-dir", str(project / "locales"), "--source-dir", str(project / "bot")]
    assert main(argv) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert lines[-1] == "check-locales: 2 problems in 1 catalogue"


def test_extract_messages_understands_aiogram_calls(project: Path) -> None:
    template = extract_messages(project / "bot")
    ids = {message.id for message in template if message.id}
    assert ids == {
        "Hello, <b>{name}</b>!",
        ("{count} order", "{count} orders"),
        ("{count} item", "{count} items"),
        "Settings",
    }
    hello = template.get("Hello, <b>{name}</b>!")
    assert hello.auto_comments == ["greeting on the main screen"]
    assert hello.locations == [("bot/views.py", 6)]


def test_babel_cfg_matches_keywords() -> None:
    cfg = Path(catalogs.__file__).resolve().parent.parent / "babel.cfg"
    with cfg.open(encoding="utf-8") as fileobj:
        method_map, options_map = parse_mapping_cfg(fileobj, str(cfg))
    assert method_map == [("bot/**.py", "python")]
    options = options_map["bot/**.py"]
    # pybabel merges the section's keywords over its defaults, just like KEYWORDS does.
    assert {**DEFAULT_KEYWORDS, **options["keywords"]} == catalogs.KEYWORDS
    assert options["add_comments"] == list(catalogs.COMMENT_TAGS)


def test_update_keeps_translations_and_adds_new_untranslated(project: Path) -> None:
    source = project / "bot" / "views.py"
    source.write_text(SOURCE.replace('__("Settings")', '__("Profile")'), encoding="utf-8")
    changed = update_catalogs(project / "locales", project / "bot", create=["ru", "de"])
    locales = project / "locales"
    assert locales / "messages.pot" in changed
    assert (locales / "de" / "LC_MESSAGES" / "messages.po").exists()
    ru = load_catalog(locales / "ru" / "LC_MESSAGES" / "messages.po")
    assert ru.get("Hello, <b>{name}</b>!").string == "Привет, <b>{name}</b>!"
    assert ru.get("Profile").string == ""
    assert not any(message.fuzzy for message in ru if message.id)  # no fuzzy guesses
    assert "Settings" in {message.id for message in ru.obsolete.values()}

    problems = check(project)
    assert any("'Profile': untranslated" in problem for problem in problems)
    assert fill_source_language(locales / "en" / "LC_MESSAGES" / "messages.po") == 1
    en = load_catalog(locales / "en" / "LC_MESSAGES" / "messages.po")
    assert en.get("Profile").string == "Profile"
    assert en.get("{count} item").string == ("one item", "{count} items")  # kept
    assert update_catalogs(locales, project / "bot") == []  # nothing left to change


def test_obsolete_translation_comes_back(project: Path) -> None:
    source = project / "bot" / "views.py"
    source.write_text(SOURCE.replace('__("Settings")', '""'), encoding="utf-8")
    update_catalogs(project / "locales", project / "bot")
    source.write_text(SOURCE, encoding="utf-8")
    update_catalogs(project / "locales", project / "bot")
    ru = load_catalog(project / "locales" / "ru" / "LC_MESSAGES" / "messages.po")
    assert ru.get("Settings").string == "Настройки"
    assert check(project) == []


def test_fill_source_language_copies_plural_ids(tmp_path: Path) -> None:
    entries = 'msgid "Hi"\nmsgstr ""\n\nmsgid "{n} cat"\nmsgid_plural "{n} cats"\n'
    path = write_po(tmp_path, "en", header("en") + entries + 'msgstr[0] ""\nmsgstr[1] ""\n')
    assert fill_source_language(path) == 2
    catalog = load_catalog(path)
    assert catalog.get("Hi").string == "Hi"
    assert catalog.get("{n} cat").string == ("{n} cat", "{n} cats")


def test_compiled_ru_catalogue_has_correct_plurals(project: Path) -> None:
    compiled = compile_catalogs(project / "locales")
    mo = project / "locales" / "ru" / "LC_MESSAGES" / "messages.mo"
    assert mo in compiled
    with mo.open("rb") as fileobj:
        translations = gettext.GNUTranslations(fileobj)
    expected = {1: "1 заказ", 2: "2 заказа", 5: "5 заказов", 11: "11 заказов", 21: "21 заказ"}
    for count, text in expected.items():
        form = translations.ngettext("{count} order", "{count} orders", count)
        assert form.format(count=count) == text
    assert translations.gettext("Settings") == "Настройки"


def test_compile_only_rebuilds_stale_catalogues(project: Path) -> None:
    locales = project / "locales"
    assert len(compile_catalogs(locales)) == 2
    assert compile_catalogs(locales) == []
    po = locales / "ru" / "LC_MESSAGES" / "messages.po"
    mo = po.with_suffix(".mo")
    os.utime(mo, ns=(po.stat().st_mtime_ns - 10**9, po.stat().st_mtime_ns - 10**9))
    assert compile_catalogs(locales) == [mo]
    assert len(compile_catalogs(locales, force=True)) == 2


def test_compile_names_the_broken_file(project: Path) -> None:
    path = replace_ru(project, 'msgstr "Настройки"', 'msgtsr "Настройки"')
    with pytest.raises(CatalogError, match=r"ru/LC_MESSAGES/messages\.po:\d+: invalid \.po"):
        compile_catalogs(project / "locales")
    assert not path.with_suffix(".mo").exists()


def test_a_translation_that_drops_the_final_stop_is_reported(project: Path) -> None:
    replace_ru(project, "Привет, <b>{name}</b>!", "Привет, <b>{name}</b>")  # hiding "2027 г.."
    assert "'Hello, <b>{name}</b>!': drops the final '!' of the sentence" in only_problem(project)
