"""The ``sipmote`` command's entry point (``[project.scripts]`` and ``python -m sipmote``).

Start-up loads Textual, pydantic and sipmote: a few hundred thousand long-lived objects.
The garbage collector scanned them again and again while they loaded (measured: a full
collection falling in ``import argparse`` made it 20 ms instead of 1; about 20 ms of a
330 ms start in all). So the collector is off until the command is known: the meeting
app turns it on after its first frame, freezing what start-up built out of later scans
(``SipmoteApp.start_collector``); every other command turns it on before it runs
(``cli.main``). Nothing else is imported here, so this runs before any of that loads.
"""

from __future__ import annotations

import gc


def main() -> int:
    gc.disable()
    try:
        from sipmote.cli import main as cli_main

        return cli_main()
    finally:
        gc.enable()
