"""The README's verification sample verifies our deliveries (and refuses a tampered one)."""

import re
import time
from pathlib import Path

from marketplace.webhooks.signing import sign

README = Path(__file__).resolve().parents[3] / "README.md"


def _sample():
    section = README.read_text(encoding="utf-8").split("## Webhooks", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102
    return namespace["verify"]


def test_the_readme_sample_verifies_a_signed_body():
    verify = _sample()
    body = '{"id":"evt_1","type":"order.shipped"}'
    header = sign("whsec_abc", int(time.time()), body)
    assert verify(header, body.encode(), "whsec_abc")
    assert not verify(header, body.replace("1", "2").encode(), "whsec_abc")
    assert not verify(sign("whsec_abc", int(time.time()) - 600, body), body.encode(), "whsec_abc")
    assert not verify("garbage", body.encode(), "whsec_abc")


def test_the_readme_sample_accepts_either_secret_while_a_rotation_overlaps():
    verify = _sample()
    body = '{"id":"evt_2","type":"order.shipped"}'
    header = sign("whsec_new", int(time.time()), body, "whsec_old")
    assert verify(header, body.encode(), "whsec_new")
    assert verify(header, body.encode(), "whsec_old")
    assert not verify(header, body.encode(), "whsec_other")
