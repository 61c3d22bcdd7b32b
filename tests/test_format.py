"""The shared formatting helpers as a buyer reads them in every language."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from aiogram.utils.i18n import I18n

from bot.config import SUPPORTED_LOCALES
from bot.views import format as fmt

DATES = [datetime(2027, month, 5, 12, tzinfo=UTC) for month in range(1, 13)]


@pytest.mark.parametrize("language", SUPPORTED_LOCALES)
def test_a_sentence_ending_with_a_date_has_one_full_stop(i18n: I18n, language: str) -> None:
    with i18n.context(), i18n.use_locale(language):
        template = i18n.gettext("🛡 Protection extended until {date}.", locale=language)
        for moment in DATES:
            text = template.format(date=fmt.day(moment, UTC))
            assert not fmt.day(moment, UTC).endswith("."), text
            assert ".." not in text and not re.search(r"\sг\.", text), text


def test_a_russian_date_keeps_day_month_and_year(i18n: I18n) -> None:
    with i18n.context(), i18n.use_locale("ru"):
        assert fmt.day(datetime(2027, 3, 5, 12, tzinfo=UTC), UTC) == "5 мар. 2027"
    with i18n.context(), i18n.use_locale("en"):
        assert fmt.day(datetime(2027, 3, 5, 12, tzinfo=UTC), UTC) == "Mar 5, 2027"
