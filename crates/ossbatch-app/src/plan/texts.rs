//! The Plan step's words in English and Simplified Chinese, written once per language as the app's
//! own table (`crate::i18n`) is; the predictions' causes and fixes come from the core's table.

use ossbatch_core::Lang;

use crate::i18n::{fill, Bilingual};

macro_rules! plan_texts {
    ($($name:ident: $en:expr, $zh:expr;)*) => {
        /// Every visible string of the Plan step, in one language.
        pub struct PlanTexts { $(pub $name: &'static str,)* }
        pub const EN: PlanTexts = PlanTexts { $($name: $en,)* };
        pub const ZH: PlanTexts = PlanTexts { $($name: $zh,)* };
        #[cfg(test)]
        const CATALOGUE: &[(&str, &str, &str)] = &[$((stringify!($name), $en, $zh),)*];
    };
}

plan_texts! {
    heading: "Plan before you run", "运行前规划";
    help: "Reads each object the job names (its state now) and predicts, row by row, which tasks will fail and why, what the job overwrites, which running job it meets, and what its tags set in motion — before anything is paid for.",
        "读取任务涉及的每个对象的当前状态，逐行预测哪些任务会失败及原因、任务会覆盖什么、会与哪个运行中的任务冲突、标签会触发什么——在产生任何费用之前。";
    run: "Plan", "规划";
    cancel: "Cancel", "取消";
    progress: "Objects read: {} of {}", "已读取对象：{} / {}";
    loading: "Loading the planner…", "正在加载规划器…";
    counts: "{} rows: {} succeed, {} fail, {} warn", "{} 行：{} 成功，{} 失败，{} 警告";
    lifecycle: "Lifecycle rule {} in {}: {} objects {} ({}{})", "生命周期规则 {}（存储空间 {}）：{} 个对象{}（{}{}）";
    lifecycle_starts: "start to match", "开始匹配";
    lifecycle_stops: "stop matching", "不再匹配";
    after_days: " after {} days", "，{} 天后";
    collision: "Running job {} ({}) meets this one: {}", "运行中的任务 {}（{}）与本任务冲突：{}";
    group_code: "Prediction", "预测";
    group_count: "Rows", "行数";
    group_cause: "Cause", "原因";
    group_fix: "Fix", "修复";
    group_keys: "Sample keys", "示例键";
    oss_error: "OSS error {}", "OSS 错误 {}";
    overwrites: "Overwrites: {} objects, {} tags lost", "覆盖：{} 个对象，丢失 {} 个标签";
    cost_unknown: "Cost: unknown — no source prices {} (an estimate, not a quote)", "费用：未知——以下项目没有来源价格：{}（估算，非报价）";
    cost_total: "Cost: about {} {} (an estimate, not a quote)", "费用：约 {} {}（估算，非报价）";
    stale: "The draft changed after this plan: plan again before submitting.", "此规划之后草稿已更改：提交前请重新规划。";
    fix: "Use a manifest without the failing rows", "使用去掉失败行的清单";
    fix_help: "Uploads the manifest without the rows predicted to fail beside the job's manifest, checks OSS's ETag, and points the draft at it.",
        "将去掉预测失败行的清单上传到原清单旁，核对 OSS 返回的 ETag，并让草稿指向它。";
    fix_uploading: "Uploading the fixed manifest…", "正在上传修正后的清单…";
    fix_done: "The draft now uses {} (ETag {}).", "草稿现在使用 {}（ETag {}）。";
    fix_etag_mismatch: "OSS answered ETag {} for the fixed manifest, not {}: the draft was not changed.", "OSS 返回的修正清单 ETag 为 {}，而不是 {}：草稿未更改。";
    fix_failed: "The fixed manifest could not be uploaded: {}", "无法上传修正后的清单：{}";
    manifest_unreadable: "The manifest cannot be read: {}", "无法读取清单：{}";
    manifest_changed: "The manifest's ETag is {}, the job says {}: the manifest changed since the job was written.", "清单的 ETag 为 {}，任务中为 {}：编写任务后清单已更改。";
    no_operation: "Choose one operation to plan.", "请选择一个操作后再规划。";
    module_unavailable: "The planner could not be loaded: {}", "无法加载规划器：{}";
    cancelled: "The plan was cancelled.", "规划已取消。";
    failed: "The plan could not be made: {}", "无法生成规划：{}";
}

pub fn plan_texts(lang: Lang) -> &'static PlanTexts {
    match lang {
        Lang::Zh => &ZH,
        _ => &EN,
    }
}

/// A text filled for both languages.
pub fn bilingual(
    pick: impl Fn(&PlanTexts) -> &'static str,
    values: &[&dyn std::fmt::Display],
) -> Bilingual {
    Bilingual {
        en: fill(pick(&EN), values),
        zh: fill(pick(&ZH), values),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_text_is_written_in_both_languages() {
        for (name, en, zh) in super::CATALOGUE {
            assert!(!en.is_empty() && !zh.is_empty(), "{name}");
            assert_ne!(en, zh, "{name} is left in English");
            assert_eq!(
                en.matches("{}").count(),
                zh.matches("{}").count(),
                "{name}: the same values"
            );
        }
    }
}
