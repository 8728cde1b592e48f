#!/usr/bin/env python3
"""A local stand-in for OSS's Batch Operations API, for tests only.

It checks every request's signature by signing the same request again with the official SDK
(`alibabacloud-oss-v2`, V4 and V1 signers) and comparing Authorization byte for byte, checks Content-MD5
and the clock, reads the CreateJob body, and answers like OSS: a JobId (the same one again for a repeated
ClientRequestToken), or an <Error> (InvalidAccessKeyId, SignatureDoesNotMatch, AccessDenied,
RequestTimeTooSkewed, InvalidDigest, MalformedXML, InvalidArgument).
It also keeps jobs in memory for DescribeJob, ListJobs, UpdateJobStatus and UpdateJobPriority, moving
them through statuses as OSS does: a job created with ConfirmationRequired waits Suspended; Ready (the
confirmation) becomes Active on the next look and Complete on the one after; Cancelled passes through
Cancelling first. DescribeJob and ListJobs return the job's settings (Operation, Report, Manifest, …) as
OSS does. ListJobs pages with max-keys (default 100) and NextToken / continuation-token.
Every document has exactly the shape of the fixtures in tests/fixtures/responses/ (the Go SDK v2's
documents; see the README there): ListJobs entries are JobListDescriptor with a text Operation, counts
are -1 until a job is active, Timers appear once it has been active, TerminationDate once it has ended.
tests/oss-standin/test_shapes.py holds it to them element by element.
Descriptions containing "[fail]" make the job end Failed with a failure reason; "[partial]" makes it end
Complete with 3 of its 10 tasks failed (Complete does not mean every object succeeded); "[slow]" keeps
it Active. POST /?standin-plant=429|500|header:Name=value|hold-before|hold-after (unsigned, tests only)
plants a fault for the next signed request (`fault@N`: for the N-th from now); a hold keeps the request
unanswered until its client goes away (hold-after once it has taken effect), GET /?standin-held counts them.
POST /?standin-forget=<JobId> (unsigned, tests only) makes the service forget a job, as AWS does 90 days
after a job ends (OSS documents no retention).
A job whose manifest (or generator bucket) is one of the stand-in's own objects really runs over them,
with planted faults, and writes a completion report in a layout ASSUMED from S3's (objects.py); the
object calls (ListObjectsV2, GetObject, HeadObject, GetObjectTagging, GetObjectAcl, PutObject) are
served path-style with the same signature check.

    python3 tests/oss-standin/standin.py --port 0 --key AKID:SECRET [--key denied-AK:SECRET] [--key STS.AK:SECRET:TOKEN]
Prints "listening on http://127.0.0.1:PORT" once ready. Keys whose id starts with "denied" get AccessDenied.
"""
import argparse
import base64
import datetime
import hashlib
import re
import sys
import threading
import uuid
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote
from xml.sax.saxutils import escape as xml_escape

import objects
from alibabacloud_oss_v2.signer.v1 import SignerV1
from alibabacloud_oss_v2.signer.v4 import SignerV4
from alibabacloud_oss_v2.types import Credentials, HttpRequest, SigningContext

KEYS = {}
TOKENS = {}  # AccessKeyId -> the STS security token requests with it must carry
JOBS = {}  # ClientRequestToken -> job
JOBS_BY_ID = {}  # JobId -> job
NEXT = {'Ready': 'Active', 'Active': 'Complete', 'Cancelling': 'Cancelled', 'New': 'Active', 'Preparing': 'Suspended'}
ORDER = []  # jobs in creation order, for paging
SETTINGS = ('Operation', 'Report', 'Manifest', 'KeyPrefixManifestGenerator', 'RoleArn')
LOCK = threading.Lock()
# Faults for the next signed requests (tests only: POST /?standin-plant=…): '429' (answered with
# Retry-After: 1, nothing done), '500' (a CreateJob done but answered 500), 'header:Name=value' (the
# header changed before the signature check).
PLANTED = []
HELD = [0]  # requests held by a planted hold (crash-injection tests)
MAX_SKEW = datetime.timedelta(minutes=15)


