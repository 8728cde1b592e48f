#!/usr/bin/env python3
"""The live path's peer (docs/benchmarks.md): the official Python SDK (alibabacloud-oss-v2) making the
calls ossbatch makes, with a thread pool, against the same loopback upstream. Prints calls per second.

    scripts/bench-live.py ENDPOINT OBJECTS THREADS            a plan of a PutObjectAcl job (issue #30):
                                                             HeadObject and GetObjectAcl per object
    scripts/bench-live.py ENDPOINT OBJECTS THREADS tagging OUT  a snapshot of a tagging job (issue #31):
                                                             HeadObject and GetObjectTagging per object,
                                                             one JSON line an object written to OUT
"""
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import alibabacloud_oss_v2 as oss

endpoint, objects, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
mode = sys.argv[4] if len(sys.argv) > 4 else 'acl'
config = oss.config.load_default()
config.credentials_provider = oss.credentials.StaticCredentialsProvider('AK', 'SECRET')
config.region = 'cn-hangzhou'
config.endpoint = endpoint
config.use_path_style = True
client = oss.Client(config)


def key_of(i):
    return f'data/{i % 1000:04d}/object-{i:09d}.dat'


def read_acl(i):
    key = key_of(i)
    client.head_object(oss.HeadObjectRequest(bucket='inv-bucket', key=key))
    client.get_object_acl(oss.GetObjectAclRequest(bucket='inv-bucket', key=key))


def read_tags(i):
    key = key_of(i)
    head = client.head_object(oss.HeadObjectRequest(bucket='inv-bucket', key=key))
    tags = client.get_object_tagging(oss.GetObjectTaggingRequest(bucket='inv-bucket', key=key))
    return json.dumps({'bucket': 'inv-bucket', 'key': key, 'storageClass': head.storage_class,
                       'tags': [[t.key, t.value or ''] for t in tags.tag_set.tags]}, ensure_ascii=False)


start = time.monotonic()
with ThreadPoolExecutor(max_workers=threads) as pool:
    if mode == 'tagging':
        with open(sys.argv[5], 'w', encoding='utf-8') as out:
            for line in pool.map(read_tags, range(objects)):
                out.write(line + '\n')
    else:
        list(pool.map(read_acl, range(objects)))
elapsed = time.monotonic() - start
print(f'python sdk ({mode}): {2 * objects} calls in {elapsed:.2f} s: {2 * objects / elapsed:.0f} calls/s')
