#!/usr/bin/env python3
"""Holds the stand-in's object calls and job execution (objects.py) to the official SDK.

The official Python SDK's own client (alibabacloud-oss-v2, path-style against the stand-in, V4) puts,
lists, reads (whole and by Range), heads, and reads the tags and ACL of objects: it signs every request
and parses every answer, so the stand-in's documents must have the shapes the SDK reads. Then a job runs
over objects with planted faults (a missing key, a denied prefix, an archived object) and its report
(layout ASSUMED from S3's) is listed and read through the same client.

    python3 tests/oss-standin/test_objects.py
"""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest

import alibabacloud_oss_v2 as oss

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_shapes import KEY, ROOT, SECRET, StandIn  # noqa: E402

SEED = {
    'objects': [
        {'bucket': 'manifest-bucket', 'key': 'manifest.csv',
         'body': 'data-bucket,photos/a.jpg\r\ndata-bucket,photos/b.jpg\r\ndata-bucket,photos/missing.jpg\r\n'
                 'data-bucket,private/c.jpg\r\ndata-bucket,archive/d.jpg\r\n'},
        {'bucket': 'data-bucket', 'key': 'photos/a.jpg', 'body': 'a'},
        {'bucket': 'data-bucket', 'key': 'photos/b.jpg', 'body': 'b', 'tags': [['old', '1']]},
        {'bucket': 'data-bucket', 'key': 'private/c.jpg', 'body': 'c'},
        {'bucket': 'data-bucket', 'key': 'archive/d.jpg', 'body': 'd', 'storageClass': 'Archive'},
        {'bucket': 'report-bucket', 'key': 'keep.txt', 'body': 'x'},
        {'bucket': 'other-bucket', 'key': 'tagged.txt', 'body': 't', 'tags': [['old', '1']]},
    ],
    'denied': [{'bucket': 'data-bucket', 'prefix': 'private/', 'action': 'oss:PutObjectTagging'}],
}


class SeededStandIn(StandIn):
    def __init__(self, seed_path):
        self.process = subprocess.Popen(
            [sys.executable, os.path.join(ROOT, 'tests', 'oss-standin', 'standin.py'), '--port', '0',
             '--key', f'{KEY}:{SECRET}', '--objects', seed_path], stdout=subprocess.PIPE, text=True)
        self.base = self.process.stdout.readline().strip().split()[-1]


