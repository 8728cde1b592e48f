// Type-checked with `tsc --noEmit` against the installed package: the d.ts must accept real use and
// reject misspellings (each @ts-expect-error below fails the check if the types stop catching it).
import { validate, toXml, fromXml, fromJson, toJson, rules } from 'ossbatch';
import { signCreateJob, parseResponse, signDescribeJob, signListJobs, signUpdateJobStatus, signUpdateJobPriority } from 'ossbatch/sign';
import type { CreateJobRequest, Issue, RuleInfo, Severity } from 'ossbatch';
import type { SignedRequest, ParsedResponse, ParsedJobResponse, JobStatus, JobListDescriptor, JobDescription, CreateJobRequest as SignRequest } from 'ossbatch/sign';

const request: CreateJobRequest = {
  ConfirmationRequired: false,
  Operation: { PutObjectTagging: { TagSet: [{ Key: 'Environment', Value: 'Production' }] } },
  Report: { Bucket: 'report-bucket', Enabled: true, Prefix: 'reports/', ReportScope: 'AllTasks' },
  ClientRequestToken: 'token-1',
  Manifest: {
    Location: { Bucket: 'manifest-bucket', Object: 'manifest.csv', ETag: 'd41d8cd98f00b204e9800998ecf8427e' },
    Spec: { Format: 'OSS_BatchOperations_CSV_20250611', Fields: 'Bucket,Key' },
  },
  Description: 'typed',
  Priority: 10,
  RoleArn: 'acs:ram::1234567890123456:role/BatchOperationRole',
};

const issues: Issue[] = validate(request);
const regional: Issue[] = validate(request, { region: 'cn-hangzhou' });
const severity: Severity = issues[0]?.severity ?? 'info';
const compact: string = toXml(request);
const pretty: string = toXml(request, { pretty: true });
const back: CreateJobRequest = fromXml(pretty);
const fromText: CreateJobRequest = fromJson(toJson(back, { pretty: true }));
const signed: SignedRequest = signCreateJob({
  request: fromText,
  region: 'cn-hangzhou',
  credentials: { accessKeyId: 'id', accessKeySecret: 'secret', securityToken: 'token' },
  signedAt: new Date(),
  signatureVersion: 'v4',
});
const authorization: string = signed.headers['Authorization'];
const canonical: string | undefined = signed.inspector.canonicalRequest;
const parsed: ParsedResponse = parseResponse(200, '<CreateJobResult><JobId>x</JobId></CreateJobResult>');
const jobId: string | undefined = 'jobId' in parsed ? parsed.jobId : parsed.error.Code;
const catalogue: RuleInfo[] = rules();
void [regional, severity, compact, authorization, canonical, jobId, catalogue];

// @ts-expect-error a misspelled field is rejected
const typo: CreateJobRequest = { Priorty: 10 };
// @ts-expect-error a misspelled nested field is rejected
const nestedTypo: CreateJobRequest = { Report: { Enabeld: true } };
// @ts-expect-error Priority is a number
const wrongType: CreateJobRequest = { Priority: '10' };
// @ts-expect-error TagSet is an array of tags
const wrongShape: CreateJobRequest = { Operation: { PutObjectTagging: { TagSet: { Key: 'a' } } } };
// @ts-expect-error credentials need the secret
signCreateJob({ request, region: 'cn-hangzhou', credentials: { accessKeyId: 'id' }, signedAt: 0 });
// @ts-expect-error only v4 and v1 exist
signCreateJob({ request, region: 'x', credentials: { accessKeyId: 'a', accessKeySecret: 'b' }, signedAt: 0, signatureVersion: 'v2' });
// @ts-expect-error options are typed
toXml(request, { indent: 2 });
void [typo, nestedTypo, wrongType, wrongShape];

const signing = { region: 'cn-hangzhou', credentials: { accessKeyId: 'id', accessKeySecret: 's' }, signedAt: Date.now() };
const describe: SignedRequest = signDescribeJob({ ...signing, jobId: 'j' });
const list: SignedRequest = signListJobs({ ...signing, statuses: ['Active', 'Suspended'], maxKeys: 50 });
const confirm: SignedRequest = signUpdateJobStatus({ ...signing, jobId: 'j', requestedStatus: 'Ready', currentStatus: 'Suspended' });
const reprioritize: SignedRequest = signUpdateJobPriority({ ...signing, jobId: 'j', priority: 5 });
const jobResult: ParsedJobResponse = parseResponse(200, '<DescribeJobResult/>', 'describeJob');
const status: JobStatus = 'Cancelling';
void [describe, list, confirm, reprioritize, jobResult, status];
// @ts-expect-error only Ready and Cancelled can be requested
signUpdateJobStatus({ ...signing, jobId: 'j', requestedStatus: 'Paused' });
// @ts-expect-error result kinds are named
parseResponse(200, '', 'deleteJob');

// ListJobs entries carry the operation as a name; DescribeJob's Job carries it structured.
const listed = parseResponse(200, '<ListJobsResult/>', 'listJobs');
if ('jobs' in listed) {
  const entry: JobListDescriptor | undefined = listed.jobs[0];
  const operationName: string | undefined = entry?.Operation;
  const counted: number | undefined = entry?.ProgressSummary?.TotalNumberOfTasks;
  void [operationName, counted];
}
const described = parseResponse(200, '<DescribeJobResult/>', 'describeJob');
if ('job' in described) {
  const job: JobDescription = described.job;
  const days: number | undefined = job.Operation?.RestoreObject?.Days;
  const ended: number | undefined = job.TerminationDate;
  void [days, ended];
}

// The request type is the same in both entry points.
const shared: SignRequest = request;
void shared;

// The tools entry: role policies and the manifest check.
import { rolePolicies, checkManifest, summarizeReport, retryManifest, plan } from 'ossbatch/tools';
import type { RolePolicies, ManifestReport, ReportSummary, RetryManifest, Plan } from 'ossbatch/tools';
const policies: RolePolicies = rolePolicies(request, { manifestBuckets: ['data-bucket'] });
const trustLines: string[] = policies.trustPolicy.explanations;
const report: ManifestReport = checkManifest('b-1,key\n', { fields: 'Bucket,Key', bucket: 'b-1' });
const etag: string = report.etag;
const fromBytes: ManifestReport = checkManifest(new Uint8Array([98, 10]));
// @ts-expect-error a manifest is text or bytes
checkManifest(42);
// @ts-expect-error the option is manifestBuckets
rolePolicies(request, { buckets: ['x'] });
const summary: ReportSummary = summarizeReport('b,k,,failed,403,AccessDenied,x\n', { lang: 'zh' });
const firstCode: string | null = summary.groups[0].errorCode;
const retry: RetryManifest = retryManifest([new Uint8Array([98])], { fields: 'Bucket,Key' });
const retryBytes: Uint8Array = retry.manifest;
async function* chunks(): AsyncGenerator<Uint8Array> { yield new Uint8Array([98]); }
const later: Promise<ReportSummary> = summarizeReport(chunks());
// @ts-expect-error the report's columns are a comma-separated string
summarizeReport('x', { columns: ['bucket'] });
const planned: Plan = plan(request, { manifest: 'b,k\n', states: [{ storageClass: 'Archive', restore: 'ongoing' }] });
const failing: number = planned.predicted.fail;
export const toolsUsed = [trustLines, etag, fromBytes, firstCode, retryBytes, later, failing];