def error(code, message, status, request_id, extra=''):
    body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n  <Code>{code}</Code>\n  <Message>{message}</Message>\n'
            f'  <RequestId>{request_id}</RequestId>\n  <HostId>oss-standin.localhost</HostId>\n'
            f'  <EC>0002-0000{status}</EC>\n{extra}</Error>')
    return status, body


def head_error_headers(document):
    """A HEAD answer has no body: OSS sends its <Error> base64-encoded in x-oss-err, and its EC in
    x-oss-ec (the Java v2 SDK's ClientImpl.OnServiceError reads them; tests/fixtures/responses/README.md)."""
    ec = re.search(r'<EC>([^<]*)</EC>', document)
    headers = {'x-oss-err': base64.b64encode(document.encode()).decode()}
    if ec:
        headers['x-oss-ec'] = ec.group(1)
    return headers


def resign(method, path_query, headers, region, access_key_id, secret, version, when):
    """What the official SDK's signer puts in Authorization for this request. Object calls are
    path-style (`/<bucket>/<key>`): the signer gets the bucket and key, as the SDK's client gives them."""
    bucket, key = objects.split(path_query) if path_query.split('?', 1)[0] != '/' else (None, None)
    request = HttpRequest(method=method, url=f'https://oss-{region}.aliyuncs.com{path_query}',
                          headers={k: v for k, v in headers.items() if k.lower() != 'authorization'})
    if version == 'v4':
        context = SigningContext(product='oss', region=region, bucket=bucket, key=key, request=request,
                                 credentials=Credentials(access_key_id, secret), signing_time=when)
        SignerV4().sign(context)
    else:
        context = SigningContext(product='oss', region=region, bucket=bucket, key=key, request=request,
                                 credentials=Credentials(access_key_id, secret), signing_time=when)
        # As OSS checks V1: a job call's own key (the first query key) is the sub-resource; object
        # calls rely on the signer's fixed list (tagging, acl, versionId, continuation-token).
        query = path_query.split('?', 1)[1] if '?' in path_query else ''
        keys = [unquote(pair.split('=', 1)[0]) for pair in query.split('&') if pair]
        context.sub_resource = [] if bucket else keys[:1]
        SignerV1().sign(context)
    return request.headers['Authorization'], context.string_to_sign


