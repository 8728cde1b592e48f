#!/usr/bin/env python3
"""Writes the benchmarks' completion report: PATH, SIZE_MIB (scripts/bench-report.sh for the CLI against
awk, web/bench/report-browser.mjs for the Report panel against the CLI).

S3's real column order (ASSUMED, tests/fixtures/reports/README.md), 1 row in 10 failed with one of three
codes, 1 key in 50 quoted with a comma in it (awk miscounts those rows; ossbatch must not)."""
import sys
path, size = sys.argv[1], int(sys.argv[2]) * 1024 * 1024
codes = [("403", "AccessDenied", "Access Denied"), ("404", "NoSuchKey", "The specified key does not exist."),
         ("403", "InvalidObjectState", "The operation is not valid for the object's state")]
block = []
for i in range(10000):
    key = f"photos/2026/{i:09d}.jpg" if i % 50 else f"\"photos/2026/{i:09d},copy.jpg\""
    if i % 10 == 3:
        http, code, message = codes[i % 3]
        block.append(f"examplebucket,{key},,failed,{http},{code},{message}\n")
    else:
        block.append(f"examplebucket,{key},,succeeded,200,,Successful\n")
block = "".join(block).encode()
with open(path, "wb") as f:
    written = 0
    while written < size:
        f.write(block)
        written += len(block)
