// A console that uses every option, handle method and event of ossbatch-builder, type-checked with
// tsc --strict against the installed package's declarations (scripts/test-npm.sh).
import {
  defineElement,
  mount,
  type Appearance,
  type BuilderError,
  type BuilderHandle,
  type ChangeDetail,
  type CreateJobRequest,
  type HostCredentials,
  type Issue,
  type JobUpdatedDetail,
  type MountOptions,
  type SignedRequest,
  type SubmittedDetail,
} from 'ossbatch-builder';

const appearance: Appearance = {
  colorScheme: 'dark',
  variables: {
    accent: '#0b5cad', background: '#ffffff', text: '#1b1f24', danger: '#b3261e',
    fontFamily: 'system-ui', fontSize: 14, radius: '6px', spacing: 12,
  },
};

const options: MountOptions = {
  credentials: async (): Promise<HostCredentials> => ({
    accessKeyId: 'STS.id', accessKeySecret: 'secret', securityToken: 'token', expiration: '2026-12-01T10:00:00Z',
  }),
  fetch: async ({ method, url, headers, body }: SignedRequest): Promise<Response> => fetch(url, { method, headers, body }),
  proxyUrl: 'https://proxy.example',
  region: 'cn-hangzhou',
  request: { Priority: 10, Operation: { DeleteObjectTagging: {} } },
  lang: 'zh',
  tabs: ['builder', 'jobs'],
  readOnly: false,
  persist: false,
  appearance,
  onChange: (request: CreateJobRequest, issues: Issue[]) => {
    const codes: string[] = issues.map((issue) => `${issue.severity} ${issue.code} ${issue.path}: ${issue.message}`);
    void [request, codes];
  },
  onSubmitted: ({ jobId, region, request }: SubmittedDetail) => void [jobId.length, region, request],
  onJobUpdated: ({ jobId, status }: JobUpdatedDetail) => void [jobId, status],
  onError: (error: BuilderError) => {
    const where: 'oss' | 'proxy' | 'credentials' | 'transport' | 'mount' = error.source;
    void [where, error.message, error.status, error.code, error.requestId, error.ec, error.hint, error.retryAfterSeconds];
  },
};

export async function useEverything(element: Element): Promise<void> {
  const handle: BuilderHandle = await mount(element, options);
  const request: CreateJobRequest = handle.getRequest();
  handle.setRequest({ ...request, Priority: 5 });
  const issues: Issue[] = handle.validate();
  handle.setLang('en');
  handle.setRegion('cn-beijing');
  handle.focusIssue(issues[0]?.path ?? 'Report.Bucket');
  handle.setAppearance({ colorScheme: 'auto' });
  handle.destroy();

  const Builder = defineElement();
  defineElement('my-job-builder');
  const builder = new Builder();
  builder.request = { Priority: 1 };
  builder.credentials = options.credentials;
  builder.fetch = options.fetch;
  builder.appearance = appearance;
  builder.addEventListener('change', (event: CustomEvent<ChangeDetail>) => void event.detail.issues.length);
  builder.addEventListener('submitted', (event) => void event.detail.jobId.toUpperCase());
  builder.addEventListener('jobupdated', (event) => void event.detail.status.toUpperCase());
  builder.addEventListener('error', (event) => void event.detail.message.toUpperCase());
  const tagged = document.createElement('ossbatch-job-builder');
  const current: CreateJobRequest | undefined = tagged.value;
  void [current, builder.handle?.validate()];
}