def operation_name(request):
    """The CreateJob operation's element name (ListJobs reports it as text)."""
    operation = request.find('Operation')
    return operation[0].tag if operation is not None and len(operation) else ''


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

    def answer_bytes(self, status, data, headers, request_id, method):
        if method == 'HEAD' and status >= 300 and data:
            headers = {**headers, **head_error_headers(data.decode()), 'Content-Length': '0'}
        self.send_response(status)
        self.send_header('x-oss-request-id', request_id)
        for name, value in headers.items():
            self.send_header(name, value)
        if 'Content-Length' not in headers:
            self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        if method != 'HEAD':
            self.wfile.write(data)

    def do_GET(self):
        self.dispatch('GET')

    def do_POST(self):
        self.dispatch('POST')

    def do_PUT(self):
        self.dispatch('PUT')

    def do_HEAD(self):
        self.dispatch('HEAD')

    def do_DELETE(self):
        self.dispatch('DELETE')

    def dispatch(self, method):
        request_id = uuid.uuid4().hex[:24].upper()
        length = int(self.headers.get('Content-Length') or 0)
        body = self.rfile.read(length) if length else b''
        if method == 'POST' and self.path == '/?standin-clear-faults':
            with LOCK:
                objects.clear_faults()
            self.answer_bytes(204, b'', {}, request_id, method)
            return
        if method == 'POST' and self.path.startswith('/?standin-plant='):
            # Tests only, unsigned: the next signed request meets this fault (see PLANTED).
            with LOCK:
                PLANTED.append(unquote(self.path.split('=', 1)[1]))
            self.answer_bytes(204, b'', {}, request_id, method)
            return
        if method == 'POST' and self.path.startswith('/?standin-forget='):
            # Tests only, unsigned: the service forgets a job (AWS deletes batch jobs 90 days after
            # they end; OSS documents no retention): ListJobs stops listing it, DescribeJob 404s.
            job_id = unquote(self.path.split('=', 1)[1])
            with LOCK:
                job = JOBS_BY_ID.pop(job_id, None)
                if job is not None:
                    ORDER.remove(job)
                    for token in [t for t, j in JOBS.items() if j is job]:
                        del JOBS[token]
            self.answer_bytes(204 if job else 404, b'', {}, request_id, method)
            return
        if method == 'GET' and self.path == '/?standin-held':
            # Tests only, unsigned: how many requests a planted hold has held so far.
            self.answer_bytes(200, str(HELD[0]).encode(), {}, request_id, method)
            return
        with LOCK:
            planted = PLANTED.pop(0) if PLANTED else None
            if planted and '@' in planted:
                # 'fault@N': the N-th request from now meets the fault; this one passes.
                fault, _, count = planted.partition('@')
                if int(count) > 1:
                    PLANTED.insert(0, f'{fault}@{int(count) - 1}')
                    planted = None
                else:
                    planted = fault
        if planted in ('hold-before', 'hold-after'):
            # Crash-injection tests: the request is held, unanswered, until its client goes away (the
            # test kills it). 'hold-before' before anything is done; 'hold-after' once the request has
            # taken effect (a job created, an object written), as if the answer were lost.
            if planted == 'hold-after':
                self.take_effect(method, body, request_id)
            self.hold()
            return
        if planted == '429':
            self.answer_bytes(429, b'', {'Retry-After': '1'}, request_id, method)
            return
        if planted and planted.startswith('header:'):
            # A proxy or edge that changed a header on the way: verified as received.
            name, _, value = planted[7:].partition('=')
            self.headers.replace_header(name, value) if name in self.headers else self.headers.add_header(name, value)
        refusal = self.authenticate(method, body, request_id)
        if refusal is not None:
            if method == 'HEAD':
                self.answer_bytes(refusal[0], refusal[1].encode(), {}, request_id, method)
            else:
                self.answer(*refusal, request_id)
            return
        query = dict(pair.split('=', 1) if '=' in pair else (pair, '') for pair in self.path.split('?', 1)[-1].split('&'))
        query = {unquote(k): unquote(v) for k, v in query.items()}
        if self.path.split('?', 1)[0] != '/':
            with LOCK:
                status, data, headers = objects.handle(method, self.path, query, self.headers, body, request_id, error)
            self.answer_bytes(status, data, headers, request_id, method)
            return
        if method == 'POST' and self.path == '/?batchJob':
            status, text = self.handle_create_job(body, request_id)
            if planted == '500':
                # The job was created but the answer is lost: a retry with the same token must find it.
                status, text = error('InternalError', 'We encountered an internal error. Please try again.', 500, request_id)
        elif method == 'GET' and 'batchJob' in query and 'batchJobId' in query:
            status, text = self.describe(query['batchJobId'], request_id)
        elif method == 'GET' and 'batchJob' in query:
            status, text = self.list_jobs(query, request_id)
        elif method == 'POST' and 'batchJobStatus' in query:
            status, text = self.update_status(query, request_id)
        elif method == 'POST' and 'batchJobPriority' in query:
            status, text = self.update_priority(query, request_id)
        else:
            status, text = error('InvalidRequest', f'unexpected request {method} {self.path}', 400, request_id)
        self.answer(status, text, request_id)

    def hold(self):
        with LOCK:
            HELD[0] += 1
        self.connection.settimeout(120)
        try:
            while self.connection.recv(1024):
                pass
        except OSError:
            pass
        self.close_connection = True

    def take_effect(self, method, body, request_id):
        """What a request does, its answer dropped (for 'hold-after')."""
        if self.authenticate(method, body, request_id) is not None:
            return
        query = dict(pair.split('=', 1) if '=' in pair else (pair, '') for pair in self.path.split('?', 1)[-1].split('&'))
        query = {unquote(k): unquote(v) for k, v in query.items()}
        if self.path.split('?', 1)[0] != '/':
            with LOCK:
                objects.handle(method, self.path, query, self.headers, body, request_id, error)
        elif method == 'POST' and self.path == '/?batchJob':
            self.handle_create_job(body, request_id)
        elif method == 'POST' and 'batchJobStatus' in query:
            self.update_status(query, request_id)

    def authenticate(self, method, body, request_id):
        """None when the request is signed right, else the (status, body) of OSS's refusal."""
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
        token = TOKENS.get(access_key_id)
        if token is not None and self.headers.get('x-oss-security-token') != token:
            # Temporary keys work only with their own token (the stand-in's wording; the signature
            # check below also covers the token, since x-oss-* headers are signed).
            return error('InvalidAccessKeyId', 'The security token you provided is not valid for this AccessKeyId.',
                         403, request_id)
        now = datetime.datetime.now(datetime.timezone.utc)
        if abs(now - when) > MAX_SKEW:
            return error('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.',
                         403, request_id)
        expected, string_to_sign = resign(method, self.path, headers, region, access_key_id, secret, version, when)
        if expected != auth:
            return error('SignatureDoesNotMatch',
                         'The request signature we calculated does not match the signature you provided.', 403,
                         request_id, f"  <StringToSign>{xml_escape(string_to_sign)}</StringToSign>\n")
        md5 = base64.b64encode(hashlib.md5(body).digest()).decode()
        # The job API's bodies must carry Content-MD5 (CreateJob's page); an object's PUT may omit it.
        required = method == 'POST' and bool(body)
        if self.headers.get('Content-MD5', None if required else md5) != md5:
            return error('InvalidDigest', 'The Content-MD5 you specified did not match what we received.', 400, request_id)
        if access_key_id.startswith('denied'):
            return error('AccessDenied', 'You have no right to access this object because of bucket acl.', 403, request_id)
        return None

    def handle_create_job(self, body, request_id):
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
                settings = {child.tag: ET.tostring(child, encoding='unicode', short_empty_elements=False).strip() for child in root
                            if child.tag in SETTINGS}
                job = {'JobId': job_id, 'Status': 'Suspended' if confirm else 'Active', 'Body': body,
                       'Priority': int(root.findtext('Priority') or 0), 'Reason': '',
                       'ConfirmationRequired': confirm, 'Description': root.findtext('Description'),
                       'Operation': operation_name(root),
                       'CreationTime': int(datetime.datetime.now().timestamp()), 'Settings': settings}
                ORDER.append(job)
                JOBS[token] = job
                JOBS_BY_ID[job_id] = job
                if job['Status'] == 'Active':
                    objects.execute(job)
        return 200, (f'<?xml version="1.0" encoding="UTF-8"?>\n<CreateJobResult>\n'
                     f'  <JobId>{job["JobId"]}</JobId>\n</CreateJobResult>')


