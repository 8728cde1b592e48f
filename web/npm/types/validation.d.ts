// The `ossbatch` entry (validation and the formats).
// Included by crates/ossbatch-wasm (typescript_custom_section) into the entries' declarations.
export interface ValidateOptions {
  /** The region the job will be created in, e.g. `cn-hangzhou`. */ region?: string;
  /** Language of `message`: `'en'` (default) or `'zh'` (`'zh-CN'` too). Codes and paths never change. */ lang?: string;
}
export interface XmlOptions { /** Two-space indentation (default: compact, the bytes OSS receives). */ pretty?: boolean; }
export interface JsonOptions { /** Two-space indentation (default: compact). */ pretty?: boolean; }

export interface RuleInfo { code: string; severity: Severity; element: string; summary: string; }

/** Checks a request against every documented rule; returns all issues at once, in document order. */
export function validate(request: CreateJobRequest, options?: ValidateOptions): Issue[];
/** Writes the request as XML: compact (what OSS receives) unless `{ pretty: true }`. */
export function toXml(request: CreateJobRequest, options?: XmlOptions): string;
/** Reads a CreateJob XML document; throws an `Error` with `path`, `line`, `column` and `kind`. */
export function fromXml(xml: string): CreateJobRequest;
/** Reads a job from JSON text; throws an `Error` with `path`, `line`, `column` and `kind`. */
export function fromJson(json: string): CreateJobRequest;
/** Writes the request as JSON text: compact unless `{ pretty: true }`. */
export function toJson(request: CreateJobRequest, options?: JsonOptions): string;
/** The rule catalogue: every code `validate` can report; `{ lang: 'zh' }` gives Chinese summaries. */
export function rules(options?: { lang?: string }): RuleInfo[];
