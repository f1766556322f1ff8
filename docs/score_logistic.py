#!/usr/bin/env python3
"""Re-scores a CSV with a ChurnKit logistic pipeline file, using only the Python standard library.

This is the reader docs/model-file.md describes, kept short on purpose: it shows that a model file
holds everything scoring needs. Usage:

    python3 docs/score_logistic.py MODEL.json CUSTOMERS.csv > scores.csv

It prints `id,churn_probability` (the id column the model names, or the row number). It handles the
encodings `churn train --model logistic` writes: standardized numeric columns, one-hot categorical
and boolean columns with a dropped reference level, median/mode imputation and missing indicators.
Calibrated models (`--calibrate`) are not handled: it stops with a message.
"""
import csv
import json
import math
import sys


def fill_value(imputation):
    """The training fill of a column: a number, a label or a flag (JSON `fill`)."""
    fill = imputation["fill"]
    kind, payload = next(iter(fill.items()))
    # Version 3 writes {"number": 6}; versions 1 and 2 wrote {"number": {"_0": 6}}.
    return kind, payload["_0"] if isinstance(payload, dict) else payload


def encode(row, columns, configuration):
    """One CSV row (a dict of strings) as the model's feature vector."""
    features = []
    for plan in columns:
        imputation = plan["imputation"]
        name = imputation["column"]
        text = row[name].strip()
        missing = text == ""
        one_hot = plan.get("oneHot")
        if plan["keepsValue"]:
            if one_hot is not None:
                label = text
                if missing and configuration["imputeMissing"]:
                    kind, value = fill_value(imputation)
                    label = {"label": value, "flag": one_hot["categories"][1] if value else one_hot["categories"][0]}.get(kind, "")
                features.extend(1.0 if label == level else 0.0 for level in one_hot["encodedCategories"])
            else:
                if missing:
                    x = float(fill_value(imputation)[1]) if configuration["imputeMissing"] else math.nan
                else:
                    x = float(text)
                features.append((x - plan["center"]) / plan["scale"])
        if imputation["hasIndicator"]:
            features.append(1.0 if missing else 0.0)
    return features


def main(model_path, data_path):
    with open(model_path) as f:
        document = json.load(f)
    if document["format"] != "churnkit-pipeline" or document["version"] > 3:
        sys.exit(f"{model_path}: not a ChurnKit pipeline file of version 1 to 3")
    pipeline = document["pipeline"]
    if pipeline["model"]["kind"] != "logistic":
        sys.exit(f"{model_path}: model kind is {pipeline['model']['kind']}, this reader handles 'logistic'")
    if pipeline.get("calibrator") is not None:
        sys.exit(f"{model_path}: calibrated models are not handled by this reader")
    parameters = pipeline["model"]["parameters"]
    coefficients = parameters["coefficients"]
    intercept = parameters["intercept"] if parameters["fitsIntercept"] else 0.0
    encoder = pipeline["encoder"]
    id_column = pipeline.get("idColumn")
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow([id_column or "row", "churn_probability"])
    with open(data_path, newline="") as f:
        for number, row in enumerate(csv.DictReader(f), start=1):
            x = encode(row, encoder["columns"], encoder["configuration"])
            logit = intercept + sum(b * v for b, v in zip(coefficients, x))
            writer.writerow([row[id_column] if id_column else number, repr(1 / (1 + math.exp(-logit)))])


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
