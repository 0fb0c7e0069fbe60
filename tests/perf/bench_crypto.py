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


def _autosave_interleaved() -> tuple[float, float, float]:
    """Plain and encrypted saves alternate, so disk noise hits both alike."""
    regs = []
    for encrypted in (False, True):
        reg = Register(Path(tempfile.mkdtemp())).open()
        if encrypted:
            crypto.encrypt_register(reg, "hemlig fras ett")
        plan = demo_plan()
        reg.save(plan)
        reg.save(plan)
        regs.append((reg, plan))
    times: list[list[float]] = [[], []]
    for i in range(60):
        for k in ((0, 1) if i % 2 else (1, 0)):
            reg, plan = regs[k]
            times[k].append(_median_ms(lambda reg=reg, plan=plan: reg.save(plan), 1))
    reg, plan = regs[1]
    data = plan.model_dump_json().encode()
    t0 = time.perf_counter()
    for _ in range(1000):
        reg.codec.encode(data)
    encode_us = (time.perf_counter() - t0) * 1000
    for reg, _ in regs:
        reg.close()
    return statistics.median(times[0]), statistics.median(times[1]), encode_us


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
        t0 = time.perf_counter()
        crypto.encrypt_register(reg, "hemlig fras ett")
        first = time.perf_counter() - t0
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
    plain_save, enc_save, encode_us = _autosave_interleaved()
    print(f"scrypt n={crypto.SCRYPT['n']} r={crypto.SCRYPT['r']} p={crypto.SCRYPT['p']}")
    print(f"unlock (key derivation + check):      {unlock * 1000:7.0f} ms")
    print(f"autosave of one plan, plain:          {plain_save:7.1f} ms (median of 60, interleaved)")
    print(f"autosave of one plan, encrypted:      {enc_save:7.1f} ms (median of 60, interleaved)")
    print(f"AES-GCM encode of one plan:           {encode_us:7.1f} µs")
    print(f"encrypt a plain register ({n_plans} plans): {first * 1000:7.0f} ms")
    print(f"change passphrase ({files} files):      {rekey * 1000:7.0f} ms")
    print(f"list + load after unlock:             {first_read * 1000:7.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
