//! The form, one section per part of the request, in the order of the request syntax.

pub mod job;
pub mod manifest;
pub mod operation;
pub mod report;
pub mod tags;