STARTED = ('Active', 'Completing', 'Complete', 'Failing', 'Failed', 'Cancelling', 'Cancelled', 'Pausing', 'Paused')
ENDED = ('Complete', 'Failed', 'Cancelled')
DEFAULT_REASONS = {'Suspended': 'Awaiting confirmation', 'Complete': 'Task completed successfully',
                   'Failed': 'Job failed'}


def progress(job):
    """(failed, succeeded, total, elapsed or None): -1 until the job has counted its objects."""
    status = job['Status']
    description = job['Description'] or ''
    if status not in STARTED or '[fail]' in description:
        elapsed = 0 if status in STARTED else None
        return -1, -1, -1, elapsed
    if 'Results' in job:
        # A job that ran over the stand-in's objects: its real counts (half of them while Active).
        total = len(job['Results'])
        failed_all = sum(1 for r in job['Results'] if r[3] == 'failed')
        share = 1 if status in ('Complete', 'Completing') else 0.5 if status == 'Active' else 0
        failed = int(failed_all * share)
        return failed, int((total - failed_all) * share), total, 5 if status == 'Active' else 8
    total = 10
    done = {'Complete': total, 'Completing': total, 'Active': 5}.get(status, 0)
    failed = 0
    if '[partial]' in description and done:
        failed = 3 if status in ('Complete', 'Completing') else 1
        done -= failed
    return failed, done, total, 5 if status == 'Active' else 8


