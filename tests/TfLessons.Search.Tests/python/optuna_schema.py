"""Creates an empty Optuna study so tests can compare Optuna's own schema with ours.

Usage: optuna_schema.py STORAGE_URL
"""
import sys

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)
optuna.create_study(storage=sys.argv[1], study_name="optuna-reference")
