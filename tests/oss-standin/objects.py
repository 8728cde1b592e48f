"""The stand-in's buckets (issue #22): objects in memory, the object calls a job's aftermath needs, and
the execution of a job over those objects with planted faults, writing a completion report.

Object calls, path-style (`/<bucket>/<key>`, as a client addresses a non-aliyuncs endpoint), each
signature checked by the official SDK's signer with the bucket and key in its context (standin.py):
ListObjectsV2 (`GET /<bucket>/?list-type=2`, prefix, max-keys, continuation-token), GetObject (with
Range), HeadObject (x-oss-storage-class, x-oss-restore), GetObjectTagging, GetObjectAcl, PutObject, and
the calls a rollback's direct plan makes: PutObjectTagging (`PUT ?tagging`), DeleteObjectTagging
(`DELETE ?tagging`, 204), PutObjectACL (`PUT ?acl` with x-oss-object-acl).
Shapes from the OSS API pages (ListObjectsV2 (GetBucketV2), GetObject, HeadObject, GetObjectTagging,
GetObjectAcl, PutObject); PutObject answers the ETag as OSS does, upper-case hex in quotes.

Seed (`--objects FILE.json`: {"objects": [{"bucket", "key", "body"?, "storageClass"?, "tags"?: [[k, v]],
"acl"?, "versionId"?, "restore"?: "ongoing"|"done"}], "denied": [{"bucket", "prefix", "action"}],
"lifecycle": {"bucket": "<LifecycleConfiguration>…"}}). What a task meets, each from OSS's documents
(issue #30; docs/decisions.md "The stand-in's task outcomes"): a row naming a key that does not exist
fails NoSuchKey (404), a version the object does not have NoSuchVersion (404); an object under a denied
prefix for the job's action fails AccessDenied (403), as a role without that action would. Archived
objects take tag and ACL changes (the RestoreObject page lists the calls that need a restored object:
GetObject, ProcessImage, CopyObject, UploadPartCopy, SelectObject, PostProcessTask; GetObject of an
archived object not restored answers 403 InvalidObjectState here). RestoreObject: a restore while one
is in progress fails 409 RestoreAlreadyInProgress, of a restored object succeeds (RestoreObject page);
of an object that is not archived fails 400 with the code OperationNotSupported, which no page read
confirms (the page says only that it does not apply). AddObjectTagging that would leave an object
more than 10 tags fails 400 with no error code: OSS documents the limit, not the code. An object
listed under "lying" reports success without any effect (what the effect check must catch). Clearing
the faults: `POST /?standin-clear-faults` (unsigned; tests only) drops the denied prefixes, restores
archived objects and creates the objects tasks found missing. GetBucketLifecycle answers the seed's
rules, or 404 NoSuchLifecycle.

The completion report's layout is **ASSUMED (S3's layout)**: OSS documents none (docs/decisions.md,
"The completion report"). It is written under Report.Bucket as S3 Batch Operations writes it:
`<prefix>/job-<id>/results/<hex>.csv` (RFC 4180, CRLF, no header; rows `bucket,key,versionId,
taskStatus,httpStatus,errorCode,message` in the order S3's real reports use) and
`<prefix>/job-<id>/manifest.json`. It lets the tests exercise the reader without claiming OSS's format.
"""
import base64
import csv
import datetime
import hashlib
import io
import json
import xml.etree.ElementTree as ET
from urllib.parse import unquote
from xml.sax.saxutils import escape as xml_escape

STORE = {}  # bucket -> key -> object
DENIED = []  # (bucket, key prefix, action)
MISSING = set()  # (bucket, key) a task found missing: clearing the faults creates them
LIFECYCLE = {}  # bucket -> GetBucketLifecycle document
LYING = set()  # (bucket, key) whose tasks report success without any effect (for the effect check)
ARCHIVED = ('Archive', 'ColdArchive', 'DeepColdArchive')
ACTIONS = {'PutObjectTagging': 'oss:PutObjectTagging', 'AddObjectTagging': 'oss:PutObjectTagging',
           'DeleteObjectTagging': 'oss:DeleteObjectTagging', 'PutObjectAcl': 'oss:PutObjectAcl',
           'RestoreObject': 'oss:RestoreObject'}


def now_iso():
    return datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.000Z')


