"""The package ships what it needs: a wheel carries the catalogues and the migrations, and the
bot starts from it in another folder, also when the installed package is read-only."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from aiogram.utils.i18n import I18n

from bot import catalogs
from bot.i18n import build_i18n

ROOT = Path(__file__).resolve().parent.parent
# What a build of the checkout leaves out: it builds from a copy, so its build/ and .egg-info
# never land in the checkout that other tests (in parallel) and .ci/wheel-check read.
NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis",
    "*.mo", "*.tmp", ".env",
)  # fmt: skip


def run(*command: str | Path, cwd: Path, stdin: str = "", env: dict[str, str] | None = None):  # noqa: ANN201
    return subprocess.run(  # noqa: S603
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("checkout") / "cabinet-bot"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCES)
    dist = tmp_path_factory.mktemp("dist")
    built = run(
        sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "-q", "-w", dist, cwd=source
    )
    assert built.returncode == 0, built.stderr
    (found,) = dist.glob("*.whl")
    return found


def test_the_wheel_carries_the_catalogues_and_the_migrations(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for lang in ("en", "ru"):
        assert f"bot/locales/{lang}/LC_MESSAGES/messages.po" in names
    assert "bot/db/migrations/env.py" in names
    assert "bot/db/migrations/script.py.mako" in names
    versions = {p.name for p in (ROOT / "bot/db/migrations/versions").glob("*.py")}
    assert {n.rsplit("/", 1)[-1] for n in names if "/migrations/versions/" in n} == versions


def test_the_installed_wheel_checks_its_catalogues_and_starts_from_another_folder(
    wheel: Path, tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    assert run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path).returncode == 0
    python = venv / "bin" / "python"
    site = Path(
        run(
            python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=tmp_path
        ).stdout.strip()
    )
    # Only the wheel is installed; its dependencies come from this test run's environment
    # (a plain path line: that folder's .pth files, the editable checkout's among them, stay off).
    (site / "zz_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    installed = run(
        sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index",
        "--target", site, wheel, cwd=tmp_path,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "LOG_LEVEL": "WARNING",
        "DATABASE_URL": f"sqlite+aiosqlite:///{elsewhere / 'bot.db'}",
    }

    where = run(python, "-c", "import bot; print(bot.__file__)", cwd=elsewhere, env=env)
    assert where.stdout.startswith(str(site)), where.stdout + where.stderr
    checked = run(python, "-m", "bot", "check-locales", cwd=elsewhere, env=env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.strip().splitlines()[-1].startswith("check-locales: OK")
    console = run(python, "-m", "bot", "console", "--lang", "ru", cwd=elsewhere, env=env,
                  stdin="/start\nquit\n")  # fmt: skip
    assert console.returncode == 0, console.stderr
    assert "Мой кабинет" in console.stdout


def test_a_read_only_package_gets_its_catalogues_compiled_in_a_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = tmp_path / "site-packages" / "bot" / "locales"
    for po in catalogs.find_po_files(catalogs.LOCALES_DIR).values():
        target = shipped / po.relative_to(catalogs.LOCALES_DIR)
        target.parent.mkdir(parents=True)
        target.write_bytes(po.read_bytes())
    compile_beside = catalogs.compile_catalogs

    def read_only(locales_dir: Path, *, force: bool = False, into: Path | None = None) -> list:
        if into is None:
            raise PermissionError(13, "Permission denied", str(locales_dir))
        return compile_beside(locales_dir, force=force, into=into)

    monkeypatch.setattr(catalogs, "compile_catalogs", read_only)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(catalogs, "LOCALES_DIR", shipped)
    monkeypatch.setattr("bot.i18n.LOCALES_DIR", shipped)

    i18n: I18n = build_i18n("en")

    assert not list(shipped.rglob("*.mo"))
    assert str(i18n.path).startswith(str(tmp_path / "cache"))
    assert set(i18n.available_locales) == {"en", "ru"}
    with i18n.context(), i18n.use_locale("ru"):
        assert i18n.gettext("🔑 Sign in") != "🔑 Sign in"
