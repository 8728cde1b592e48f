//! The regions where OSS Batch Operations is offered: the one list every part of ossbatch uses (the
//! `region.unsupported` rule, the proxy's default allow-list, the app's region picker).
//!
//! Source: the user guide "Batch Operations" (updated 2026-04; `docs/spec/oss-facts.md`, "Regions"),
//! which lists 14 regions by name; ids follow Alibaba Cloud's standard mapping. Display names are the
//! console's own (English and Chinese).

/// One region: its id (as in `oss-<id>.aliyuncs.com` and the V4 scope) and how consoles name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub id: &'static str,
    /// English display name, e.g. `China (Hong Kong)`.
    pub name: &'static str,
    /// Chinese display name, e.g. `中国香港`.
    pub name_zh: &'static str,
}

/// Every region that offers Batch Operations, in the console's order (mainland China, then the rest).
pub const BATCH_OPERATIONS_REGIONS: [Region; 14] = [
    Region {
        id: "cn-hangzhou",
        name: "China (Hangzhou)",
        name_zh: "华东1（杭州）",
    },
    Region {
        id: "cn-shanghai",
        name: "China (Shanghai)",
        name_zh: "华东2（上海）",
    },
    Region {
        id: "cn-qingdao",
        name: "China (Qingdao)",
        name_zh: "华北1（青岛）",
    },
    Region {
        id: "cn-beijing",
        name: "China (Beijing)",
        name_zh: "华北2（北京）",
    },
    Region {
        id: "cn-zhangjiakou",
        name: "China (Zhangjiakou)",
        name_zh: "华北3（张家口）",
    },
    Region {
        id: "cn-huhehaote",
        name: "China (Hohhot)",
        name_zh: "华北5（呼和浩特）",
    },
    Region {
        id: "cn-wulanchabu",
        name: "China (Ulanqab)",
        name_zh: "华北6（乌兰察布）",
    },
    Region {
        id: "cn-shenzhen",
        name: "China (Shenzhen)",
        name_zh: "华南1（深圳）",
    },
    Region {
        id: "cn-guangzhou",
        name: "China (Guangzhou)",
        name_zh: "华南3（广州）",
    },
    Region {
        id: "cn-chengdu",
        name: "China (Chengdu)",
        name_zh: "西南1（成都）",
    },
    Region {
        id: "cn-hongkong",
        name: "China (Hong Kong)",
        name_zh: "中国香港",
    },
    Region {
        id: "ap-southeast-1",
        name: "Singapore",
        name_zh: "新加坡",
    },
    Region {
        id: "ap-southeast-5",
        name: "Indonesia (Jakarta)",
        name_zh: "印度尼西亚（雅加达）",
    },
    Region {
        id: "eu-central-1",
        name: "Germany (Frankfurt)",
        name_zh: "德国（法兰克福）",
    },
];

/// The region with this id, when Batch Operations is offered there.
pub fn batch_operations_region(id: &str) -> Option<&'static Region> {
    BATCH_OPERATIONS_REGIONS
        .iter()
        .find(|region| region.id == id)
}

/// The ids alone, in the same order.
pub fn batch_operations_region_ids() -> impl Iterator<Item = &'static str> {
    BATCH_OPERATIONS_REGIONS.iter().map(|region| region.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fourteen_distinct_well_formed_ids() {
        let mut ids: Vec<&str> = batch_operations_region_ids().collect();
        assert_eq!(ids.len(), 14);
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 14);
        for id in ids {
            assert!(crate::sign::check_region(id).is_ok(), "{id}");
            assert!(!id.starts_with("oss-"));
        }
        assert_eq!(
            batch_operations_region("cn-hongkong").unwrap().name,
            "China (Hong Kong)"
        );
        assert!(batch_operations_region("us-west-1").is_none());
    }
}
