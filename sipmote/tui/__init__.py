"""The Textual user interface: a thin layer over the headless domain."""

from __future__ import annotations


def run_app(*, register, plan_id: str | None = None, lang: str = "sv", demo: bool = False) -> int:
    from sipmote.tui.app import SipmoteApp

    app = SipmoteApp(register=register, plan_id=plan_id, lang=lang, demo=demo)
    app.run()
    return app.return_code or 0
