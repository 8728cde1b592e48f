//! OSS storage classes, written once: the names `x-oss-storage-class`, ListObjectsV2 and bucket
//! inventories use (Go SDK v2 `StorageClassType`: Standard, IA, Archive, ColdArchive,
//! DeepColdArchive), and which of them need a restore before their data can be read (the
//! RestoreObject API page: Archive, Cold Archive and Deep Cold Archive).

/// Every storage class ossbatch knows, and whether it is archived.
pub const STORAGE_CLASSES: &[(&str, bool)] = &[
    ("Standard", false),
    ("IA", false),
    ("Archive", true),
    ("ColdArchive", true),
    ("DeepColdArchive", true),
];

/// Whether objects of `class` are archived (RestoreObject applies to them). An unknown class is not
/// taken for archived: a plan then says it could not tell rather than predict a failure.
pub fn is_archived_class(class: &str) -> bool {
    STORAGE_CLASSES
        .iter()
        .any(|(name, archived)| *archived && name.eq_ignore_ascii_case(class.trim()))
}

/// Whether `class` is one ossbatch knows.
pub fn is_known_class(class: &str) -> bool {
    STORAGE_CLASSES
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case(class.trim()))
}
