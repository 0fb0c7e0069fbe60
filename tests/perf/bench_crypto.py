"""Encryption costs, printed (not a test): unlock (scrypt with the real defaults),
an autosave plain vs encrypted, and re-encrypting a register of N plans.

    /tmp/venv/bin/python tests/perf/bench_crypto.py [N]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from sipmote.demo import demo_plan
from sipmote.store import Register, crypto


def _median_ms(fn, n: int) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main(n_plans: int = 200) -> None:
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        reg = Register(root).open()
        base = demo_plan()
        plans = []
        for i in range(n_plans):
            p = base.model_copy(deep=True)
            p.id = f"bench{i:07d}"
            reg.save(p)
            reg.save(p)  # one backup each
            plans.append(p)
        plain_save = _median_ms(lambda: reg.save(plans[0]), 30)
        t0 = time.perf_counter()
        crypto.encrypt_register(reg, "hemlig fras ett")
        first = time.perf_counter() - t0
        enc_save = _median_ms(lambda: reg.save(plans[0]), 30)
        t0 = time.perf_counter()
        files = crypto.change_passphrase(reg, "ny hemlig fras två")
        rekey = time.perf_counter() - t0
        reg.close()
        crypto.forget_session()
        t0 = time.perf_counter()
        r2 = Register(root)
        crypto.unlock_register(r2, passphrase="ny hemlig fras två")
        unlock = time.perf_counter() - t0
        r2.open()
        t0 = time.perf_counter()
        r2.summaries()
        r2.load(plans[-1].id)
        first_read = time.perf_counter() - t0
        r2.close()
    print(f"scrypt n={crypto.SCRYPT['n']} r={crypto.SCRYPT['r']} p={crypto.SCRYPT['p']}")
    print(f"unlock (key derivation + check):      {unlock * 1000:7.0f} ms")
    print(f"autosave of one plan, plain:          {plain_save:7.1f} ms (median of 30)")
    print(f"autosave of one plan, encrypted:      {enc_save:7.1f} ms (median of 30)")
    print(f"encrypt a plain register ({n_plans} plans): {first * 1000:7.0f} ms")
    print(f"change passphrase ({files} files):      {rekey * 1000:7.0f} ms")
    print(f"list + load after unlock:             {first_read * 1000:7.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