def put(bucket, key, data, storage='Standard', tags=None, acl='default', version=None, restore=None):
    STORE.setdefault(bucket, {})[key] = {'data': data, 'tags': list(tags or []), 'acl': acl, 'storage': storage,
                                         'restore': restore, 'modified': now_iso(), 'version': version}
    return STORE[bucket][key]


def etag(data):
    return '"' + hashlib.md5(data).hexdigest().upper() + '"'


def load(path):
    with open(path, encoding='utf-8') as f:
        seed = json.load(f)
    for o in seed.get('objects', []):
        put(o['bucket'], o['key'], o.get('body', '').encode('utf-8'), o.get('storageClass', 'Standard'),
            [tuple(t) for t in o.get('tags', [])], o.get('acl', 'default'), o.get('versionId'), o.get('restore'))
    LIFECYCLE.update(seed.get('lifecycle', {}))
    for d in seed.get('denied', []):
        DENIED.append((d['bucket'], d['prefix'], d['action']))
    for o in seed.get('lying', []):
        LYING.add((o['bucket'], o['key']))


def clear_faults():
    DENIED.clear()
    for bucket, key in MISSING:
        put(bucket, key, b'')
    MISSING.clear()
    for objects in STORE.values():
        for o in objects.values():
            if o['storage'] in ARCHIVED:
                o['restore'] = 'done'


def split(path):
    """(bucket, key or None) of a path-style request path."""
    path = path.split('?', 1)[0]
    bucket, _, key = path[1:].partition('/')
    return unquote(bucket), (unquote(key) if key else None)


def not_found(error, request_id):
    return error('NoSuchKey', 'The specified key does not exist.', 404, request_id)


def handle(method, path, query, headers, body, request_id, error):
    """(status, body bytes, headers) of an object call."""
    bucket, key = split(path)
    xml_headers = {'Content-Type': 'application/xml'}
    if bucket not in STORE and method != 'PUT':
        status, text = error('NoSuchBucket', 'The specified bucket does not exist.', 404, request_id)
        return status, text.encode(), xml_headers
    if key is None and method == 'GET' and query.get('list-type') == '2':
        return list_objects(bucket, query)
    if key is None and method == 'GET' and 'lifecycle' in query:
        if bucket not in LIFECYCLE:
            status, text = error('NoSuchLifecycle', 'No Row found in Lifecycle Table.', 404, request_id)
            return status, text.encode(), xml_headers
        return 200, LIFECYCLE[bucket].encode(), xml_headers
    if key is None:
        status, text = error('InvalidRequest', f'unexpected bucket request {method} {path}', 400, request_id)
        return status, text.encode(), xml_headers
    if method == 'PUT' and 'tagging' not in query and 'acl' not in query:
        obj = put(bucket, key, body)
        return 200, b'', {'ETag': etag(obj['data'])}
    obj = STORE[bucket].get(key)
    if obj is None:
        status, text = not_found(error, request_id)
        return status, text.encode(), xml_headers
    if query.get('versionId') and query['versionId'] != obj['version']:
        status, text = error('NoSuchVersion', 'The specified version does not exist.', 404, request_id)
        return status, text.encode(), xml_headers
    if method == 'PUT' and 'tagging' in query:
        # PutObjectTagging: the body's TagSet replaces every tag (200, no body).
        root = ET.fromstring(body)
        obj['tags'] = [(t.findtext('Key') or '', t.findtext('Value') or '') for t in root.findall('TagSet/Tag')]
        return 200, b'', {}
    if method == 'PUT' and 'acl' in query:
        # PutObjectACL: x-oss-object-acl names the ACL (200, no body).
        acl = headers.get('x-oss-object-acl', '')
        if acl not in ('default', 'private', 'public-read', 'public-read-write'):
            # Never reached from ossbatch (its builder refuses other values); no code is claimed for it.
            status, text = error('InvalidRequest', f'the stand-in models no ACL {acl!r}', 400, request_id)
            return status, text.encode(), xml_headers
        obj['acl'] = acl
        return 200, b'', {}
    if method == 'DELETE' and 'tagging' in query:
        # DeleteObjectTagging: 204 No Content (ali-oss's deleteObjectTagging expects 204).
        obj['tags'] = []
        return 204, b'', {}
    if method == 'DELETE':
        status, text = error('InvalidRequest', f'unexpected request {method} {path}', 400, request_id)
        return status, text.encode(), xml_headers
    if 'tagging' in query:
        tags = ''.join(f'<Tag><Key>{xml_escape(k)}</Key><Value>{xml_escape(v)}</Value></Tag>' for k, v in obj['tags'])
        return 200, f'<?xml version="1.0" encoding="UTF-8"?>\n<Tagging><TagSet>{tags}</TagSet></Tagging>'.encode(), xml_headers
    if 'acl' in query:
        return 200, ('<?xml version="1.0" encoding="UTF-8"?>\n<AccessControlPolicy><Owner><ID>0022012</ID>'
                     '<DisplayName>0022012</DisplayName></Owner><AccessControlList>'
                     f'<Grant>{obj["acl"]}</Grant></AccessControlList></AccessControlPolicy>').encode(), xml_headers
    info = {'ETag': etag(obj['data']), 'x-oss-storage-class': obj['storage'], 'Content-Type': 'text/csv',
            'Last-Modified': datetime.datetime.now(datetime.timezone.utc).strftime('%a, %d %b %Y %H:%M:%S GMT')}
    if obj['restore'] == 'ongoing':
        info['x-oss-restore'] = 'ongoing-request="true"'
    elif obj['restore'] == 'done':
        info['x-oss-restore'] = 'ongoing-request="false", expiry-date="Sun, 16 Apr 2034 08:12:33 GMT"'
    if obj['version']:
        info['x-oss-version-id'] = obj['version']
    if method == 'HEAD':
        info['Content-Length'] = str(len(obj['data']))
        return 200, b'', info
    if obj['storage'] in ARCHIVED and obj['restore'] != 'done':
        status, text = error('InvalidObjectState', "The operation is not valid for the object's state.", 403, request_id)
        return status, text.encode(), xml_headers
    data = obj['data']
    ranged = headers.get('Range', '')
    if ranged.startswith('bytes='):
        first, _, last = ranged[6:].partition('-')
        first = int(first or 0)
        last = min(int(last) if last else len(data) - 1, len(data) - 1)
        info['Content-Range'] = f'bytes {first}-{last}/{len(data)}'
        return 206, data[first:last + 1], info
    return 200, data, info


