//! The interface in English and Simplified Chinese (issue #14). Every visible string of the app is a
//! field of [`Texts`], written once per language below: a text missing in one language does not
//! compile, and a test checks that none is empty or left in English. Rule messages, rule summaries
//! and OSS error hints come from the core (`ossbatch_core::lang`), so the CLI and npm say the same.
//!
//! The language follows the browser (`navigator.languages`) until the user picks one in the header;
//! that choice is remembered in localStorage and sets `<html lang>`.

use ossbatch_core::{Lang, Severity};
use yew::prelude::*;

macro_rules! texts {
    ($($name:ident: $en:expr, $zh:expr;)*) => {
        /// Every visible string of the app, in one language. `{}` marks where [`fill`] puts a value.
        pub struct Texts { $(pub $name: &'static str,)* }
        pub const EN: Texts = Texts { $($name: $en,)* };
        pub const ZH: Texts = Texts { $($name: $zh,)* };
        /// (name, English, Chinese) of every text, for the catalogue test.
        #[cfg(test)]
        pub const CATALOGUE: &[(&str, &str, &str)] = &[$((stringify!($name), $en, $zh),)*];
    };
}

texts! {
    // The page.
    app_tagline: "Build, check and submit Alibaba Cloud OSS Batch Operations jobs, then follow them.",
        "构建、检查并提交阿里云 OSS 批量处理任务，并跟踪其进度。";
    views: "Views", "视图";
    tab_builder: "Builder", "构建器";
    tab_jobs: "Jobs", "任务";
    language: "Language", "语言";
    dismiss: "Dismiss", "关闭";
    job_form: "Job", "任务";
    jump_to_preview: "Request preview ↓", "请求预览 ↓";
    jump_to_form: "↑ Back to the form", "↑ 返回表单";
    cloned_notice: "Job {} was cloned into the builder with a new ClientRequestToken, so submitting it creates a new job.",
        "任务 {} 已复制到构建器，并使用新的 ClientRequestToken，提交后会创建一个新任务。";
    cloned_left_out: " Left out because the builder cannot read them: {}.", "以下内容构建器无法读取，已略去：{}。";
    share: "Share", "分享";
    share_help: "The link holds this job (never credentials) in its #fragment, which browsers do not send to servers.",
        "链接的 #片段中保存此任务（从不包含凭证），浏览器不会把片段发送给服务器。";
    copy_share_link: "Copy share link", "复制分享链接";
    share_link: "Share link", "分享链接";
    share_damaged: "The share link is damaged: {}", "分享链接已损坏：{}";
    share_not_utf8: "The share link is damaged: not UTF-8", "分享链接已损坏：不是 UTF-8";
    share_unreadable: "The share link holds an unreadable job: {}", "分享链接中的任务无法读取：{}";

    // Severity words.
    severity_error: "error", "错误";
    severity_warning: "warning", "警告";
    severity_info: "note", "提示";

    // Region.
    region: "Region", "地域";
    region_help: "Where the job runs: the manifest and report buckets must be in this region.",
        "任务运行的地域：清单和报告所在的存储空间必须位于此地域。";
    region_other: "Other region…", "其他地域…";
    region_id: "Region id", "地域 ID";

    // Start from / import.
    start_from: "Start from", "从这里开始";
    empty_job: "Empty job", "空任务";
    import_summary: "Import an XML or JSON job file", "导入 XML 或 JSON 任务文件";
    paste_job_file: "Paste a job file", "粘贴任务文件";
    import: "Import", "导入";
    open_a_file: "or open a file: ", "或打开文件：";
    imported: "Imported: the form now holds the file.", "已导入：表单现在是该文件的内容。";
    cannot_import: "Cannot import: {}", "无法导入：{}";
    cannot_read_file: "Cannot read the file.", "无法读取该文件。";

    // Operation.
    operation: "Operation", "操作";
    operation_what: "What the job does to each object", "任务对每个对象执行的操作";
    choose_operation: "Choose an operation", "请选择操作";
    op_put_tagging: "Set tags (PutObjectTagging: replaces existing tags)", "设置标签（PutObjectTagging：替换现有标签）";
    op_add_tagging: "Add tags (AddObjectTagging: keeps existing tags)", "添加标签（AddObjectTagging：保留现有标签）";
    op_delete_tagging: "Delete all tags (DeleteObjectTagging)", "删除所有标签（DeleteObjectTagging）";
    op_put_acl: "Set the ACL (PutObjectAcl)", "设置 ACL（PutObjectAcl）";
    op_restore: "Restore archived objects (RestoreObject)", "解冻归档对象（RestoreObject）";
    delete_tagging_help: "Removes every tag of each object. No settings.", "删除每个对象的所有标签。无需设置。";
    object_acl: "Object ACL", "对象 ACL";
    choose_acl: "Choose an ACL", "请选择 ACL";
    acl_default: "default (inherit the bucket ACL)", "default（继承存储空间 ACL）";
    days_restored: "Days restored", "解冻天数";
    days_restored_help: "Archive: {} to {}. Cold Archive and Deep Cold Archive: {} to {}.",
        "归档存储：{} 到 {}。冷归档和深度冷归档：{} 到 {}。";
    restore_tier: "Restore priority (Cold Archive, Deep Cold Archive)", "解冻优先级（冷归档、深度冷归档）";
    not_set: "Not set", "未设置";
    tier_standard: "Standard (2 to 5 hours; Deep Cold Archive: within 48 hours)", "Standard（2 到 5 小时；深度冷归档：48 小时内）";
    tier_bulk: "Bulk (5 to 12 hours; Cold Archive only)", "Bulk（5 到 12 小时；仅冷归档）";
    not_a_known_value: "{} (not a known value)", "{}（不是已知的值）";

    // Tags.
    tags_heading: "Tags ({} of {})", "标签（{} / {}）";
    tag_key_n: "Key {}", "键 {}";
    tag_value_n: "Value {}", "值 {}";
    move_tag_up: "Move tag {} up", "上移标签 {}";
    move_tag_down: "Move tag {} down", "下移标签 {}";
    remove_tag: "Remove tag {}", "删除标签 {}";
    add_tag: "Add tag", "添加标签";

    // Objects to process.
    objects_to_process: "Objects to process", "要处理的对象";
    source_of_objects: "Source of objects", "对象来源";
    source_prefix: "Every object under a prefix (KeyPrefixManifestGenerator)", "某个前缀下的所有对象（KeyPrefixManifestGenerator）";
    source_manifest: "Objects listed in a manifest file (Manifest)", "清单文件中列出的对象（Manifest）";
    source_bucket: "Source bucket", "源存储空间";
    prefix: "Prefix", "前缀";
    prefix_help: "Empty processes every object in the bucket.", "留空则处理存储空间中的所有对象。";
    manifest_bucket: "Manifest bucket", "清单所在存储空间";
    in_job_region: "Must be in the job's region.", "必须位于任务所在地域。";
    manifest_object: "Manifest object key", "清单文件的对象名";
    manifest_etag: "Manifest ETag (optional)", "清单 ETag（可选）";
    manifest_etag_help: "Pins the exact manifest version.", "锁定清单文件的确切版本。";
    manifest_version: "Manifest version ID (optional)", "清单版本 ID（可选）";
    manifest_format: "Manifest format", "清单格式";
    manifest_fields: "Manifest columns (Fields)", "清单列（Fields）";

    // Manifest check.
    check_manifest: "Check a local manifest file", "检查本地清单文件";
    check_manifest_help: "Choose or drop the CSV before you upload it: each row is checked against the columns above, and its ETag (MD5) is computed. The file stays in this browser.",
        "上传前选择或拖入 CSV 文件：每行按上面的列检查，并计算其 ETag（MD5）。文件只留在此浏览器中。";
    etag_only: "ETag only (skip the row checks)", "仅计算 ETag（跳过逐行检查）";
    checking: "Checking {}: {}%", "正在检查 {}：{}%";
    cancel: "Cancel", "取消";
    check_cancelled: "Check cancelled.", "检查已取消。";
    fix_fields_first: "Fix Manifest columns (Fields) first: {}.", "请先修正清单列（Fields）：{}。";
    browser_cannot_read: "the browser could not read the file", "浏览器无法读取该文件";
    etag_only_result: "{}: {} bytes (ETag only; rows not checked).", "{}：{} 字节（仅 ETag；未检查各行）。";
    check_result: "{}: {} rows, {} bytes; {} issue(s), {} error(s).", "{}：{} 行，{} 字节；{} 个问题，{} 个错误。";
    etag_md5: "ETag (MD5): ", "ETag（MD5）：";
    use_this_etag: "Use this ETag", "使用此 ETag";
    etag_note: "Equal to the object's ETag only if you upload the file in one PUT; a multipart upload's ETag ends in -N (copy that one from OSS).",
        "只有用一次 PUT 上传时才等于对象的 ETag；分片上传的 ETag 以 -N 结尾（请从 OSS 复制）。";
    whole_file: "(file)", "（文件）";
    and_more: "…and {} more (the CLI lists them all: ossbatch manifest check).", "……还有 {} 个（命令行会全部列出：ossbatch manifest check）。";

    // Report.
    completion_report: "Completion report", "完成报告";
    report_help: "A Complete job may still have failed tasks: the report is the record of what happened to each object.",
        "状态为 Complete 的任务仍可能有失败的子任务：报告记录了每个对象的处理结果。";
    write_report: "Write a report", "生成报告";
    report_bucket: "Report bucket", "报告所在存储空间";
    report_prefix: "Report prefix", "报告前缀";
    report_scope: "Report scope", "报告范围";
    scope_not_set: "Not set (AllTasks)", "未设置（AllTasks）";
    scope_all: "All tasks", "所有任务";
    scope_failed: "Failed tasks only", "仅失败的任务";

    // Job settings.
    job: "Job", "任务";
    role_arn: "RAM role ARN", "RAM 角色 ARN";
    role_arn_help: "The role OSS assumes to run the job.", "OSS 运行任务时扮演的角色。";
    priority: "Priority", "优先级";
    priority_help: "{} to {}; higher runs first.", "{} 到 {}；数值越大越先运行。";
    client_token: "Client request token", "客户端请求令牌";
    client_token_help: "Identifies this job: a retry with the same token never creates a second job.",
        "标识此任务：使用相同令牌重试不会创建第二个任务。";
    new_token: "New token", "新令牌";
    description: "Description", "描述";
    description_placeholder: "What this job is for", "此任务的用途";
    confirmation: "Wait for confirmation before running (the job starts Suspended)", "运行前等待确认（任务以 Suspended 状态开始）";

    // Issues.
    issues: "Issues", "问题";
    no_issues: "No issues: the request follows every documented rule.", "没有问题：请求符合所有文档规则。";
    issue_counts: "{} error(s), {} warning(s), {} note(s)", "{} 个错误，{} 个警告，{} 个提示";

    // Preview.
    request: "Request", "请求";
    format: "Format", "格式";
    xml_request: "XML request", "XML 请求";
    json_request: "JSON request", "JSON 请求";
    copy_compact: "Copy XML (compact)", "复制 XML（紧凑）";
    copy_pretty: "Copy XML (pretty)", "复制 XML（缩进）";
    copy_json: "Copy JSON", "复制 JSON";
    copy_as_ossutil: "Copy as ossutil", "复制为 ossutil 命令";
    copy_as_ossutil_title: "A shell snippet: saves job.xml, then runs ossutil api create-job", "一段 shell 脚本：保存 job.xml，然后运行 ossutil api create-job";
    copy_as_go: "Copy as Go", "复制为 Go 代码";
    copy_as_go_title: "A Go program that creates this job with the OSS Go SDK v2", "使用 OSS Go SDK v2 创建此任务的 Go 程序";
    download_xml: "Download job.xml", "下载 job.xml";
    download_pretty: "Download pretty XML", "下载缩进的 XML";
    download_json: "Download job.json", "下载 job.json";

    // Role.
    role: "Role", "角色";
    role_help: "The RAM role in RoleArn runs the job. Create it with the trust policy, attach the permission policy (least privilege for this draft), and give the people who submit jobs the caller policy.",
        "RoleArn 中的 RAM 角色负责运行任务。使用信任策略创建它，附加权限策略（此草稿所需的最小权限），并为提交任务的人员授予调用者策略。";
    replace_before_use: "Replace before use: {}.", "使用前请替换：{}。";
    trust_policy: "Trust policy", "信任策略";
    trust_policy_help: "Who may assume the role.", "谁可以扮演该角色。";
    permission_policy: "Permission policy", "权限策略";
    permission_policy_help: "What the job may do.", "任务可以执行的操作。";
    caller_policy: "Caller policy", "调用者策略";
    caller_policy_help: "For the RAM user who submits and manages jobs.", "授予提交和管理任务的 RAM 用户。";
    copy_policy: "Copy {}", "复制{}";

    // Submit.
    submit: "Submit", "提交";
    submit_help: "Signed here in the browser (V4); only the signed request goes to the proxy. Credentials stay in this tab unless you choose to remember them.",
        "在浏览器中签名（V4）；只有签名后的请求会发送到代理。除非您选择记住凭证，否则它们只保留在此标签页中。";
    create_job: "Create job", "创建任务";
    fix_errors_first: "Fix the errors first: each is shown at its field and in the issues list.", "请先修正错误：每个错误都显示在对应字段旁和问题列表中。";
    sending: "Sending…", "正在发送…";
    job_created: "Job created. JobId: ", "任务已创建。JobId：";
    request_id: "RequestId {}", "RequestId {}";
    confirm_needed: "This job waits (Suspended) until you confirm it, and fails if it is not confirmed within {} days.",
        "此任务会一直等待（Suspended）直到您确认；{} 天内未确认则任务失败。";
    open_job_to_confirm: "Open the job to confirm it", "打开任务进行确认";
    open_the_job: "Open the job", "打开任务";
    same_token_returns: "Submitting again with the same ClientRequestToken returns this job rather than creating another.",
        "使用相同的 ClientRequestToken 再次提交会返回此任务，而不会创建新任务。";
    start_new_job: "Start a new job (new token)", "开始新任务（新令牌）";
    retry_reuses_token: "A retry reuses this job's ClientRequestToken, so it can never create a second job.",
        "重试会沿用此任务的 ClientRequestToken，因此不会创建第二个任务。";
    signature_inspector: "Signature inspector", "签名检查器";
    canonical_request: "Canonical request", "规范请求";
    string_to_sign: "String to sign", "待签名字符串";
    signed_headers: "Signed headers: {}", "已签名的请求头：{}";
    copy_as_curl: "Copy as curl", "复制为 curl 命令";
    copied_curl: "Copied. The command holds your signature and STS token: treat it as a secret; it expires with the signature.",
        "已复制。该命令包含您的签名和 STS 令牌：请当作机密保管；它随签名一起过期。";
    the_job: "the job", "该任务";
    the_request: "the request", "该请求";
    the_change: "the change", "该修改";
    the_list: "the list", "该列表";

    // Credentials.
    access_key_id: "AccessKey ID", "AccessKey ID";
    access_key_secret: "AccessKey secret", "AccessKey Secret";
    security_token: "STS security token (optional)", "STS 安全令牌（可选）";
    proxy_url: "Proxy URL", "代理地址";
    proxy_url_placeholder: "(this page's origin)", "（本页面的源）";
    remember_credentials: "Remember the credentials on this device (stored in this browser's localStorage)",
        "在此设备上记住凭证（保存在此浏览器的 localStorage 中）";
    enter_keys: "Enter an AccessKey ID and secret.", "请输入 AccessKey ID 和 Secret。";
    enter_region: "Enter a region.", "请输入地域。";
    cannot_sign: "Cannot sign: {}", "无法签名：{}";
    host_credentials_failed: "The host page could not provide credentials: {}", "宿主页面未能提供凭证：{}";
    host_credentials_help: "Nothing was signed or sent. The page that embeds this builder supplies the credentials.",
        "未签名也未发送任何请求。凭证由嵌入此构建器的页面提供。";
    host_transport_failed: "The host page's transport failed: {}", "宿主页面的传输失败：{}";

    // Issue list labels of elements the form has no label of its own for.
    label_tagging: "Tagging", "标签操作";
    label_tags: "Tags", "标签";
    label_restore_days: "Restore days", "解冻天数";
    label_restore_tier: "Restore tier", "解冻优先级";
    label_manifest_location: "Manifest location", "清单位置";
    label_manifest_etag: "Manifest ETag", "清单 ETag";
    label_manifest_version_id: "Manifest version ID", "清单版本 ID";
    label_manifest_spec: "Manifest format and columns", "清单格式和列";
    label_key_prefix: "Objects under a prefix", "前缀下的对象";
    label_confirmation_required: "Require confirmation", "需要确认";

    // Failures.
    oss_refused: "OSS refused {} (HTTP {}): ", "OSS 拒绝了{}（HTTP {}）：";
    proxy_answered: "The ossbatch proxy answered HTTP {}; the request did not reach OSS.", "ossbatch 代理返回 HTTP {}；请求未到达 OSS。";
    too_many_retry_in: "Too many requests; retry in {} s.", "请求过多；请在 {} 秒后重试。";
    too_many_wait: "Too many requests; wait a moment and retry.", "请求过多；请稍候再试。";
    proxy_busy: "The proxy is busy; retry in {} s.", "代理繁忙；请在 {} 秒后重试。";
    proxy_refused: "The proxy refused the request: {}", "代理拒绝了该请求：{}";
    unexpected_response: "Unexpected response (HTTP {}): {}", "意外的响应（HTTP {}）：{}";
    body_starts: "; body starts: {}", "；响应开头：{}";
    cannot_reach_proxy: "Cannot reach the proxy at {}. Is ossbatch-proxy running, and is this page's origin allowed?",
        "无法连接到代理 {}。ossbatch-proxy 是否在运行？本页面的源是否被允许？";

    // Jobs view.
    account: "Account", "账号";
    account_help: "Requests are signed here in the browser (V4) and sent through the proxy; the same credentials as the builder's Submit panel.",
        "请求在浏览器中签名（V4）并通过代理发送；与构建器提交面板使用相同的凭证。";
    open_by_id: "Open a job by ID", "按 ID 打开任务";
    job_id: "Job ID", "任务 ID";
    open: "Open", "打开";
    jobs: "Jobs", "任务";
    statuses_filter: "Statuses (none chosen: all)", "状态（不选则为全部）";
    page_size: "Jobs per page (max-keys, {}–{})", "每页任务数（max-keys，{}–{}）";
    page_size_rule: "max-keys must be a whole number from {} to {}.", "max-keys 必须是 {} 到 {} 之间的整数。";
    fix_page_size: "Fix the page size first.", "请先修正每页数量。";
    load_jobs: "Load jobs", "加载任务";
    pages: "Pages", "分页";
    previous_page: "Previous page", "上一页";
    next_page: "Next page", "下一页";
    page_n: "Page {}", "第 {} 页";
    choose_filters: "Choose filters and load the list.", "选择筛选条件并加载列表。";
    loading_jobs: "Loading jobs…", "正在加载任务…";
    no_jobs: "No jobs match these filters.", "没有符合筛选条件的任务。";
    status: "Status", "状态";
    created: "Created", "创建时间";
    progress: "Progress", "进度";
    open_job_n: "Open job {}", "打开任务 {}";
    all_jobs: "← All jobs", "← 所有任务";
    job_heading: "Job ", "任务 ";
    loading: "Loading…", "正在加载…";
    refresh: "Refresh", "刷新";
    refresh_automatically: "Refresh automatically", "自动刷新";
    polling_interval: "every {} s while nothing changes, slowing down to {} s", "无变化时每 {} 秒一次，逐渐放慢到 {} 秒";
    change_the_job: "Change the job", "修改任务";
    reason_label: "Reason for a status change (optional, {}–{} characters)", "状态变更原因（可选，{}–{} 个字符）";
    confirm_run: "Confirm (run the job)", "确认（运行任务）";
    cancel_job: "Cancel the job", "取消任务";
    priority_label: "Priority ({}–{}, higher runs first)", "优先级（{}–{}，数值越大越先运行）";
    change_priority: "Change priority", "修改优先级";
    reuse: "Reuse", "复用";
    clone_into_builder: "Clone into the builder (new token)", "复制到构建器（新令牌）";
    report_heading: "Completion report", "完成报告";
    signature_difference: "OSS computed another string to sign; the first difference is line {}: ossbatch signed “{}”, OSS computed “{}”.", "OSS 计算出的待签名字符串不同；第一处差异在第 {} 行：ossbatch 签名的是“{}”，OSS 计算的是“{}”。";
    report_why: "Complete does not mean every object succeeded: the report is the only record of each task.", "“已完成”不代表每个对象都成功：报告是每个任务的唯一记录。";
    find_report: "Find the report", "查找报告";
    finding_report: "Looking for the report under {}…", "正在 {} 下查找报告……";
    reading_report: "Reading {} of the report…", "正在读取报告（{}）……";
    report_files: "Or read report files you downloaded", "或读取已下载的报告文件";
    report_not_found: "No report object under {} names this job.", "{} 下没有与此任务相关的报告对象。";
    report_columns: "Columns (to correct the layout: bucket,key,versionId,status,httpStatus,errorCode,message,ignore)", "列（用于纠正格式：bucket,key,versionId,status,httpStatus,errorCode,message,ignore）";
    read_again: "Read again with these columns", "按这些列重新读取";
    report_counts: "{} tasks: {} succeeded, {} failed", "{} 个任务：{} 个成功，{} 个失败";
    failure_groups: "Failures by error code and HTTP status", "按错误码和 HTTP 状态分组的失败";
    group_code: "Error code", "错误码";
    group_count: "Tasks", "任务数";
    group_examples: "First keys", "前几个对象";
    group_cause: "Cause and fix", "原因与处理";
    cause_unknown: "OSS documents no cause for this code; it is shown as written.", "OSS 未说明此错误码的原因；按原样显示。";
    damaged_rows: "{} rows could not be read and are not counted:", "{} 行无法读取，未计入：";
    download_retry: "Download retry manifest ({} rows)", "下载重试清单（{} 行）";
    retry_bucket: "Upload the retry manifest to bucket", "将重试清单上传到 Bucket";
    retry_key: "Object key", "对象名";
    retry_failures: "Upload it and open the retry job in the builder", "上传并在构建器中打开重试任务";
    retry_uploading: "Uploading the retry manifest…", "正在上传重试清单……";
    retry_etag_mismatch: "OSS answered the upload with ETag {}, not {}: the manifest did not arrive as written.", "OSS 返回的 ETag 为 {}，而不是 {}：清单未按原样上传。";
    retry_opened: "The retry job is open in the builder (ConfirmationRequired is on).", "重试任务已在构建器中打开（已开启 ConfirmationRequired）。";
    report_first_rows: "The first rows under the columns as read (pick another name for a column that does not fit)", "按读取的列显示的前几行（如某列不符，请为其选择其他名称）";
    report_column_n: "Column {}", "第 {} 列";
    report_cancel: "Cancel", "取消";
    report_cancelled: "Reading the report was cancelled.", "已取消读取报告。";
    report_progress: "{} of {} MiB read", "已读取 {} / {} MiB";
    report_open_role: "Open this job's role policy in the builder", "在构建器中打开此任务的角色策略";
    effect_heading: "Check the effect on a sample", "抽样检查效果";
    effect_why: "Asks OSS for the state the operation should have left on succeeded objects drawn from the report (GetObjectTagging, GetObjectAcl or HeadObject).", "向 OSS 查询从报告中抽取的成功对象上应有的状态（GetObjectTagging、GetObjectAcl 或 HeadObject）。";
    effect_seed: "Sample seed (the same seed draws the same objects; read the report again after changing it)", "抽样种子（相同种子抽到相同对象；修改后请重新读取报告）";
    effect_run: "Check {} objects", "检查 {} 个对象";
    effect_progress: "Checked {} of {}", "已检查 {} / {}";
    effect_cancel: "Cancel", "取消";
    effect_none: "This operation leaves no state that can be read back.", "此操作没有可回读的状态。";
    effect_matched: "matched", "一致";
    effect_not_matched: "not matched", "不一致";
    effect_not_readable: "not readable", "无法读取";
    ended: "Ended", "结束时间";
    confirmation_required: "Confirmation required", "需要确认";
    yes: "yes", "是";
    no: "no", "否";
    report: "Report", "报告";
    no_report: "No report (Report.Enabled is false)", "无报告（Report.Enabled 为 false）";
    not_given: "(not given)", "（未提供）";
    failure_reasons: "Failure reasons", "失败原因";
    none: "None.", "无。";
    no_code: "(no code)", "（无代码）";
    other_fields: "Other fields", "其他字段";
    complete_with_failures: "Complete does not mean every object succeeded: {} task(s) failed. The report lists each object's result.",
        "Complete 并不表示每个对象都成功：有 {} 个子任务失败。报告列出了每个对象的结果。";
    complete_note: "Complete means the job ran to the end; whether each object succeeded is in the report.",
        "Complete 表示任务已运行结束；每个对象是否成功请查看报告。";
    waiting_confirm_before: "Waiting for confirmation. A job left Suspended for {} days fails: confirm it before {}.",
        "等待确认。处于 Suspended 状态 {} 天的任务会失败：请在 {} 之前确认。";
    waiting_confirm_seen: "Waiting for confirmation. A job left Suspended for {} days fails: this browser first saw it Suspended at {}, so confirm it before {}.",
        "等待确认。处于 Suspended 状态 {} 天的任务会失败：此浏览器于 {} 首次看到它处于 Suspended，请在 {} 之前确认。";
    waiting_confirm: "Waiting for confirmation. A job left Suspended for {} days fails.",
        "等待确认。处于 Suspended 状态 {} 天的任务会失败。";
    waiting_answer: "Waiting for the last change to be answered.", "正在等待上一次修改的响应。";
    load_status_first: "Load the job's status first.", "请先加载任务状态。";
    the_job_is: "The job is {}. {}", "任务状态为 {}。{}";
    fix_reason_first: "Fix the reason first: {}", "请先修正原因：{}";
    priority_whole_number: "targetPriority must be a whole number from {} to {}.", "targetPriority 必须是 {} 到 {} 之间的整数。";
    finished_priority: "The job is {}; a finished job's priority no longer matters.", "任务状态为 {}；已结束任务的优先级不再起作用。";
    fix_priority_first: "Fix the priority first: {}", "请先修正优先级：{}";
    polling_stopped: "Polling stopped: the job has finished.", "已停止自动刷新：任务已结束。";
    slow_down: "The proxy asked to slow down; next look in {} s.", "代理要求放慢；{} 秒后再次查看。";
    status_changed: "Status changed.", "状态已修改。";
    status_now: "Status is now {}.", "状态现在为 {}。";
    priority_now: "Priority is now {}.", "优先级现在为 {}。";
    priority_changed: "Priority changed.", "优先级已修改。";
    counting_objects: "Counting objects… (the number of tasks is not known yet){}", "正在统计对象…（子任务数尚未确定）{}";
    tasks_of_total: "{} of {} tasks done ({} succeeded, {} failed){}", "已完成 {} / {} 个子任务（{} 个成功，{} 个失败）{}";
    tasks_done: "{} tasks done ({} succeeded, {} failed){}", "已完成 {} 个子任务（{} 个成功，{} 个失败）{}";
    active_for: "; active for {}", "；已运行 {}";
    duration_s: "{} s", "{} 秒";
    duration_m: "{} min {} s", "{} 分 {} 秒";
    duration_h: "{} h {} min {} s", "{} 小时 {} 分 {} 秒";
}

/// Picks one text from the catalogue (kept in state or tables before the language is known).
pub type Pick = fn(&Texts) -> &'static str;

/// The texts of `lang`.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

/// The page's language (the App provides it).
#[hook]
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// The page's texts.
#[hook]
pub fn use_texts() -> &'static Texts {
    texts(use_lang())
}

/// Puts `values` into the `{}` of `template`, in order.
pub fn fill(template: &str, values: &[&dyn std::fmt::Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16 * values.len());
    let mut values = values.iter();
    let mut rest = template;
    while let Some(at) = rest.find("{}") {
        out.push_str(&rest[..at]);
        if let Some(value) = values.next() {
            out.push_str(&value.to_string());
        }
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out
}

impl Texts {
    pub fn severity(&self, severity: Severity) -> &'static str {
        match severity {
            Severity::Error => self.severity_error,
            Severity::Warning => self.severity_warning,
            Severity::Info => self.severity_info,
        }
    }
}

/// A job status as people read it: the API's word in English; in Chinese, the console's word with
/// the API's after it (`运行中（Active）`), so either can be searched for.
pub fn status_label(status: &str, lang: Lang) -> String {
    ossbatch_core::api::jobs::JobStatus::from(status).label_in(lang)
}

/// The restore days help with the core's limits.
pub fn restore_days_help(t: &Texts) -> String {
    use ossbatch_core::limits::{RESTORE_DAYS_ARCHIVE_MAX, RESTORE_DAYS_MAX, RESTORE_DAYS_MIN};
    fill(
        t.days_restored_help,
        &[
            &RESTORE_DAYS_MIN,
            &RESTORE_DAYS_ARCHIVE_MAX,
            &RESTORE_DAYS_MIN,
            &RESTORE_DAYS_MAX,
        ],
    )
}

/// A text kept in state (a notice, a job view message) in both languages, so switching the
/// language also switches what is already shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bilingual {
    pub en: String,
    pub zh: String,
}