def progress_xml(job, timers_before_total):
    """<ProgressSummary>; DescribeJob and ListJobs order its children differently (as the Go SDK's samples)."""
    failed, succeeded, total, elapsed = progress(job)
    counts = f'<NumberOfTasksFailed>{failed}</NumberOfTasksFailed><NumberOfTasksSucceeded>{succeeded}</NumberOfTasksSucceeded>'
    timers = '' if elapsed is None else f'<Timers><ElapsedTimeInActiveSeconds>{elapsed}</ElapsedTimeInActiveSeconds></Timers>'
    total_xml = f'<TotalNumberOfTasks>{total}</TotalNumberOfTasks>'
    inner = counts + (timers + total_xml if timers_before_total else total_xml + timers)
    return f'<ProgressSummary>{inner}</ProgressSummary>'


def termination_xml(job):
    return f'<TerminationDate>{job["CreationTime"] + 60}</TerminationDate>' if job['Status'] in ENDED else ''


def job_xml(job):
    """DescribeJob's <Job>, in the order of tests/fixtures/responses/describe-job.xml."""
    status = job['Status']
    settings = job['Settings']
    source = settings.get('Manifest') or settings.get('KeyPrefixManifestGenerator') or ''
    description = '' if job['Description'] is None else f'<Description>{xml_escape(job["Description"])}</Description>'
    reason = job['Reason'] or DEFAULT_REASONS.get(status, '')
    failures = ''
    if status in ('Failed', 'Failing'):
        failures = ('<FailureReasons><JobFailure><FailureCode>InternalError</FailureCode>'
                    '<FailureReason>Internal service error</FailureReason></JobFailure></FailureReasons>')
    return (f'<Job><ConfirmationRequired>{str(job["ConfirmationRequired"]).lower()}</ConfirmationRequired>'
            f'<CreationTime>{job["CreationTime"]}</CreationTime><JobId>{job["JobId"]}</JobId>'
            f'{settings.get("Operation", "")}{settings.get("Report", "")}{source}{description}'
            f'<Priority>{job["Priority"]}</Priority>{settings.get("RoleArn", "")}'
            f'<StatusUpdateReason>{xml_escape(reason)}</StatusUpdateReason>{progress_xml(job, True)}{failures}'
            f'<Status>{status}</Status>{termination_xml(job)}</Job>')


def job_list_descriptor_xml(job):
    """ListJobs' <JobListDescriptor>, in the order of tests/fixtures/responses/list-jobs.xml."""
    description = '' if job['Description'] is None else f'<Description>{xml_escape(job["Description"])}</Description>'
    return (f'<JobListDescriptor><CreationTime>{job["CreationTime"]}</CreationTime>{description}'
            f'<JobId>{job["JobId"]}</JobId><Operation>{job["Operation"]}</Operation>'
            f'<Priority>{job["Priority"]}</Priority>{progress_xml(job, False)}{termination_xml(job)}'
            f'<Status>{job["Status"]}</Status></JobListDescriptor>')


def advance(job):
    """Each look at a job moves it one step, as time would; a job over the stand-in's own objects runs
    when it becomes Active and writes its report when it is Complete (objects.py)."""
    if '[slow]' in (job['Description'] or '') and job['Status'] == 'Active':
        return  # stays Active (a wait's --timeout)
    if '[fail]' in (job['Description'] or '') and job['Status'] in ('Active', 'Failing'):
        job['Status'] = {'Active': 'Failing', 'Failing': 'Failed'}[job['Status']]
        return
    job['Status'] = NEXT.get(job['Status'], job['Status'])
    if job['Status'] == 'Active' and 'Results' not in job:
        objects.execute(job)
    if job['Status'] == 'Complete':
        objects.finish(job)


def _describe(self, job_id, request_id):
    with LOCK:
        job = JOBS_BY_ID.get(job_id)
        if job is None:
            return error('NoSuchJob', 'The specified job does not exist.', 404, request_id)
        shown = job_xml(job)
        advance(job)
    return 200, f'<?xml version="1.0" encoding="UTF-8"?>\n<DescribeJobResult>{shown}</DescribeJobResult>'


