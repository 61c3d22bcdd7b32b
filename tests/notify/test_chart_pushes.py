"""A push that asks for a product's price chart goes as a photo with its text as the caption;
when the photo is refused, the product is gone or the text is too long for a caption, the
text goes alone."""

from __future__ import annotations

from sqlalchemy import select, update

from bot.db.models import OutboxMessage
from bot.views.charts import CHART_PAYLOAD_KEY
from tests.conftest import BotHarness
from tests.handlers.test_charts import HISTORY, make_product, png_size
from tests.notify.test_sender import _shipped_order, make_sender


async def _ask_for_chart(harness: BotHarness, product_id: int) -> None:
    async with harness.database.session_factory() as session:
        rows = (await session.scalars(select(OutboxMessage))).all()
        for row in rows:
            payload = {**row.payload, CHART_PAYLOAD_KEY: product_id}
            await session.execute(
                update(OutboxMessage).where(OutboxMessage.id == row.id).values(payload=payload)
            )
        await session.commit()


async def test_a_push_with_a_chart_is_a_photo_with_the_text_as_caption(
    harness: BotHarness,
) -> None:
    product_id = await make_product(harness, HISTORY)
    _, order = await _shipped_order(harness, lang="ru")
    await _ask_for_chart(harness, product_id)
    sender, _ = make_sender(harness)

    report = await sender.drain()

    assert report.sent == 1
    assert harness.server.calls_of("sendMessage") == []
    [photo] = harness.server.calls_of("sendPhoto")
    assert f"Заказ №{order.number}" in photo.params["caption"]
    files = harness.bot.session.uploaded_files  # type: ignore[attr-defined]
    assert png_size(list(files.values())[-1].data) == (1000, 600)
    markup = harness.server.last_message(1001).reply_markup
    assert markup is not None and markup["inline_keyboard"]


async def test_a_refused_photo_falls_back_to_the_text(harness: BotHarness) -> None:
    product_id = await make_product(harness, HISTORY)
    await _shipped_order(harness)
    await _ask_for_chart(harness, product_id)
    sender, _ = make_sender(harness)
    harness.server.fail_next("sendPhoto", 400, "Bad Request: IMAGE_PROCESS_FAILED")

    report = await sender.drain()

    assert report.sent == 1
    [text] = harness.server.calls_of("sendMessage")
    assert "Order №" in text.params["text"]


async def test_a_chart_of_a_product_with_no_history_sends_the_text(harness: BotHarness) -> None:
    product_id = await make_product(harness, [(999, 1)])
    await _shipped_order(harness)
    await _ask_for_chart(harness, product_id)
    sender, _ = make_sender(harness)

    assert (await sender.drain()).sent == 1
    assert len(harness.server.calls_of("sendMessage")) == 1
    assert harness.server.calls_of("sendPhoto") == []
