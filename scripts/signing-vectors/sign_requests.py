#!/usr/bin/env python3
"""Signs requests with the official OSS Python SDK's signers, for tests that compare ours against it.

Reads one JSON object per line on stdin:
  {"version": "v4"|"v1", "method": "GET", "region": "cn-hangzhou", "query": [["batchJob", ""], …],
   "headers": [["x-oss-date", "…"], …], "signed_at": 1764048600, "access_key_id": "…",
   "access_key_secret": "…", "security_token": null | "…"}
and writes one JSON object per line: {"url": …, "string_to_sign": …, "authorization": …}.

The URL is built from the decoded query pairs the way the SDK's client encodes them. V1 declares only
the operation's own key (the first query key) as a sub-resource, as the SDKs do for every Batch
Operations call; the signer adds its fixed list. V1 carries the time in x-oss-date and an STS token in
x-oss-security-token (oss-facts.md), so those arrive as headers and the V1 credentials hold no token.
"""
import datetime
import json
import sys
from urllib.parse import quote

from alibabacloud_oss_v2.signer.v1 import SignerV1
from alibabacloud_oss_v2.signer.v4 import SignerV4
from alibabacloud_oss_v2.types import Credentials, HttpRequest, SigningContext


def encode_query(pairs):
    return '&'.join(f'{quote(k)}={quote(v)}' if v else quote(k) for k, v in pairs)


def sign(item):
    query = [tuple(pair) for pair in item['query']]
    # Object calls (issue #22) name a bucket and maybe a key: virtual-hosted, as the SDK's client
    # addresses them; the signer gets the bucket and key to sign the resource /bucket/key.
    bucket, key = item.get('bucket'), item.get('key')
    host = f"{bucket}.oss-{item['region']}.aliyuncs.com" if bucket else f"oss-{item['region']}.aliyuncs.com"
    path = '/' + quote(key or '', safe='/')
    url = f"https://{host}{path}" + (f"?{encode_query(query)}" if query else '')
    request = HttpRequest(method=item['method'], url=url, headers=dict(item['headers']), body='')
    when = datetime.datetime.fromtimestamp(item['signed_at'], datetime.timezone.utc)
    if item['version'] == 'v4':
        credentials = Credentials(item['access_key_id'], item['access_key_secret'], item.get('security_token'))
        context = SigningContext(product='oss', region=item['region'], bucket=bucket, key=key, request=request,
                                 credentials=credentials, signing_time=when)
        SignerV4().sign(context)
    else:
        credentials = Credentials(item['access_key_id'], item['access_key_secret'])
        context = SigningContext(product='oss', region=item['region'], bucket=bucket, key=key, request=request,
                                 credentials=credentials, signing_time=when)
        # A job call declares its own key; object calls rely on the signer's fixed list (tagging,
        # acl, versionId, continuation-token).
        context.sub_resource = [] if bucket else [query[0][0]]
        SignerV1().sign(context)
    return {'url': url, 'string_to_sign': context.string_to_sign,
            'authorization': request.headers['Authorization']}


for line in sys.stdin:
    if line.strip():
        sys.stdout.write(json.dumps(sign(json.loads(line)), ensure_ascii=False) + '\n')