def _list_jobs(self, query, request_id):
    # The API page separates statuses with '|'; the Go SDK's tests also write ' | '.
    statuses = [s.strip() for s in query.get('batchJobStatuses', '').split('|') if s.strip()]
    try:
        max_keys = int(query.get('max-keys', '100'))
        # Tokens are opaque base64 text, like the service's (e.g. OTY2NzU4); here they encode an offset.
        token = query.get('continuation-token')
        start = int(base64.b64decode(token).decode()) if token else 0
    except ValueError:
        return error('InvalidArgument', 'max-keys must be a number and continuation-token one this service gave',
                     400, request_id)
    if not 1 <= max_keys <= 1000:
        return error('InvalidArgument', 'max-keys must be 1 to 1000', 400, request_id)
    with LOCK:
        jobs = [j for j in ORDER if not statuses or j['Status'] in statuses]
        page = jobs[start:start + max_keys]
        body = ''.join(job_list_descriptor_xml(j) for j in page)
    # NextToken comes first, and is empty on the last page.
    next_token = base64.b64encode(str(start + max_keys).encode()).decode() if start + max_keys < len(jobs) else ''
    return 200, (f'<?xml version="1.0" encoding="UTF-8"?>\n<ListJobsResult><NextToken>{next_token}</NextToken>'
                 f'<Jobs>{body}</Jobs></ListJobsResult>')


def _update_status(self, query, request_id):
    requested = query.get('requestedJobStatus')
    with LOCK:
        job = JOBS_BY_ID.get(query.get('batchJobId'))
        if job is None:
            return error('NoSuchJob', 'The specified job does not exist.', 404, request_id)
        current = job['Status']
        if requested == 'Ready' and current not in ('Suspended', 'Preparing'):
            return error('InvalidRequest', f'cannot confirm a job in status {current}', 409, request_id)
        if requested == 'Cancelled' and current in ('Cancelled', 'Cancelling', 'Complete', 'Completing', 'Failed', 'Failing'):
            return error('InvalidRequest', f'cannot cancel a job in status {current}', 409, request_id)
        if requested not in ('Ready', 'Cancelled'):
            return error('InvalidArgument', 'requestedJobStatus must be Ready or Cancelled', 400, request_id)
        job['Status'] = 'Ready' if requested == 'Ready' else 'Cancelling'
        job['Reason'] = query.get('statusUpdateReason', '')
        return 200, (f'<?xml version="1.0" encoding="UTF-8"?>\n<UpdateJobStatusResult><JobId>{job["JobId"]}</JobId><Status>{job["Status"]}</Status>'
                     f'<StatusUpdateReason>{xml_escape(job["Reason"])}</StatusUpdateReason></UpdateJobStatusResult>')


def _update_priority(self, query, request_id):
    with LOCK:
        job = JOBS_BY_ID.get(query.get('batchJobId'))
        if job is None:
            return error('NoSuchJob', 'The specified job does not exist.', 404, request_id)
        job['Priority'] = int(query.get('targetPriority', '0'))
        return 200, f'<?xml version="1.0" encoding="UTF-8"?>\n<UpdateJobPriorityResult><JobId>{job["JobId"]}</JobId><Priority>{job["Priority"]}</Priority></UpdateJobPriorityResult>'


Handler.describe = _describe
Handler.list_jobs = _list_jobs
Handler.update_status = _update_status
Handler.update_priority = _update_priority


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--port', type=int, default=0)
    parser.add_argument('--key', action='append', default=[],
                        help='AccessKeyId:AccessKeySecret[:SecurityToken] (with a token: STS keys that need it)')
    parser.add_argument('--region', default='cn-hangzhou', help='region assumed for V1 requests')
    parser.add_argument('--objects', help='a JSON file of objects and planted faults (objects.py)')
    args = parser.parse_args()
    if args.objects:
        objects.load(args.objects)
    for entry in args.key:
        key_id, secret, *token = entry.split(':', 2)
        KEYS[key_id] = secret
        if token:
            TOKENS[key_id] = token[0]
    server = ThreadingHTTPServer(('127.0.0.1', args.port), Handler)
    server.region = args.region
    print(f'listening on http://127.0.0.1:{server.server_address[1]}', flush=True)
    server.serve_forever()


if __name__ == '__main__':
    sys.exit(main())