def list_objects(bucket, query):
    prefix = query.get('prefix', '')
    max_keys = int(query.get('max-keys', '100'))
    token = query.get('continuation-token')
    start = int(base64.b64decode(token).decode()) if token else 0
    keys = sorted(k for k in STORE[bucket] if k.startswith(prefix))
    page = keys[start:start + max_keys]
    truncated = start + max_keys < len(keys)
    contents = ''.join(
        f'<Contents><Key>{xml_escape(k)}</Key><LastModified>{STORE[bucket][k]["modified"]}</LastModified>'
        f'<ETag>{etag(STORE[bucket][k]["data"])}</ETag><Type>Normal</Type><Size>{len(STORE[bucket][k]["data"])}</Size>'
        f'<StorageClass>{STORE[bucket][k]["storage"]}</StorageClass></Contents>' for k in page)
    next_token = f'<NextContinuationToken>{base64.b64encode(str(start + max_keys).encode()).decode()}</NextContinuationToken>' if truncated else ''
    body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult><Name>{bucket}</Name>'
            f'<Prefix>{xml_escape(prefix)}</Prefix><MaxKeys>{max_keys}</MaxKeys><Delimiter></Delimiter>'
            f'<IsTruncated>{str(truncated).lower()}</IsTruncated>{next_token}{contents}<KeyCount>{len(page)}</KeyCount>'
            f'</ListBucketResult>')
    return 200, body.encode(), {'Content-Type': 'application/xml'}


def manifest_rows(root):
    """(bucket, key, version) of every object the job names; None when its source is not here."""
    location = root.find('Manifest/Location')
    if location is not None:
        obj = STORE.get(location.findtext('Bucket') or '', {}).get(location.findtext('Object') or '')
        if obj is None:
            return None
        fields = [f.strip() for f in (root.findtext('Manifest/Spec/Fields') or 'Bucket,Key').split(',')]
        rows = []
        for row in csv.reader(io.StringIO(obj['data'].decode('utf-8'), newline='')):
            if row:
                named = dict(zip(fields, row))
                rows.append((named.get('Bucket', ''), named.get('Key', ''), named.get('VersionId', '')))
        return rows
    generator = root.find('KeyPrefixManifestGenerator')
    if generator is not None and (generator.findtext('SourceBucket') or '') in STORE:
        bucket = generator.findtext('SourceBucket')
        prefix = generator.findtext('Prefix') or ''
        return [(bucket, k, '') for k in sorted(STORE[bucket]) if k.startswith(prefix)]
    return None


