#!/usr/bin/env python3
"""Convert the shared SKAB and NAB files into PlantWatch's long recording format.

Usage (from the repository root, with ../shared beside it):
    python3 sample-data/tools/convert_datasets.py ../shared/datasets sample-data

Output rows are `timestamp,device,sensor,value,unit` with an ISO-8601 UTC timestamp.
The sources give naive local clock times and no zone; the clock values are kept unchanged
and written with `Z` so that every reading has one unambiguous event time.
Values are copied as written in the source (no rounding, no resampling, no reordering).
"""
import csv
import os
import sys

SKAB_COLUMNS = [
    # source column, sensor id, engineering unit
    ("Accelerometer1RMS", "vibration_1", "g"),
    ("Accelerometer2RMS", "vibration_2", "g"),
    ("Current", "motor_current", "A"),
    ("Pressure", "discharge_pressure", "bar"),
    ("Temperature", "motor_temperature", "degC"),
    ("Thermocouple", "fluid_temperature", "degC"),
    ("Voltage", "motor_voltage", "V"),
    ("Volume Flow RateRMS", "flow", "L/min"),
]

SKAB_FILES = [
    # source file, device, output file
    ("skab/data/valve1/1.csv", "P-101", "skab-valve1-01.csv"),
    ("skab/data/valve1/9.csv", "P-101", "skab-valve1-09.csv"),
    ("skab/data/anomaly-free/anomaly-free.csv", "P-102", "skab-anomaly-free.csv"),
]

NAB_FILES = [
    ("nab/data/realKnownCause/machine_temperature_system_failure.csv", "M-301", "temperature", "deg",
     "nab-machine-temperature.csv"),
]


def iso(naive):
    date, time = naive.strip().split(" ")
    return f"{date}T{time}Z"


def convert_skab(src, device, dst):
    with open(src, newline="") as f, open(dst, "w", newline="") as out:
        reader = csv.DictReader(f, delimiter=";")
        out.write("timestamp,device,sensor,value,unit\n")
        n = 0
        for row in reader:
            ts = iso(row["datetime"])
            for column, sensor, unit in SKAB_COLUMNS:
                out.write(f"{ts},{device},{sensor},{row[column].strip()},{unit}\n")
                n += 1
    return n


def convert_nab(src, device, sensor, unit, dst):
    with open(src, newline="") as f, open(dst, "w", newline="") as out:
        reader = csv.DictReader(f)
        out.write("timestamp,device,sensor,value,unit\n")
        n = 0
        for row in reader:
            out.write(f"{iso(row['timestamp'])},{device},{sensor},{row['value'].strip()},{unit}\n")
            n += 1
    return n


def main(shared, target):
    for src, device, name in SKAB_FILES:
        n = convert_skab(os.path.join(shared, src), device, os.path.join(target, name))
        print(f"{name}: {n} readings")
    for src, device, sensor, unit, name in NAB_FILES:
        n = convert_nab(os.path.join(shared, src), device, sensor, unit, os.path.join(target, name))
        print(f"{name}: {n} readings")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
