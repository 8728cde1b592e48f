// An issue, as `validate` and `checkManifest` report it: declared once, in the entries that return issues.
// Included by crates/ossbatch-wasm (typescript_custom_section) into the entries' declarations.
/** How bad an issue is: error = OSS would reject it; warning = legal but likely wrong; info = worth knowing. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * One finding of `validate` (paths are XML element names with 0-based indices, e.g. `Report.Bucket`) or
 * of `checkManifest` (paths are `Row[n]`, `Row[n].Bucket`, `Row[n].Key`, 1-based rows).
 */
export interface Issue {
  code: string;
  severity: Severity;
  path: string;
  message: string;
  params: Record<string, unknown>;
}