def apply(operation, element, bucket, key, version=''):
    """(http status, error code, message) of one task; (200, '', 'Successful') when it succeeded."""
    if bucket not in STORE:
        return 404, 'NoSuchBucket', 'The specified bucket does not exist.'
    obj = STORE.get(bucket, {}).get(key)
    if obj is None:
        MISSING.add((bucket, key))
        return 404, 'NoSuchKey', 'The specified key does not exist.'
    if version and version != obj['version']:
        return 404, 'NoSuchVersion', 'The specified version does not exist.'
    if any(bucket == b and key.startswith(p) and ACTIONS[operation] == a for b, p, a in DENIED):
        return 403, 'AccessDenied', 'You have no right to access this object because of bucket acl.'
    if (bucket, key) in LYING:
        return 200, '', 'Successful'
    if operation == 'RestoreObject':
        if obj['storage'] not in ARCHIVED:
            # The page says RestoreObject does not apply; the code is not confirmed (objects.py's note).
            return 400, 'OperationNotSupported', 'The operation is not supported for this resource.'
        if obj['restore'] == 'ongoing':
            return 409, 'RestoreAlreadyInProgress', 'The restore operation is in progress.'
        obj['restore'] = obj['restore'] or 'ongoing'
        return 200, '', 'Successful'
    tags = [(t.findtext('Key') or '', t.findtext('Value') or '') for t in element.findall('TagSet/Tag')]
    if operation == 'AddObjectTagging':
        kept = [t for t in obj['tags'] if t[0] not in {k for k, _ in tags}]
        if len(kept) + len(tags) > 10:
            # OSS documents at most 10 tags an object, not the error code an 11th gets: none here.
            return 400, '', 'The object would have more than 10 tags.'
    if operation == 'PutObjectTagging':
        obj['tags'] = tags
    elif operation == 'AddObjectTagging':
        obj['tags'] = [t for t in obj['tags'] if t[0] not in {k for k, _ in tags}] + tags
    elif operation == 'DeleteObjectTagging':
        obj['tags'] = []
    elif operation == 'PutObjectAcl':
        obj['acl'] = element.findtext('ObjectAcl') or 'default'
    return 200, '', 'Successful'


def report_csv(rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator='\r\n')
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode('utf-8')


def execute(job):
    """Runs the job over the objects here when it becomes Active, if its manifest (or generator
    bucket) is here: sets the job's results. Returns False when the job's source is not here."""
    root = ET.fromstring(job['Body'])
    rows = manifest_rows(root)
    if rows is None:
        return False
    operation_element = root.find('Operation')[0]
    operation = operation_element.tag
    results = []
    for bucket, key, version in rows:
        http, code, message = apply(operation, operation_element, bucket, key, version)
        results.append((bucket, key, version, 'succeeded' if http == 200 else 'failed', str(http), code, message))
    job['Results'] = results
    return True


def finish(job):
    """The job has ended: its report is written (when it has results and asks for a report)."""
    if 'Results' not in job or job.get('Reported'):
        return
    job['Reported'] = True
    report = ET.fromstring(job['Body']).find('Report')
    if report is not None and (report.findtext('Enabled') or '').strip() == 'true':
        write_report(job, report, job['Results'])


def write_report(job, report, results):
    bucket, prefix = report.findtext('Bucket') or '', report.findtext('Prefix') or ''
    scope = report.findtext('ReportScope') or 'AllTasks'
    base = f'{prefix}/job-{job["JobId"]}' if prefix else f'job-{job["JobId"]}'
    entries = []
    for status in ('failed', 'succeeded'):
        chosen = [r for r in results if r[3] == status]
        if not chosen or (status == 'succeeded' and scope == 'FailedTasksOnly'):
            continue
        data = report_csv(chosen)
        key = f'{base}/results/{hashlib.sha1(data).hexdigest()[:16]}.csv'
        put(bucket, key, data)
        entries.append({'TaskExecutionStatus': status, 'Bucket': bucket,
                        'MD5Checksum': hashlib.md5(data).hexdigest(), 'Key': key})
    manifest = {'Format': 'Report_CSV_20180820', 'ReportCreationDate': now_iso(), 'Results': entries,
                'ReportSchema': 'Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage'}
    put(bucket, f'{base}/manifest.json', json.dumps(manifest).encode('utf-8'))
