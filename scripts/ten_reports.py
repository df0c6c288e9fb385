#!/usr/bin/env python3
"""Ten reports for a library, made from the embedded one, for the first-frame figures with
many reports (docs/performance.md, "With many reports").

    python3 scripts/ten_reports.py DATA_HOME

writes DATA_HOME/c34/reports/a_6N_999_add.1.json for N = 0..9: each the embedded dataset
renumbered (+1000 × (N + 1)), the responses to paragraphs 18 and 37 edited, its own symbol
(A/6N/999/Add.1) and an older date (201N-11-15), so that c34 still opens the embedded report.
Then: python3 scripts/first_frame.py quit --env XDG_DATA_HOME=DATA_HOME -- target/release/c34
"""
import copy
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    with open(os.path.join(ROOT, "assets", "report.json"), encoding="utf-8") as f:
        embedded = json.load(f)
    out = os.path.join(sys.argv[1], "c34", "reports")
    os.makedirs(out, exist_ok=True)
    for n in range(10):
        dataset = copy.deepcopy(embedded)
        shift = 1000 * (n + 1)
        dataset["document"]["symbol"] = f"A/{60 + n}/999/Add.1"
        dataset["document"]["date"] = f"{2010 + n}-11-15"
        for section in dataset["sections"]:
            for recommendation in section["recommendations"]:
                if recommendation["para"] in (18, 37):
                    first = recommendation["paragraphs"][0]
                    recommendation["paragraphs"][0] = "Vetting now also covers contractors. " + first
                recommendation["para"] += shift
        for mission in dataset["missions"]:
            mission["paras"] = [para + shift for para in mission["paras"]]
        name = os.path.join(out, f"a_{60 + n}_999_add.1.json")
        with open(name, "w", encoding="utf-8") as f:
            json.dump(dataset, f, ensure_ascii=False, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
