#!/usr/bin/env python3
"""The live path's peer (docs/benchmarks.md, issue #30): the official Python SDK (alibabacloud-oss-v2)
reading what `ossbatch plan` reads for a PutObjectAcl job — HeadObject and GetObjectAcl per object —
with a thread pool, against the same loopback upstream. Prints calls per second.

    scripts/bench-live.py ENDPOINT OBJECTS THREADS
"""
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import alibabacloud_oss_v2 as oss

endpoint, objects, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
config = oss.config.load_default()
config.credentials_provider = oss.credentials.StaticCredentialsProvider('AK', 'SECRET')
config.region = 'cn-hangzhou'
config.endpoint = endpoint
config.use_path_style = True
client = oss.Client(config)


def read(i):
    key = f'data/{i % 1000:04d}/object-{i:09d}.dat'
    client.head_object(oss.HeadObjectRequest(bucket='inv-bucket', key=key))
    client.get_object_acl(oss.GetObjectAclRequest(bucket='inv-bucket', key=key))


start = time.monotonic()
with ThreadPoolExecutor(max_workers=threads) as pool:
    list(pool.map(read, range(objects)))
elapsed = time.monotonic() - start
print(f'python sdk: {2 * objects} calls in {elapsed:.2f} s: {2 * objects / elapsed:.0f} calls/s')
