"""The marketplace's category tree."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Category, Product


class CategoryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, row: Category) -> None:
        self._session.add(row)

    async def get(self, category_id: int) -> Category | None:
        return await self._session.get(Category, category_id)

    async def by_external_id(self, external_id: str) -> Category | None:
        return await self._session.scalar(
            select(Category).where(Category.external_id == external_id)
        )

    async def children(self, parent_id: int | None) -> list[Category]:
        """The categories right under `parent_id` (top-level ones with None), in order."""
        query = (
            select(Category)
            .where(
                Category.parent_id.is_(None)
                if parent_id is None
                else Category.parent_id == parent_id
            )
            .order_by(Category.position, Category.id)
        )
        return list((await self._session.scalars(query)).all())

    async def subtree_ids(self, category_id: int) -> set[int]:
        """The category and every category under it, however deep (the tree is small)."""
        rows = (await self._session.execute(select(Category.id, Category.parent_id))).all()
        below: dict[int | None, list[int]] = {}
        for row_id, parent in rows:
            below.setdefault(parent, []).append(row_id)
        found, todo = set(), [category_id]
        while todo:
            current = todo.pop()
            if current not in found:
                found.add(current)
                todo.extend(below.get(current, ()))
        return found

    async def product_counts(self) -> dict[int, int]:
        """How many products each category has right in it (not counting subcategories)."""
        query = (
            select(Product.category_id, func.count(Product.id))
            .where(Product.category_id.is_not(None))
            .group_by(Product.category_id)
        )
        return {row[0]: row[1] for row in (await self._session.execute(query)).all()}

    async def all(self) -> list[Category]:
        query = select(Category).order_by(Category.position, Category.id)
        return list((await self._session.scalars(query)).all())
