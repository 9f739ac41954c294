"""The activity chart tells kinds apart by pattern as well as colour (print in grey, colour-vision
deficiency), in the bars and in their legend."""

import datetime
import re

from reports.charts import KIND_COLOURS, KIND_PATTERNS, activity_svg


def test_each_kind_has_its_own_colour_and_pattern_pair():
    pairs = {(KIND_COLOURS[k], KIND_PATTERNS[k]) for k in KIND_COLOURS}
    assert len(pairs) == len(KIND_COLOURS)
    patterned = [p for p in KIND_PATTERNS.values() if p]
    assert len(patterned) == len(set(patterned)) == len(KIND_PATTERNS) - 2  # meetings and "other" stay plain


def test_bars_and_legend_keys_carry_their_kinds_pattern():
    kinds = [{"value": "training", "label": "Training"}, {"value": "referral", "label": "Referral"}]
    activity = {
        "months": [{"key": "2024-01", "month": datetime.date(2024, 1, 1), "counts": [2, 1], "total": 3}],
        "kinds": kinds,
        "total": 3,
    }
    svg = str(activity_svg(activity))
    for name in ("lines-up", "lines-down"):
        assert f'<pattern id="kind-pattern-{name}"' in svg
        # One bar and one legend key each.
        assert len(re.findall(rf'fill="url\(#kind-pattern-{name}\)"', svg)) == 2
