//! Unit tests of `checker` (kept apart: the module itself stays under 600 lines).

use super::*;
use crate::manifest_file::check_manifest;

fn bucket_key() -> Vec<ManifestField> {
    vec![ManifestField::Bucket, ManifestField::Key]
}

fn codes(report: &ManifestReport) -> Vec<(String, String)> {
    report
        .issues
        .iter()
        .map(|i| (i.code.clone(), i.path.clone()))
        .collect()
}

#[test]
fn a_clean_file_has_no_issue_and_its_md5() {
    let report = check_manifest(
        b"bucket-a,photos/1.jpg\nbucket-a,photos/2.jpg\n",
        bucket_key(),
        None,
    );
    assert!(report.issues.is_empty(), "{:?}", report.issues);
    assert_eq!(report.rows, 2);
    assert_eq!(report.buckets, vec!["bucket-a"]);
    let mut etag = Etag::new();
    etag.update(b"bucket-a,photos/1.jpg\nbucket-a,photos/2.jpg\n");
    assert_eq!(report.etag, etag.finish());
}

#[test]
fn every_kind_of_bad_row_is_reported_at_its_row() {
    let text = "Bucket,Key\nbucket-a,a.txt\n\nBad_Bucket,b.txt\nbucket-a,\nbucket-a,/c.txt\nbucket-a,a.txt\nbucket-a,d.txt,v1\nbucket-a,\"e,f\".txt\nbucket-a,\"g\"\"h\"\nother-bkt,x\n";
    let report = check_manifest(text.as_bytes(), bucket_key(), Some("bucket-a".into()));
    let found = codes(&report);
    for expected in [
        ("manifest_file.header_row", "Row[1]"),
        ("manifest_file.blank_line", "Row[3]"),
        ("bucket.chars", "Row[4].Bucket"),
        ("manifest_file.other_bucket", "Row[4].Bucket"),
        ("manifest_file.key_empty", "Row[5].Key"),
        ("object_key.leading_slash", "Row[6].Key"),
        ("manifest_file.duplicate_row", "Row[7]"),
        ("manifest_file.columns", "Row[8]"),
        ("manifest_file.quote", "Row[9]"),
        ("manifest_file.other_bucket", "Row[11].Bucket"),
    ] {
        assert!(
            found.contains(&(expected.0.to_string(), expected.1.to_string())),
            "{expected:?} not in {found:?}"
        );
    }
    // Row 10 is a valid quoted key with a doubled quote.
    assert!(
        !found.iter().any(|(_, p)| p.starts_with("Row[10]")),
        "{found:?}"
    );
    let columns = report
        .issues
        .iter()
        .find(|i| i.code == "manifest_file.columns")
        .unwrap();
    assert!(columns.message.contains("VersionId"), "{}", columns.message);
}

#[test]
fn chunks_split_anywhere_give_the_same_report() {
    let text = "b-1,k1\r\nb-1,k%20two\r\nb-1,k3";
    let whole = check_manifest(text.as_bytes(), bucket_key(), None);
    // With a BOM, and the short files that are only its start, too (a BOM split over the first
    // chunks used to be read as bucket bytes).
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    for bytes in [
        text.as_bytes(),
        &with_bom,
        b"\xEF",
        b"\xEF\xBB",
        b"\xEF\xBBx,k\n",
    ] {
        let whole = check_manifest(bytes, bucket_key(), None);
        for size in 1..=bytes.len() {
            let mut checker = ManifestChecker::new(bucket_key(), None);
            for chunk in bytes.chunks(size) {
                checker.update(chunk);
            }
            assert_eq!(checker.finish(), whole, "{bytes:?} in chunks of {size}");
        }
    }
    let bom = codes(&check_manifest(&with_bom, bucket_key(), None));
    assert!(bom.contains(&("manifest_file.bom".into(), "Row[1]".into())));
    let found = codes(&whole);
    assert!(found.contains(&("manifest_file.crlf".into(), "Row[1]".into())));
    assert!(found.contains(&("manifest_file.key_percent".into(), "Row[2].Key".into())));
    assert_eq!(whole.rows, 3);
}

#[test]
fn bom_utf8_empty_and_versions() {
    let report = check_manifest(b"\xEF\xBB\xBFb-1,k\nb-1,\xFF\n", bucket_key(), None);
    let found = codes(&report);
    assert!(found.contains(&("manifest_file.bom".into(), "Row[1]".into())));
    assert!(found.contains(&("manifest_file.utf8".into(), "Row[2]".into())));
    assert_eq!(report.buckets, vec!["b-1"]);
    let empty = check_manifest(b"", bucket_key(), None);
    assert_eq!(
        codes(&empty),
        vec![("manifest_file.empty".into(), "".into())]
    );
    let versioned = vec![
        ManifestField::Bucket,
        ManifestField::Key,
        ManifestField::VersionId,
    ];
    let missing = check_manifest(b"b-1,k\n", versioned, None);
    assert!(
        missing.issues[0].message.contains("names VersionId"),
        "{:?}",
        missing.issues
    );
}

#[test]
fn a_line_too_long_is_reported_and_not_kept() {
    let mut text = b"b-1,a\n".to_vec();
    text.extend(std::iter::repeat_n(b'x', MANIFEST_LINE_MAX_BYTES + 10));
    text.extend_from_slice(b"\nb-1,c\n");
    text.extend(std::iter::repeat_n(b'y', MANIFEST_LINE_MAX_BYTES * 3));
    for size in [1000, 70_000, text.len()] {
        let mut checker = ManifestChecker::new(bucket_key(), None);
        for chunk in text.chunks(size) {
            checker.update(chunk);
            assert!(
                checker.line.len() <= MANIFEST_LINE_MAX_BYTES,
                "the line buffer stays bounded"
            );
        }
        let report = checker.finish();
        assert_eq!(
            codes(&report),
            vec![
                (
                    "manifest_file.line_too_long".to_string(),
                    "Row[2]".to_string()
                ),
                (
                    "manifest_file.line_too_long".to_string(),
                    "Row[4]".to_string()
                )
            ],
            "chunks of {size}"
        );
        assert_eq!(report.rows, 4);
    }
}

#[test]
fn fields_are_read_as_spec_fields_says() {
    assert_eq!(
        ManifestField::parse_list("Bucket,Key,VersionId").unwrap(),
        vec![
            ManifestField::Bucket,
            ManifestField::Key,
            ManifestField::VersionId
        ]
    );
    assert!(ManifestField::parse_list("Bucket").is_err());
    assert!(ManifestField::parse_list("Key,Key").is_err());
    assert!(ManifestField::parse_list("Bucket,Name").is_err());
}

#[test]
fn etag_is_the_md5_of_the_bytes() {
    let mut etag = Etag::new();
    etag.update(b"");
    assert_eq!(etag.finish(), "d41d8cd98f00b204e9800998ecf8427e");
    let mut etag = Etag::new();
    etag.update(b"The quick brown fox ");
    etag.update(b"jumps over the lazy dog");
    assert_eq!(etag.finish(), "9e107d9d372bb6826bd81d3542a419d6");
}