impl Bilingual {
    /// The same template filled for both languages (`pick` chooses the template from the texts).
    pub fn fill(pick: impl Fn(&Texts) -> &'static str, values: &[&dyn std::fmt::Display]) -> Self {
        Bilingual {
            en: fill(pick(&EN), values),
            zh: fill(pick(&ZH), values),
        }
    }

    /// A text that is the same in both languages (a message from elsewhere).
    pub fn same(text: impl Into<String>) -> Self {
        let text = text.into();
        Bilingual {
            en: text.clone(),
            zh: text,
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

/// The language to start in: the one the user chose before (`stored`, read by the caller from
/// storage), else the browser's.
pub fn initial_lang(stored: Option<Lang>) -> Lang {
    if let Some(chosen) = stored {
        return chosen;
    }
    let navigator = web_sys::window().map(|w| w.navigator());
    let preferred: Vec<String> = navigator
        .map(|n| {
            n.languages()
                .iter()
                .filter_map(|value| value.as_string())
                .collect()
        })
        .unwrap_or_default();
    Lang::from_preferences(preferred.iter().map(String::as_str))
}

/// Sets `<html lang>`.
pub fn apply_to_document(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.as_str());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words that read the same in both languages: product and API names, formats, codes.
    const SAME_IN_BOTH: &[&str] = &[
        "access_key_id",
        "access_key_secret",
        "request_id",
        "etag_md5",
    ];

    #[test]
    fn every_text_exists_in_both_languages_and_the_chinese_is_chinese() {
        let is_chinese = |text: &str| text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        for (name, en, zh) in CATALOGUE {
            assert!(!en.trim().is_empty(), "{name}: no English");
            assert!(!zh.trim().is_empty(), "{name}: no Chinese");
            if !SAME_IN_BOTH.contains(name) {
                assert!(
                    is_chinese(zh),
                    "{name}: the Chinese text is not Chinese: {zh:?}"
                );
            }
            assert_eq!(
                en.matches("{}").count(),
                zh.matches("{}").count(),
                "{name}: the languages take different numbers of values"
            );
        }
    }

    #[test]
    fn every_job_status_has_a_chinese_name() {
        for status in ossbatch_core::api::jobs::JobStatus::values() {
            let shown = status_label(status, Lang::Zh);
            assert!(
                shown.ends_with(&format!("（{status}）")),
                "{status}: {shown}"
            );
            assert_eq!(status_label(status, Lang::En), *status);
        }
    }

    /// Limits reach the texts through placeholders, from `ossbatch_core::limits` (and the app's polling
    /// bounds), as the rule summaries do: no template writes a limit's number itself.
    #[test]
    fn limits_are_filled_in_not_written_in_the_texts() {
        use ossbatch_core::limits::{
            MAX_KEYS_MAX, MAX_KEYS_MIN, RESTORE_DAYS_ARCHIVE_MAX, RESTORE_DAYS_MAX,
        };
        for texts in [&EN, &ZH] {
            for template in [
                texts.days_restored_help,
                texts.page_size,
                texts.page_size_rule,
                texts.polling_interval,
            ] {
                assert!(
                    !template.chars().any(|c| c.is_ascii_digit()),
                    "{template} writes a number instead of a placeholder"
                );
            }
        }
        assert!(restore_days_help(&EN).contains(&format!("1 to {RESTORE_DAYS_ARCHIVE_MAX}")));
        assert!(restore_days_help(&ZH).contains(&format!("1 到 {RESTORE_DAYS_MAX}")));
        assert!(
            fill(EN.page_size_rule, &[&MAX_KEYS_MIN, &MAX_KEYS_MAX]).ends_with("from 1 to 1000.")
        );
    }

    #[test]
    fn fill_puts_values_in_order() {
        assert_eq!(fill(ZH.tags_heading, &[&2, &10]), "标签（2 / 10）");
        assert_eq!(fill(EN.checking, &[&"a.csv", &"50"]), "Checking a.csv: 50%");
    }
}
