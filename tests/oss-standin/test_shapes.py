#!/usr/bin/env python3
"""Holds the OSS stand-in to the shapes of the real service.

Starts the stand-in, drives jobs through every variant the fixtures in tests/fixtures/responses/ show
(complete, failed with a prefix generator, waiting for confirmation, first, last and empty ListJobs
pages, running entries, both updates, an error), signing each request with the official SDK, and
compares each document with its fixture element by element: the same element names in the same order
at every level, and leaf values of the same kind (integer, boolean, empty, text). Repeated entries
(JobListDescriptor, JobFailure) must each have one of the fixture's entry shapes, and together the
same set of shapes.

    python3 tests/oss-standin/test_shapes.py
"""
import datetime
import os
import re
import subprocess
import sys
import unittest
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from urllib.parse import quote

from alibabacloud_oss_v2.signer.v4 import SignerV4
from alibabacloud_oss_v2.types import Credentials, HttpRequest, SigningContext

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, 'tests', 'fixtures', 'responses')
KEY, SECRET = 'LTAI5tShapeTestKey', 'ShapeTestSecret0123456789'
REPEATED = {'JobListDescriptor', 'JobFailure'}


def kind(text):
    text = (text or '').strip()
    if text == '':
        return 'empty'
    if re.fullmatch(r'-?\d+', text):
        return 'int'
    if text in ('true', 'false'):
        return 'bool'
    return 'text'


def shape(element):
    """(tag, leaf kind or None, children) with runs of repeated entries collapsed to a set of shapes."""
    children = list(element)
    if not children:
        return (element.tag, kind(element.text), ())
    out = []
    for child in children:
        child_shape = shape(child)
        if child.tag in REPEATED and out and isinstance(out[-1], tuple) and out[-1][0] == ('*', child.tag):
            out[-1] = (('*', child.tag), out[-1][1] | {child_shape})
        elif child.tag in REPEATED:
            out.append((('*', child.tag), frozenset({child_shape})))
        else:
            out.append(child_shape)
    return (element.tag, None, tuple(out))


def fixture(name):
    with open(os.path.join(FIXTURES, name), encoding='utf-8') as f:
        return ET.fromstring(f.read().encode('utf-8'))


def differences(ours, theirs, path=''):
    """Human-readable differences between two shapes, empty when they match."""
    if ours == theirs:
        return []
    if isinstance(ours[0], tuple):  # a run of repeated entries
        return [f'{path}/{ours[0][1]}: stand-in entry shapes {sorted(map(str, ours[1]))} != fixture {sorted(map(str, theirs[1]))}']
    tag, leaf, children = ours
    if tag != theirs[0]:
        return [f'{path}: <{tag}> where the fixture has <{theirs[0]}>']
    here = f'{path}/{tag}'
    if leaf != theirs[1]:
        return [f'{here}: {leaf} value where the fixture has {theirs[1]}']
    names = [c[0] if not isinstance(c[0], tuple) else c[0][1] for c in children]
    expected = [c[0] if not isinstance(c[0], tuple) else c[0][1] for c in theirs[2]]
    if names != expected:
        return [f'{here}: children {names} != fixture {expected}']
    found = []
    for a, b in zip(children, theirs[2]):
        found += differences(a, b, here)
    return found


