//! What the job may cost, priced from the dated table in `docs/spec/prices.json` (a source URL and
//! the date it was read on every line). Whatever no source prices is listed as unknown — never 0 —
//! and then the total is unknown too. An estimate, not a quote.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The table, written once in docs/spec/ and read here.
pub const PRICE_TABLE: &str = include_str!("../../../../docs/spec/prices.json");

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PriceLine {
    pub item: String,
    pub unit: String,
    /// `*` for every region, else a region-name prefix (`cn-`).
    pub regions: String,
    pub currency: Option<String>,
    pub unit_price: Option<f64>,
    pub source: String,
    pub as_of: String,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Table {
    lines: Vec<PriceLine>,
}

/// The table's lines (the table is part of the build; a test holds it readable).
pub fn price_lines() -> Vec<PriceLine> {
    serde_json::from_str::<Table>(PRICE_TABLE)
        .map(|t| t.lines)
        .unwrap_or_default()
}

/// The currency OSS publishes prices in for a region: CNY for China mainland, USD elsewhere.
pub fn currency_of(region: &str) -> &'static str {
    if region.starts_with("cn-") && region != "cn-hongkong" {
        "CNY"
    } else {
        "USD"
    }
}

/// What the job will use, counted by the plan.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Usage {
    /// Tasks predicted to succeed (failed calls are not charged).
    pub billed_requests: u64,
    /// Tags the job adds, net of those it removes.
    pub tags_added: i64,
    /// Restores that retrieve data: (storage class, tier) → (objects, bytes).
    pub restores: BTreeMap<(String, String), (u64, u64)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CostLine {
    pub item: String,
    pub quantity: f64,
    pub unit: String,
    pub unit_price: Option<f64>,
    pub amount: Option<f64>,
    pub source: String,
    pub as_of: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cost {
    pub currency: &'static str,
    pub lines: Vec<CostLine>,
    /// Items no source prices: the total is unknown while any is listed.
    pub unknown: Vec<String>,
    /// `None` while anything is unknown.
    pub total: Option<f64>,
    pub note: &'static str,
}

const GB: f64 = 1024.0 * 1024.0 * 1024.0;

/// Prices `usage` in `region` from `table`.
pub fn estimate(region: &str, usage: &Usage, table: &[PriceLine]) -> Cost {
    let currency = currency_of(region);
    let mut wanted: Vec<(String, f64, &str)> = vec![
        ("batchJob".into(), 1.0, "job"),
        (
            "putRequests".into(),
            usage.billed_requests as f64 / 10_000.0,
            "10,000 requests",
        ),
    ];
    if usage.tags_added != 0 {
        wanted.push((
            "objectTags".into(),
            usage.tags_added as f64 / 10_000.0,
            "10,000 tags for a month",
        ));
    }
    for ((class, tier), (objects, bytes)) in &usage.restores {
        let tier_part = if class == "Archive" {
            String::new()
        } else {
            format!(".{tier}")
        };
        wanted.push((
            format!("restoreRequests.{class}{tier_part}"),
            *objects as f64 / 10_000.0,
            "10,000 requests",
        ));
        wanted.push((
            format!("restoreData.{class}{tier_part}"),
            *bytes as f64 / GB,
            "GB",
        ));
    }
    let mut lines = Vec::new();
    let mut unknown = Vec::new();
    for (item, quantity, unit) in wanted {
        let line = table.iter().find(|l| {
            l.item == item && (l.regions == "*" || region.starts_with(l.regions.as_str()))
        });
        let priced =
            line.filter(|l| l.unit_price.is_some() && l.currency.as_deref() == Some(currency));
        let unit_price = priced.and_then(|l| l.unit_price);
        if unit_price.is_none() {
            unknown.push(item.clone());
        }
        lines.push(CostLine {
            item,
            quantity,
            unit: line.map_or(unit.to_string(), |l| l.unit.clone()),
            unit_price,
            amount: unit_price.map(|p| p * quantity),
            source: line.map_or_else(
                || "no source read gives this price".to_string(),
                |l| l.source.clone(),
            ),
            as_of: line.map_or_else(String::new, |l| l.as_of.clone()),
        });
    }
    let total = unknown
        .is_empty()
        .then(|| lines.iter().filter_map(|l| l.amount).sum());
    Cost {
        currency,
        lines,
        unknown,
        total,
        note: "estimate, not a quote",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_the_table_has_a_source_url_and_a_date() {
        let lines = price_lines();
        assert!(lines.len() >= 5, "the table reads");
        for line in &lines {
            assert!(line.source.starts_with("https://"), "{}", line.item);
            let date = line.as_of.as_bytes();
            assert!(
                date.len() == 10 && date[4] == b'-' && date[7] == b'-',
                "{}: asOf {}",
                line.item,
                line.as_of
            );
            assert_eq!(
                line.unit_price.is_some(),
                line.currency.is_some(),
                "{}",
                line.item
            );
        }
    }

    #[test]
    fn a_missing_price_makes_the_total_unknown_never_zero() {
        let usage = Usage {
            billed_requests: 20_000,
            ..Usage::default()
        };
        let cost = estimate("cn-hangzhou", &usage, &price_lines());
        assert!(cost.unknown.contains(&"batchJob".to_string()));
        assert_eq!(cost.total, None);
        // With every item priced, the total is the sum.
        let mut table = price_lines();
        for line in &mut table {
            line.unit_price = Some(2.0);
            line.currency = Some("CNY".into());
        }
        let cost = estimate("cn-hangzhou", &usage, &table);
        assert_eq!(cost.total, Some(2.0 + 2.0 * 2.0));
        // A region whose currency the table does not price is unknown, not converted.
        assert_eq!(estimate("us-west-1", &usage, &table).total, None);
        let restore = Usage {
            restores: [(
                ("ColdArchive".to_string(), "Bulk".to_string()),
                (10_000, 1 << 30),
            )]
            .into(),
            ..Usage::default()
        };
        let cost = estimate("cn-beijing", &restore, &price_lines());
        let data = cost
            .lines
            .iter()
            .find(|l| l.item == "restoreData.ColdArchive.Bulk")
            .unwrap();
        assert_eq!(data.amount, Some(0.03));
        assert!(!cost
            .unknown
            .contains(&"restoreData.ColdArchive.Bulk".to_string()));
    }
}
