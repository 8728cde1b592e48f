// Types of ossbatch-builder (web/builder/index.js). The request and issue shapes are the `ossbatch`
// npm package's, the same files (request.d.ts is generated from the request's field table in
// crates/ossbatch-wasm/src/wire_fields.rs; scripts/build-npm.sh copies both into this package).
import type { CreateJobRequest } from './request.js';
import type { Issue } from './issue.js';

export type * from './request.js';
export type { Issue, Severity } from './issue.js';

/** What a credentials provider resolves to (STS's AssumeRole answer has these fields). */
export interface HostCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
  /** When they stop working: ISO 8601 (as STS returns it) or a Date. Asked for again 5 minutes before. */
  expiration?: string | Date;
}

/** A signed request handed to the host's transport. */
export interface SignedRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  /** The OSS URL it was signed for: `https://oss-<region>.aliyuncs.com/?batchJob…`. */
  url: string;
  /** The signed headers, exactly (Authorization, x-oss-date, x-oss-content-sha256, …). */
  headers: { [name: string]: string };
  /** The body (CreateJob's XML); absent for body-less calls. */
  body?: string;
}

export type Lang = 'en' | 'zh' | 'zh-CN';
export type Tab = 'builder' | 'jobs';

export interface AppearanceVariables {
  accent?: string;
  background?: string;
  text?: string;
  danger?: string;
  fontFamily?: string;
  /** A CSS length, or a number of pixels. */
  fontSize?: string | number;
  radius?: string | number;
  spacing?: string | number;
}

export interface Appearance {
  /** `auto` (default) follows the system. */
  colorScheme?: 'light' | 'dark' | 'auto';
  variables?: AppearanceVariables;
}

/** What `onError` and the `error` event get. */
export interface BuilderError {
  /** oss: OSS answered an `<Error>`; proxy: the proxy answered itself; credentials: the provider
   * failed; transport: the request got no answer (network, the host's fetch, signing);
   * mount: the custom element could not mount. */
  source: 'oss' | 'proxy' | 'credentials' | 'transport' | 'mount';
  message: string;
  status?: number;
  code?: string;
  requestId?: string;
  ec?: string;
  hint?: string;
  retryAfterSeconds?: number;
}

export interface SubmittedDetail {
  jobId: string;
  region: string;
  request: CreateJobRequest;
}

export interface JobUpdatedDetail {
  jobId: string;
  /** A JobStatus, e.g. `Ready`, `Active`, `Cancelling`, `Complete`. */
  status: string;
}

export interface ChangeDetail {
  request: CreateJobRequest;
  issues: Issue[];
}

export interface MountOptions {
  /** Called when a request is about to be signed; the result is kept until `expiration`. With it,
   * the widget has no AccessKey form. */
  credentials?: () => Promise<HostCredentials> | HostCredentials;
  /** The transport: the host decides where each signed request goes. Default: `fetch` to `proxyUrl`. */
  fetch?: (request: SignedRequest) => Promise<Response>;
  /** The ossbatch proxy for the default transport (`<proxyUrl>/oss/<region>/…`); default: the page's origin. */
  proxyUrl?: string;
  region?: string;
  request?: CreateJobRequest;
  lang?: Lang;
  tabs?: Tab[];
  /** A review screen: the preview and the issues, no editing. */
  readOnly?: boolean;
  /** Drafts in localStorage (off by default when embedded). */
  persist?: boolean;
  appearance?: Appearance;
  onChange?: (request: CreateJobRequest, issues: Issue[]) => void;
  onSubmitted?: (detail: SubmittedDetail) => void;
  onJobUpdated?: (detail: JobUpdatedDetail) => void;
  onError?: (error: BuilderError) => void;
  /** The widget is the whole page (the standalone builder): share links and `<html lang>`. */
  standalone?: boolean;
  /** Cancels the mount when it aborts before the mount resolved (it then resolves to a destroyed
   * handle), or destroys the builder after. */
  signal?: AbortSignal;
}

export interface BuilderHandle {
  /** True once destroyed, or when its mount was cancelled before it resolved. */
  readonly destroyed: boolean;
  getRequest(): CreateJobRequest;
  /** Replaces the request; `onChange` is not called for it. */
  setRequest(request: CreateJobRequest): void;
  validate(): Issue[];
  setLang(lang: Lang): void;
  setRegion(region: string): void;
  focusIssue(path: string): void;
  setAppearance(appearance: Appearance): void;
  /** Removes every node, listener and timer the widget made; mounting again works; a second call
   * does nothing. */
  destroy(): void;
}

/** What `mount` returns: the handle's promise, with `destroy()` for a mount that has not resolved
 * (cancels it: the promise then resolves to a destroyed handle) or one that has (destroys it). */
export interface MountPromise extends Promise<BuilderHandle> {
  destroy(): void;
}

/** Mounts a builder in an open shadow root on `element`. The wasm loads on first use. */
export function mount(element: Element, options?: MountOptions): MountPromise;

/** How many builders are mounted on the page now (mounts that resolved and were not destroyed). */
export function mountedCount(): number;

/** The widget's own events (the element also fires every HTMLElement event). */
export interface BuilderElementEventMap {
  change: CustomEvent<ChangeDetail>;
  submitted: CustomEvent<SubmittedDetail>;
  jobupdated: CustomEvent<JobUpdatedDetail>;
  error: CustomEvent<BuilderError>;
}

export interface OssbatchJobBuilderElement extends HTMLElement {
  request: CreateJobRequest | undefined;
  readonly value: CreateJobRequest | undefined;
  credentials: MountOptions['credentials'];
  fetch: MountOptions['fetch'];
  appearance: Appearance | undefined;
  readonly handle: BuilderHandle | null;
  addEventListener<K extends keyof BuilderElementEventMap>(
    type: K,
    listener: (this: OssbatchJobBuilderElement, event: BuilderElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

/** Defines the custom element (default name `ossbatch-job-builder`) and returns its class. */
export function defineElement(name?: string): { new (): OssbatchJobBuilderElement; prototype: OssbatchJobBuilderElement };

declare global {
  interface HTMLElementTagNameMap {
    'ossbatch-job-builder': OssbatchJobBuilderElement;
  }
}