class StandIn:
    def __init__(self):
        self.process = subprocess.Popen(
            [sys.executable, os.path.join(ROOT, 'tests', 'oss-standin', 'standin.py'), '--port', '0',
             '--key', f'{KEY}:{SECRET}'], stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        self.base = line.strip().split()[-1]

    def call(self, method, query, body=b''):
        query_string = '&'.join(f'{quote(k)}={quote(v)}' if v else quote(k) for k, v in query)
        url = f'https://oss-cn-hangzhou.aliyuncs.com/?{query_string}'
        headers = {'Content-Type': 'application/xml'} if body else {}
        if body:
            import base64
            import hashlib
            headers['Content-MD5'] = base64.b64encode(hashlib.md5(body).digest()).decode()
        request = HttpRequest(method=method, url=url, headers=headers, body=body)
        context = SigningContext(product='oss', region='cn-hangzhou', request=request,
                                 credentials=Credentials(KEY, SECRET),
                                 signing_time=datetime.datetime.now(datetime.timezone.utc))
        SignerV4().sign(context)
        sent = urllib.request.Request(f'{self.base}/?{query_string}', data=body or None, method=method,
                                      headers={k: v for k, v in request.headers.items() if k.lower() != 'date'})
        try:
            with urllib.request.urlopen(sent, timeout=10) as answer:
                return answer.status, ET.fromstring(answer.read())
        except urllib.error.HTTPError as error:
            return error.code, ET.fromstring(error.read())

    def create(self, settings):
        body = f'<?xml version="1.0" encoding="UTF-8"?><CreateJobRequest>{settings}</CreateJobRequest>'.encode()
        status, root = self.call('POST', [('batchJob', '')], body)
        assert status == 200, ET.tostring(root)
        return root.findtext('JobId')

    def describe(self, job_id):
        status, root = self.call('GET', [('batchJob', ''), ('batchJobId', job_id)])
        assert status == 200, ET.tostring(root)
        return root

    def list(self, statuses=None, max_keys=None, token=None):
        query = [('batchJob', '')]
        if statuses:
            query.append(('batchJobStatuses', '|'.join(statuses)))
        if token:
            query.append(('continuation-token', token))
        if max_keys:
            query.append(('max-keys', str(max_keys)))
        status, root = self.call('GET', query)
        assert status == 200, ET.tostring(root)
        return root

    def stop(self):
        self.process.kill()
        self.process.wait()


REPORT = ('<Report><Bucket>report-bucket</Bucket><Enabled>true</Enabled><Prefix>reports/</Prefix>'
          '<ReportScope>{scope}</ReportScope></Report>')
MANIFEST = ('<Manifest><Location><ETag>d41d8cd98f00b204e9800998ecf8427e</ETag><Bucket>manifest-bucket</Bucket>'
            '<Object>manifest.csv</Object>{version}</Location><Spec><Fields>Bucket,Key</Fields>'
            '<Format>OSS_BatchOperations_CSV_20250611</Format></Spec></Manifest>')
ROLE = '<RoleArn>acs:ram::1234567890:role/oss-sdk-batch-test</RoleArn>'


def request(confirm, operation, source, description, token, scope='AllTasks'):
    return (f'<ConfirmationRequired>{confirm}</ConfirmationRequired><Operation>{operation}</Operation>'
            f'{REPORT.format(scope=scope)}<ClientRequestToken>{token}</ClientRequestToken>{source}'
            f'<Description>{description}</Description><Priority>10</Priority>{ROLE}')


class StandInShapes(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.standin = StandIn()
        cls.addClassCleanup(cls.standin.stop)
        s = cls.standin
        cls.complete = s.create(request('false', '<RestoreObject><Days>7</Days><Tier>Standard</Tier></RestoreObject>',
                                        MANIFEST.format(version='<VersionId>v1</VersionId>'), 'restore', 't-complete'))
        cls.failed = s.create(request('false', '<DeleteObjectTagging></DeleteObjectTagging>',
                                      '<KeyPrefixManifestGenerator><SourceBucket>source-bucket</SourceBucket>'
                                      '<Prefix>data/</Prefix></KeyPrefixManifestGenerator>', 'tags [fail]', 't-failed',
                                      scope='FailedTasksOnly'))
        cls.suspended = s.create(request('true', '<PutObjectAcl><ObjectAcl>private</ObjectAcl></PutObjectAcl>',
                                         MANIFEST.format(version=''), 'acl', 't-suspended'))
        cls.active = s.create(request('false', '<PutObjectAcl><ObjectAcl>private</ObjectAcl></PutObjectAcl>',
                                      MANIFEST.format(version=''), 'acl 2', 't-active'))
        # Move the first two to their ends (each look advances a job one step, as time would).
        for _ in range(3):
            s.describe(cls.complete)
            s.describe(cls.failed)

    def assertSameShape(self, ours, fixture_name):
        found = differences(shape(ours), shape(fixture(fixture_name)))
        self.assertEqual(found, [], f'stand-in vs {fixture_name}:\n' + '\n'.join(found)
                         + '\n' + ET.tostring(ours, encoding='unicode'))

    def test_describe_complete(self):
        self.assertSameShape(self.standin.describe(self.complete), 'describe-job.xml')

    def test_describe_failed_with_a_prefix_generator(self):
        self.assertSameShape(self.standin.describe(self.failed), 'describe-job-failed.xml')

    def test_describe_waiting_for_confirmation(self):
        self.assertSameShape(self.standin.describe(self.suspended), 'describe-job-suspended.xml')

    def test_list_first_last_and_empty_pages(self):
        first = self.standin.list(['Complete', 'Failed'], max_keys=1)
        self.assertSameShape(first, 'list-jobs.xml')
        last = self.standin.list(['Complete', 'Failed'], max_keys=1, token=first.findtext('NextToken'))
        self.assertSameShape(last, 'list-jobs-last-page.xml')
        self.assertSameShape(self.standin.list(['Paused']), 'list-jobs-empty.xml')

    def test_list_running_entries(self):
        self.assertSameShape(self.standin.list(['Active', 'Suspended']), 'list-jobs-running.xml')

    def test_updates(self):
        job = self.standin.create(request('false', '<PutObjectAcl><ObjectAcl>private</ObjectAcl></PutObjectAcl>',
                                          MANIFEST.format(version=''), 'to cancel', 't-update'))
        status, root = self.standin.call('POST', [('batchJobPriority', ''), ('batchJobId', job), ('targetPriority', '20')])
        self.assertEqual(status, 200)
        self.assertSameShape(root, 'update-job-priority.xml')
        status, root = self.standin.call('POST', [('batchJobStatus', ''), ('batchJobId', job),
                                                  ('requestedJobStatus', 'Cancelled'),
                                                  ('statusUpdateReason', 'User requested cancellation')])
        self.assertEqual(status, 200)
        self.assertSameShape(root, 'update-job-status.xml')

    def test_errors(self):
        status, root = self.standin.call('GET', [('batchJob', ''), ('batchJobId', 'no-such-job')])
        self.assertEqual(status, 404)
        # The fixture's children, less BucketName (only bucket errors carry it).
        expected = [c.tag for c in fixture('error-no-such-bucket.xml') if c.tag != 'BucketName']
        self.assertEqual([c.tag for c in root], expected)

    def test_the_comparison_can_fail(self):
        # A document in the invented <Job> shape the stand-in used to send must not pass.
        invented = ET.fromstring('<ListJobsResult><Jobs><Job><JobId>a</JobId></Job></Jobs>'
                                 '<NextToken>1</NextToken></ListJobsResult>')
        self.assertNotEqual(differences(shape(invented), shape(fixture('list-jobs.xml'))), [])


if __name__ == '__main__':
    unittest.main(verbosity=2)
