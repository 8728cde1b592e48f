//! The npm package `ossbatch`: a thin wasm-bindgen adapter over `ossbatch-core`, built as three wasm
//! modules from one crate (one per entry) so a page pays only for what it uses:
//! - `validation` (feature `validation`, the `ossbatch` entry): validate, toXml, fromXml, fromJson,
//!   toJson, rules;
//! - `sign` (feature `sign`, the `ossbatch/sign` entry): signCreateJob, the job-management signers,
//!   parseResponse;
//! - `tools` (feature `tools`, the `ossbatch/tools` entry): rolePolicies, checkManifest.
//!
//! A fourth module, `report` (feature `report`), is not in the npm package: the builder's Report
//! panel reads dropped report files with it in a worker (scripts/build-app.sh). A fifth, `plan`
//! (feature `plan`), is the builder's Plan step, loaded when the step is opened.
//!
//! Data crosses as plain JS objects in the core's own shapes (PascalCase request fields, as in AWS SDK
//! JS v3). Every argument is checked: a wrong type throws a `TypeError` that names the function and the
//! field, never a wasm trap. `scripts/build-npm.sh` builds each feature on its own.

pub mod convert;
#[cfg(any(feature = "validation", feature = "sign", feature = "tools"))]
pub mod input;
#[cfg(feature = "plan")]
pub mod plan_module;
#[cfg(feature = "report")]
pub mod report_worker;
#[cfg(feature = "sign")]
pub mod sign;
#[cfg(feature = "tools")]
pub mod tools;
#[cfg(feature = "validation")]
pub mod validation;
pub mod wire;
pub mod wire_fields;

use wasm_bindgen::prelude::*;

// talc instead of dlmalloc: the entry points allocate many small strings per call (docs/benchmarks.md).
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The request model, declared in both entry points.
#[wasm_bindgen(typescript_custom_section)]
const REQUEST_TYPES: &str = include_str!("../../../web/npm/types/request.d.ts");

/// The issue shape, declared in the entries that return issues.
#[cfg(any(feature = "validation", feature = "tools"))]
#[wasm_bindgen(typescript_custom_section)]
const ISSUE_TYPES: &str = include_str!("../../../web/npm/types/issue.d.ts");
