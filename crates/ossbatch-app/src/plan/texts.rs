//! The words of the Plan step and of the way back (a job page's Roll back, the Jobs tab's journal)
//! in English and Simplified Chinese, written once per language as the app's
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
    snapshot: "Save a before-image", "保存变更前快照";
    snapshot_help: "Downloads the state this plan read (up to {} objects); Roll back on the job's page restores it.",
        "下载本次规划读取的状态（最多 {} 个对象）；可在任务页面“回滚”恢复。";
    snapshot_too_large: "A before-image is saved here for jobs of up to {} objects; this one names {}: use ossbatch snapshot.", "此处仅为不超过 {} 个对象的任务保存快照；本任务涉及 {} 个：请使用 ossbatch snapshot。";
    snapshot_saved: "Saved {} ({} objects).", "已保存 {}（{} 个对象）。";
    snapshot_failed: "The before-image could not be made: {}", "无法生成快照：{}";
    journal_heading: "Submitted from this browser", "从此浏览器提交的任务";
    journal_help: "{} jobs, kept in this browser after OSS stops listing them (drafts only, never credentials).", "{} 个任务，OSS 不再列出后仍保存在此浏览器（仅草稿，不含凭证）。";
    journal_seen: "Status first seen", "状态首次出现";
    journal_open_draft: "Open the draft", "打开草稿";
    rollback_heading: "Roll back", "回滚";
    rollback_why: "From a before-image saved before the job ran: one draft job per before-image. Read the report first to leave out failed tasks.",
        "根据任务运行前保存的快照：每种快照状态一个草稿任务。请先读取报告以排除失败的任务。";
    rollback_file: "Before-image file (.jsonl)", "快照文件（.jsonl）";
    rollback_failed_known: "{} failed tasks from the report are left out.", "已排除报告中的 {} 个失败任务。";
    rollback_jobs: "{} rollback jobs for {} objects", "{} 个回滚任务，共 {} 个对象";
    rollback_direct: "{} more objects: ossbatch rollback --out DIR on this file, then ossbatch rollback apply DIR.", "另有 {} 个对象：请对此文件运行 ossbatch rollback --out DIR，再运行 ossbatch rollback apply DIR。";
    rollback_skipped: "{} objects have no before-image (not read or missing) and are not put back.", "{} 个对象没有快照（未读取或不存在），不会恢复。";
    rollback_upload: "Upload the manifests", "上传清单";
    rollback_uploading: "Uploading manifest {} of {}…", "正在上传第 {} / {} 个清单……";
    rollback_uploaded: "Every manifest is uploaded, its ETag checked.", "所有清单均已上传，ETag 已核对。";
    rollback_open: "Open rollback {} as a draft", "以草稿打开回滚任务 {}";
    rollback_failed: "The rollback could not be prepared: {}", "无法准备回滚：{}";
    rollback_etag_mismatch: "OSS answered the manifest's upload with ETag {}, not {}: it did not arrive as written.", "OSS 返回的清单 ETag 为 {}，而不是 {}：清单未按原样上传。";
    rollback_cannot_read: "The file could not be read.", "无法读取该文件。";
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
