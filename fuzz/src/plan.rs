//! Targets for what a plan reads from outside (issue #30): GetBucketLifecycle answers, a bucket
//! inventory's manifest.json and its data rows, and manifests read into targets (and written back as
//! the fixed manifest).

use ossbatch_core::manifest_file::ManifestField;
use ossbatch_core::plan::inventory::{parse_inventory_manifest, Columns, InventoryJoin};
use ossbatch_core::plan::lifecycle::parse_get_bucket_lifecycle_response;
use ossbatch_core::plan::manifest::{for_each_target, manifest_line, read_targets};

use crate::{check_response, status_and_body, within_heap_bound};

response_target!(
    /// GetBucketLifecycle's answer on any status and body; the rules it reads match any tags
    /// without a panic.
    lifecycle_rules_response,
    lifecycle_rules
);

fn lifecycle_rules(
    status: u16,
    body: &str,
) -> Result<Vec<ossbatch_core::plan::lifecycle::LifecycleRule>, ossbatch_core::ResponseError> {
    let rules = parse_get_bucket_lifecycle_response(status, body)?;
    let tags = [("stage".to_string(), "done".to_string())];
    for rule in &rules {
        let _ = rule.matches("k", Some(1), &tags);
        let _ = rule.matches("", None, &[]);
    }
    Ok(rules)
}

/// A manifest.json on any text: a manifest naming Bucket and Key columns, or an error.
pub fn inventory_manifest(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(manifest) = within_heap_bound("inventory manifest", text.len(), || {
        parse_inventory_manifest(&text)
    }) {
        assert!(manifest.columns.iter().any(|c| c == "Bucket"));
        assert!(manifest.columns.iter().any(|c| c == "Key"));
    }
}

/// Inventory data rows on any bytes (the first line is the fileSchema): a row is read or skipped,
/// never a panic; an object listed by a row that reads is found by its decoded key.
pub fn inventory_rows(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (schema, rows) = text.split_once('\n').unwrap_or((&text, ""));
    let json = serde_json::json!({ "fileSchema": schema, "files": [] }).to_string();
    let Ok(manifest) = parse_inventory_manifest(&json) else {
        return;
    };
    let columns = Columns::of(&manifest);
    let mut join = InventoryJoin::default();
    join.want("b", "k", "");
    for line in rows.lines() {
        let _ = within_heap_bound("inventory row", line.len(), || {
            join.feed_line(line.as_bytes(), &columns)
        });
    }
    let _ = join.listed("b", "k", "");
}

const FIELDS: [&[ManifestField]; 3] = [
    &[ManifestField::Bucket, ManifestField::Key],
    &[
        ManifestField::Bucket,
        ManifestField::Key,
        ManifestField::VersionId,
    ],
    &[ManifestField::Key],
];

/// A manifest read into targets on any bytes: the streaming and the whole reading agree, and the
/// fixed manifest written from the targets reads back as the same targets.
pub fn plan_manifest(data: &[u8]) {
    let Some((choice, bytes)) = data.split_first() else {
        return;
    };
    let fields = FIELDS[usize::from(*choice) % FIELDS.len()];
    let whole = within_heap_bound("plan manifest", bytes.len(), || {
        read_targets(bytes, fields, "default-bucket")
    });
    let mut streamed = Vec::new();
    let streaming = for_each_target(bytes, fields, "default-bucket", |t| streamed.push(t));
    match whole {
        Ok(targets) => {
            assert!(streaming.is_ok());
            assert_eq!(targets, streamed);
            let written: String = targets.iter().map(|t| manifest_line(t, fields)).collect();
            let again = read_targets(written.as_bytes(), fields, "default-bucket")
                .expect("a written manifest reads");
            let keys = |ts: &[ossbatch_core::plan::Target]| {
                ts.iter()
                    .map(|t| (t.bucket.clone(), t.key.clone(), t.version_id.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(keys(&again), keys(&targets), "written back: {written:?}");
        }
        Err(error) => assert_eq!(streaming.unwrap_err(), error),
    }
}

/// Seeds: the documented shapes.
pub fn seeds(target: &str) -> Vec<Vec<u8>> {
    match target {
        "lifecycle_rules_response" => vec![
            crate::response_seed(200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LifecycleConfiguration><Rule><ID>r</ID><Prefix>logs/</Prefix><Status>Enabled</Status><Tag><Key>stage</Key><Value>done</Value></Tag><Filter><Not><Prefix>logs/keep</Prefix><Tag><Key>hold</Key><Value>y</Value></Tag></Not><ObjectSizeGreaterThan>10</ObjectSizeGreaterThan></Filter><Expiration><Days>3</Days></Expiration><Transition><Days>30</Days><StorageClass>IA</StorageClass></Transition></Rule></LifecycleConfiguration>"),
            crate::response_seed(404, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchLifecycle</Code><Message>No Row found in Lifecycle Table.</Message></Error>"),
        ],
        "inventory_manifest" => vec![br#"{"creationTimestamp":"1642994594","destinationBucket":"dest","fileFormat":"CSV","fileSchema":"Bucket, Key, Size, StorageClass, LastModifiedDate, ETag, IsMultipartUploaded, EncryptionStatus","files":[{"key":"dest/src/inv/data/a.csv.gz","size":20,"MD5checksum":"F77449179760C3B13F1E76110F07"}],"sourceBucket":"src","version":"2019-09-01"}"#.to_vec()],
        "inventory_rows" => vec![b"Bucket, Key, VersionId, IsLatest, IsDeleteMarker, Size, StorageClass\n\"b\",\"k\",\"v1\",\"true\",\"false\",\"5\",\"Archive\"\n\"b\",\"a%20b%2Fc\",\"\",\"\",\"\",\"x\",\"IA\"\n".to_vec()],
        "plan_manifest" => vec![
            b"\x00b-1,a.txt\nb-1,\"x,\"\"y\"\"\"\r\n\nb-1,dir/\n".to_vec(),
            b"\x01\xef\xbb\xbfb-1,k,v1\nb-1,k2,\n".to_vec(),
        ],
        _ => Vec::new(),
    }
}
