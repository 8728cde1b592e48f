#!/usr/bin/env python3
"""A local stand-in for OSS's Batch Operations API, for tests only.

It checks every request's signature by signing the same request again with the official SDK
(`alibabacloud-oss-v2`, V4 and V1 signers) and comparing Authorization byte for byte, checks Content-MD5
and the clock, reads the CreateJob body, and answers like OSS: a JobId (the same one again for a repeated
ClientRequestToken), or an <Error> (InvalidAccessKeyId, SignatureDoesNotMatch, AccessDenied,
RequestTimeTooSkewed, InvalidDigest, MalformedXML, InvalidArgument).

    python3 tests/oss-standin/standin.py --port 0 --key AKID:SECRET [--key denied-AK:SECRET]
Prints "listening on http://127.0.0.1:PORT" once ready. Keys whose id starts with "denied" get AccessDenied.
"""
import argparse
import base64
import datetime
import hashlib
import sys
import threading
import uuid
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from alibabacloud_oss_v2.signer.v1 import SignerV1
from alibabacloud_oss_v2.signer.v4 import SignerV4
from alibabacloud_oss_v2.types import Credentials, HttpRequest, SigningContext

KEYS = {}
JOBS = {}  # ClientRequestToken -> job
LOCK = threading.Lock()
MAX_SKEW = datetime.timedelta(minutes=15)


def error(code, message, status, request_id, extra=''):
    body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>{code}</Code>\n  <Message>{message}</Message>\n'
            f'  <RequestId>{request_id}</RequestId>\n  <HostId>oss-standin.localhost</HostId>\n'
            f'  <EC>0002-0000{status}</EC>\n{extra}</Error>')
    return status, body


def resign(method, path_query, headers, region, access_key_id, secret, version, when):
    """What the official SDK's signer puts in Authorization for this request."""
    request = HttpRequest(method=method, url=f'https://oss-{region}.aliyuncs.com{path_query}',
                          headers={k: v for k, v in headers.items() if k.lower() != 'authorization'})
    if version == 'v4':
        context = SigningContext(product='oss', region=region, request=request,
                                 credentials=Credentials(access_key_id, secret), signing_time=when)
        SignerV4().sign(context)
    else:
        context = SigningContext(product='oss', region=region, request=request,
                                 credentials=Credentials(access_key_id, secret), signing_time=when)
        query = path_query.split('?', 1)[1] if '?' in path_query else ''
        context.sub_resource = [pair.split('=', 1)[0] for pair in query.split('&') if pair]
        SignerV1().sign(context)
    return request.headers['Authorization'], context.string_to_sign


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def log_message(self, *args):  # quiet: the tests read stdout for readiness only
        pass

    def answer(self, status, body, request_id):
        data = body.encode('utf-8')
        self.send_response(status)
        self.send_header('Content-Type', 'application/xml')
        self.send_header('x-oss-request-id', request_id)
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        request_id = uuid.uuid4().hex[:24].upper()
        self.answer(*error('MethodNotAllowed', 'The stand-in serves CreateJob only.', 405, request_id), request_id)

    def do_POST(self):
        request_id = uuid.uuid4().hex[:24].upper()
        length = int(self.headers.get('Content-Length') or 0)
        body = self.rfile.read(length) if length else b''
        status, text = self.handle_create_job(body, request_id)
        self.answer(status, text, request_id)

    def handle_create_job(self, body, request_id):
        if self.path != '/?batchJob':
            return error('InvalidRequest', f'unexpected path {self.path}', 400, request_id)
        headers = {k: v for k, v in self.headers.items()}
        auth = self.headers.get('Authorization', '')
        if auth.startswith('OSS4-HMAC-SHA256 '):
            version = 'v4'
            credential = auth.split('Credential=', 1)[1].split(',', 1)[0]
            access_key_id, _date, region = credential.split('/')[:3]
            stamp = self.headers.get('x-oss-date', '')
            try:
                when = datetime.datetime.strptime(stamp, '%Y%m%dT%H%M%SZ').replace(tzinfo=datetime.timezone.utc)
            except ValueError:
                return error('AccessDenied', 'x-oss-date is missing or malformed', 403, request_id)
        elif auth.startswith('OSS '):
            version = 'v1'
            access_key_id = auth[4:].split(':', 1)[0]
            region = self.server.region
            try:
                when = parsedate_to_datetime(self.headers.get('x-oss-date') or self.headers.get('Date'))
            except (TypeError, ValueError):
                return error('AccessDenied', 'x-oss-date is missing or malformed', 403, request_id)
        else:
            return error('AccessDenied', 'Anonymous access is forbidden for this operation.', 403, request_id)

        secret = KEYS.get(access_key_id)
        if secret is None:
            return error('InvalidAccessKeyId', 'The OSS Access Key Id you provided does not exist in our records.',
                         403, request_id)
        now = datetime.datetime.now(datetime.timezone.utc)
        if abs(now - when) > MAX_SKEW:
            return error('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.',
                         403, request_id)
        expected, string_to_sign = resign('POST', self.path, headers, region, access_key_id, secret, version, when)
        if expected != auth:
            return error('SignatureDoesNotMatch',
                         'The request signature we calculated does not match the signature you provided.', 403,
                         request_id, f'  <StringToSign>{string_to_sign}</StringToSign>\n')
        md5 = base64.b64encode(hashlib.md5(body).digest()).decode()
        if self.headers.get('Content-MD5') != md5:
            return error('InvalidDigest', 'The Content-MD5 you specified did not match what we received.', 400, request_id)
        if access_key_id.startswith('denied'):
            return error('AccessDenied', 'You have no right to access this object because of bucket acl.', 403, request_id)
        try:
            root = ET.fromstring(body)
        except ET.ParseError as exc:
            return error('MalformedXML', f'The XML you provided was not well-formed: {exc}', 400, request_id)
        if root.tag != 'CreateJobRequest':
            return error('MalformedXML', 'The root element must be CreateJobRequest.', 400, request_id)
        for required in ('Operation', 'Report', 'ClientRequestToken', 'Priority', 'RoleArn'):
            if root.find(required) is None:
                return error('InvalidArgument', f'{required} is required.', 400, request_id)
        token = root.findtext('ClientRequestToken')
        with LOCK:
            job = JOBS.get(token)
            if job is None:
                job_id = base64.b64encode(uuid.uuid4().hex.encode()).decode()
                confirm = (root.findtext('ConfirmationRequired') or 'false').strip() == 'true'
                job = {'JobId': job_id, 'Status': 'Suspended' if confirm else 'Active', 'Body': body}
                JOBS[token] = job
        return 200, (f'<?xml version="1.0" encoding="UTF-8"?>\n<CreateJobResult>\n'
                     f'  <JobId>{job["JobId"]}</JobId>\n</CreateJobResult>')


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--port', type=int, default=0)
    parser.add_argument('--key', action='append', default=[], help='AccessKeyId:AccessKeySecret')
    parser.add_argument('--region', default='cn-hangzhou', help='region assumed for V1 requests')
    args = parser.parse_args()
    for pair in args.key:
        key_id, secret = pair.split(':', 1)
        KEYS[key_id] = secret
    server = ThreadingHTTPServer(('127.0.0.1', args.port), Handler)
    server.region = args.region
    print(f'listening on http://127.0.0.1:{server.server_address[1]}', flush=True)
    server.serve_forever()


if __name__ == '__main__':
    sys.exit(main())
