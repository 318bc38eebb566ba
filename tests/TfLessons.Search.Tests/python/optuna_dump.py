"""Loads a study with Optuna and prints it as JSON, for comparison with TfLessons.Search's reader.

Usage: optuna_dump.py STORAGE_URL STUDY_NAME
Non-finite floats are printed as the strings "NaN", "Infinity", "-Infinity" so any JSON parser reads them.
"""
import json
import math
import sys

import optuna


def num(v):
    if isinstance(v, float) and not math.isfinite(v):
        return "NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity")
    return v


def main():
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.load_study(study_name=sys.argv[2], storage=sys.argv[1])
    out = {
        "direction": study.direction.name,
        "system_attrs": study.system_attrs,
        "trials": [
            {
                "number": t.number,
                "state": t.state.name,
                "value": num(t.value),
                "params": {k: num(v) for k, v in t.params.items()},
                "distributions": {k: optuna.distributions.distribution_to_json(d) for k, d in t.distributions.items()},
                "intermediate_values": {str(k): num(v) for k, v in t.intermediate_values.items()},
                "user_attrs": t.user_attrs,
                "system_attrs": t.system_attrs,
            }
            for t in study.get_trials(deepcopy=False)
        ],
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