class StandInObjects(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        seed = tempfile.NamedTemporaryFile('w', suffix='.json', delete=False)
        json.dump(SEED, seed)
        seed.close()
        cls.addClassCleanup(os.unlink, seed.name)
        cls.standin = SeededStandIn(seed.name)
        cls.addClassCleanup(cls.standin.stop)
        config = oss.config.load_default()
        config.credentials_provider = oss.credentials.StaticCredentialsProvider(KEY, SECRET)
        config.region = 'cn-hangzhou'
        config.endpoint = cls.standin.base
        config.use_path_style = True
        # The stand-in computes no CRC-64 (x-oss-hash-crc64ecma); the MD5 and ETag are checked instead.
        config.disable_upload_crc64_check = True
        config.disable_download_crc64_check = True
        config.retry_max_attempts = 1
        cls.client = oss.Client(config)

    def test_put_list_get_range_head_tagging_and_acl_through_the_sdk(self):
        c = self.client
        put = c.put_object(oss.PutObjectRequest(bucket='report-bucket', key='dir/a b.csv', body=b'hello, world'))
        self.assertEqual(put.etag, '"E4D7F1B4ED2E42D15898F4B27B019DA4"')
        listed = c.list_objects_v2(oss.ListObjectsV2Request(bucket='report-bucket', prefix='dir/', max_keys=10))
        self.assertEqual([o.key for o in listed.contents], ['dir/a b.csv'])
        self.assertEqual(listed.contents[0].size, 12)
        self.assertFalse(listed.is_truncated)
        got = c.get_object(oss.GetObjectRequest(bucket='report-bucket', key='dir/a b.csv', range_header='bytes=7-11'))
        self.assertEqual(got.body.read(), b'world')
        head = c.head_object(oss.HeadObjectRequest(bucket='data-bucket', key='archive/d.jpg'))
        self.assertEqual(head.storage_class, 'Archive')
        tags = c.get_object_tagging(oss.GetObjectTaggingRequest(bucket='other-bucket', key='tagged.txt'))
        self.assertEqual([(t.key, t.value) for t in tags.tag_set.tags], [('old', '1')])
        acl = c.get_object_acl(oss.GetObjectAclRequest(bucket='other-bucket', key='tagged.txt'))
        self.assertEqual(acl.acl, 'default')
        with self.assertRaises(oss.exceptions.OperationError) as missing:
            c.get_object(oss.GetObjectRequest(bucket='data-bucket', key='nope'))
        self.assertIn('NoSuchKey', str(missing.exception))
        # An archived object's data needs a restore first (RestoreObject page); its tags do not.
        with self.assertRaises(oss.exceptions.OperationError) as frozen:
            c.get_object(oss.GetObjectRequest(bucket='data-bucket', key='archive/d.jpg'))
        self.assertIn('InvalidObjectState', str(frozen.exception))
        with self.assertRaises(oss.exceptions.OperationError) as no_rules:
            c.invoke_operation(oss.OperationInput(
                op_name='GetBucketLifecycle', method='GET', bucket='data-bucket', parameters={'lifecycle': ''}))
        self.assertIn('NoSuchLifecycle', str(no_rules.exception))
        # A HEAD answer has no body: the SDK reads the <Error> from x-oss-err, the EC from x-oss-ec.
        with self.assertRaises(oss.exceptions.OperationError) as headless:
            c.head_object(oss.HeadObjectRequest(bucket='data-bucket', key='nope'))
        error = headless.exception.unwrap()
        self.assertEqual((error.status_code, error.code, error.ec), (404, 'NoSuchKey', '0002-0000404'))
        self.assertEqual(error.snapshot, b'')

    def test_the_rollback_calls_through_the_sdk(self):
        # PutObjectTagging replaces the whole set, DeleteObjectTagging empties it (204), PutObjectAcl
        # sets x-oss-object-acl: each signed and read by the official SDK's own operations.
        c = self.client
        c.put_object(oss.PutObjectRequest(bucket='report-bucket', key='rb/t.txt', body=b't'))
        tags = [oss.Tag(key='新 k', value='a+b=c'), oss.Tag(key='e', value='')]
        put = c.put_object_tagging(oss.PutObjectTaggingRequest(
            bucket='report-bucket', key='rb/t.txt', tagging=oss.Tagging(tag_set=oss.TagSet(tags=tags))))
        self.assertEqual(put.status_code, 200)
        got = c.get_object_tagging(oss.GetObjectTaggingRequest(bucket='report-bucket', key='rb/t.txt'))
        self.assertEqual([(t.key, t.value or '') for t in got.tag_set.tags], [('新 k', 'a+b=c'), ('e', '')])
        deleted = c.delete_object_tagging(oss.DeleteObjectTaggingRequest(bucket='report-bucket', key='rb/t.txt'))
        self.assertEqual(deleted.status_code, 204)
        got = c.get_object_tagging(oss.GetObjectTaggingRequest(bucket='report-bucket', key='rb/t.txt'))
        self.assertEqual(got.tag_set.tags or [], [])
        c.put_object_acl(oss.PutObjectAclRequest(bucket='report-bucket', key='rb/t.txt', acl='public-read'))
        acl = c.get_object_acl(oss.GetObjectAclRequest(bucket='report-bucket', key='rb/t.txt'))
        self.assertEqual(acl.acl, 'public-read')
        with self.assertRaises(oss.exceptions.OperationError) as missing:
            c.put_object_acl(oss.PutObjectAclRequest(bucket='report-bucket', key='rb/none', acl='private'))
        self.assertIn('NoSuchKey', str(missing.exception))

    def test_listing_pages_with_a_continuation_token(self):
        keys = []
        token = None
        while True:
            page = self.client.list_objects_v2(oss.ListObjectsV2Request(
                bucket='data-bucket', max_keys=2, continuation_token=token))
            keys += [o.key for o in page.contents]
            if not page.is_truncated:
                break
            token = page.next_continuation_token
        self.assertEqual(keys, ['archive/d.jpg', 'photos/a.jpg', 'photos/b.jpg', 'private/c.jpg'])

    def test_a_job_runs_over_the_objects_with_its_planted_faults_and_writes_its_report(self):
        s = self.standin
        job = s.create('<ConfirmationRequired>false</ConfirmationRequired><Operation><PutObjectTagging><TagSet>'
                       '<Tag><Key>env</Key><Value>prod</Value></Tag></TagSet></PutObjectTagging></Operation>'
                       '<Report><Bucket>report-bucket</Bucket><Enabled>true</Enabled><Prefix>reports</Prefix>'
                       '<ReportScope>AllTasks</ReportScope></Report><ClientRequestToken>t-objects</ClientRequestToken>'
                       '<Manifest><Location><Bucket>manifest-bucket</Bucket><Object>manifest.csv</Object></Location>'
                       '<Spec><Fields>Bucket,Key</Fields><Format>OSS_BatchOperations_CSV_20250611</Format></Spec>'
                       '</Manifest><Priority>1</Priority><RoleArn>acs:ram::1:role/batch</RoleArn>')
        for _ in range(3):
            described = s.describe(job)
        self.assertEqual(described.findtext('Job/Status'), 'Complete')
        progress = described.find('Job/ProgressSummary')
        self.assertEqual([progress.findtext(n) for n in ('TotalNumberOfTasks', 'NumberOfTasksSucceeded', 'NumberOfTasksFailed')],
                         ['5', '3', '2'])
        tags = self.client.get_object_tagging(oss.GetObjectTaggingRequest(bucket='data-bucket', key='photos/b.jpg'))
        self.assertEqual([(t.key, t.value) for t in tags.tag_set.tags], [('env', 'prod')])
        tags = self.client.get_object_tagging(oss.GetObjectTaggingRequest(bucket='data-bucket', key='archive/d.jpg'))
        self.assertEqual([(t.key, t.value) for t in tags.tag_set.tags], [('env', 'prod')], 'archived, still tagged')
        listed = self.client.list_objects_v2(oss.ListObjectsV2Request(bucket='report-bucket', prefix=f'reports/job-{job}/'))
        keys = sorted(o.key for o in listed.contents)
        self.assertEqual(len(keys), 3, keys)
        self.assertTrue(keys[0].endswith('manifest.json'))
        manifest = json.loads(self.client.get_object(oss.GetObjectRequest(bucket='report-bucket', key=keys[0])).body.read())
        failed = next(r for r in manifest['Results'] if r['TaskExecutionStatus'] == 'failed')
        rows = list(csv.reader(io.StringIO(self.client.get_object(
            oss.GetObjectRequest(bucket='report-bucket', key=failed['Key'])).body.read().decode())))
        self.assertEqual(sorted((r[1], r[4], r[5]) for r in rows), [
            ('photos/missing.jpg', '404', 'NoSuchKey'), ('private/c.jpg', '403', 'AccessDenied')])


if __name__ == '__main__':
    unittest.main(verbosity=2)
