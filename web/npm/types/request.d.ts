// Generated from crates/ossbatch-wasm/src/wire_fields.rs (`OSSBATCH_REGENERATE=1 cargo test -p
// ossbatch-wasm --test generated`); do not edit. The CreateJob request, in the API's element
// names: declared in every entry point (typescript_custom_section in crates/ossbatch-wasm).

export type ObjectAcl = 'default' | 'private' | 'public-read' | 'public-read-write' | (string & {});
export type RestoreTier = 'Standard' | 'Bulk' | (string & {});
export type ReportScope = 'AllTasks' | 'FailedTasksOnly' | (string & {});
export type ManifestFormat = 'OSS_BatchOperations_CSV_20250611' | 'OSS_InventoryReport_CSV_20250611' | (string & {});

/** Exactly one operation is valid; a draft may hold none or several (validation says so). */
export interface Operation {
  PutObjectTagging?: TaggingOperation;
  AddObjectTagging?: TaggingOperation;
  DeleteObjectTagging?: Record<string, never>;
  PutObjectAcl?: PutObjectAcl;
  RestoreObject?: RestoreObject;
}

export interface TaggingOperation {
  TagSet?: Tag[];
}

export interface Tag {
  Key?: string;
  Value?: string;
}

export interface PutObjectAcl {
  ObjectAcl?: ObjectAcl;
}

export interface RestoreObject {
  Days?: number;
  Tier?: RestoreTier;
}

export interface Report {
  Bucket?: string;
  Enabled?: boolean;
  Prefix?: string;
  ReportScope?: ReportScope;
}

export interface Manifest {
  Location?: ManifestLocation;
  Spec?: ManifestSpec;
}

export interface ManifestLocation {
  ETag?: string;
  Bucket?: string;
  Object?: string;
  VersionId?: string;
}

export interface ManifestSpec {
  Fields?: string;
  Format?: ManifestFormat;
}

export interface KeyPrefixManifestGenerator {
  SourceBucket?: string;
  Prefix?: string;
}

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
