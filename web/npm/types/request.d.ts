// The CreateJob request, in the API's element names: declared in every entry point.
// Included by crates/ossbatch-wasm (typescript_custom_section) into the entries' declarations.
export interface Tag { Key?: string; Value?: string; }
export interface TaggingOperation { TagSet?: Tag[]; }
export type ObjectAcl = 'default' | 'private' | 'public-read' | 'public-read-write' | (string & {});
export type RestoreTier = 'Standard' | 'Bulk' | (string & {});
export type ReportScope = 'AllTasks' | 'FailedTasksOnly' | (string & {});

/** Exactly one operation is valid; a draft may hold none or several (validation says so). */
export interface Operation {
  PutObjectTagging?: TaggingOperation;
  AddObjectTagging?: TaggingOperation;
  DeleteObjectTagging?: Record<string, never>;
  PutObjectAcl?: { ObjectAcl?: ObjectAcl };
  RestoreObject?: { Days?: number; Tier?: RestoreTier };
}

export interface Report {
  Bucket?: string;
  Enabled?: boolean;
  Prefix?: string;
  ReportScope?: ReportScope;
}

export interface ManifestLocation { ETag?: string; Bucket?: string; Object?: string; VersionId?: string; }
export interface ManifestSpec { Fields?: string; Format?: 'OSS_BatchOperations_CSV_20250611' | (string & {}); }
export interface Manifest { Location?: ManifestLocation; Spec?: ManifestSpec; }
export interface KeyPrefixManifestGenerator { SourceBucket?: string; Prefix?: string; }

/** The body of CreateJob (`POST /?batchJob`), as a draft: every field optional until validated. */
export interface CreateJobRequest {
  ConfirmationRequired?: boolean;
  Operation?: Operation;
  Report?: Report;
  ClientRequestToken?: string;
  Manifest?: Manifest;
  KeyPrefixManifestGenerator?: KeyPrefixManifestGenerator;
  Description?: string;
  Priority?: number;
  RoleArn?: string;
}

