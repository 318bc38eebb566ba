"""An Optuna worker that adds trials to a study TfLessons.Search created.

Usage: optuna_worker.py STORAGE_URL STUDY_NAME N_TRIALS
Suggests the same parameters with the same distributions our space stores (oneminuslog as a
plain float over beta, pow2 as a log int), so Optuna's compatibility checks pass.
"""
import sys

import optuna


def objective(trial):
    lr = trial.suggest_float("lr", 1e-4, 1.0, log=True)
    beta = trial.suggest_float("beta", 0.9, 0.999)
    hidden = trial.suggest_int("hidden", 5, 50)
    opt = trial.suggest_categorical("opt", ["adam", "momentum", "gd"])
    batch = trial.suggest_int("batch", 16, 256, log=True)
    dropout = trial.suggest_float("dropout", 0.0, 0.5)
    value = (lr - 0.01) ** 2 + (beta - 0.99) ** 2 + (hidden - 20) ** 2 / 100 + len(opt) / 10 + batch / 1000 + dropout
    for step in range(3):
        trial.report(value * (3 - step), step)
    trial.set_user_attr("from", "optuna")
    return value


def main():
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.load_study(study_name=sys.argv[2], storage=sys.argv[1], sampler=optuna.samplers.RandomSampler(seed=7))
    study.optimize(objective, n_trials=int(sys.argv[3]))
    print(len(study.trials))


if __name__ == "__main__":
    main()
