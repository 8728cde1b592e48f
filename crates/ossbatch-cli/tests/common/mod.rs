//! What the CLI tests against the OSS stand-in share: starting it (every signature checked by the
//! official SDK's signer), running `ossbatch` against it, reading and schema-checking outputs.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};

pub const KEY: &str = "LTAI5tCliTestKey";
pub const SECRET: &str = "CliTestSecret0123456789";
pub const STS: (&str, &str, &str) = (
    "STS.CliTestKey",
    "CliStsSecret0123456789",
    "CAIS-cli-sts-token-0123456789",
);

pub fn root() -> String {
    format!("{}/../..", env!("CARGO_MANIFEST_DIR"))
}

pub struct StandIn {
    pub child: Child,
    pub url: String,
    /// The CLI's journal directory for this stand-in's runs (`OSSBATCH_HOME`): never the real home.
    pub home: std::path::PathBuf,
}

impl StandIn {
    pub fn start(extra: &[&str]) -> StandIn {
        let mut child = Command::new("python3")
            .arg(format!("{}/tests/oss-standin/standin.py", root()))
            .args([
                "--port",
                "0",
                "--key",
                &format!("{KEY}:{SECRET}"),
                "--key",
                &format!("{}:{}:{}", STS.0, STS.1, STS.2),
            ])
            .args(extra)
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 runs the stand-in (scripts/setup.sh installs alibabacloud-oss-v2)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line.trim().rsplit(' ').next().unwrap().to_string();
        static HOMES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let home = std::env::temp_dir().join(format!(
            "ossbatch-home-{}-{}",
            std::process::id(),
            HOMES.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&home);
        StandIn { child, url, home }
    }

    pub fn ossbatch(&self, args: &[&str]) -> Output {
        self.ossbatch_with(
            args,
            &[
                ("OSS_ACCESS_KEY_ID", KEY),
                ("OSS_ACCESS_KEY_SECRET", SECRET),
            ],
        )
    }

    pub fn ossbatch_with(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        self.command(args, env).output().expect("runs")
    }

    /// `ossbatch` started, not waited for (crash-injection tests kill it).
    pub fn spawn(&self, args: &[&str]) -> Child {
        self.command(
            args,
            &[
                ("OSS_ACCESS_KEY_ID", KEY),
                ("OSS_ACCESS_KEY_SECRET", SECRET),
            ],
        )
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("runs")
    }

    /// Plants a fault for the next signed request (`fault@N`: the N-th from now); see standin.py.
    pub fn plant(&self, fault: &str) {
        self.control("POST", &format!("standin-plant={fault}"));
    }

    /// How many requests planted holds have held so far.
    pub fn held(&self) -> u64 {
        self.control("GET", "standin-held").trim().parse().unwrap()
    }

    /// Waits (up to a minute: a bound, not a timing assumption) until a planted hold holds a request.
    pub fn wait_held(&self, before: u64) {
        for _ in 0..1200 {
            if self.held() > before {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("no request was held");
    }

    fn control(&self, method: &str, query: &str) -> String {
        let url = format!("{}/?{query}", self.url);
        let output = Command::new("python3")
            .args([
                "-c",
                "import sys, urllib.request; print(urllib.request.urlopen(urllib.request.Request(sys.argv[1], method=sys.argv[2])).read().decode())",
                &url,
                method,
            ])
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        stdout(&output)
    }

    /// How many jobs ListJobs shows with this description.
    pub fn count_jobs(&self, description: &str) -> usize {
        let listed = self.ossbatch(&["jobs", "list", "--all", "--max-keys", "1000", "--json"]);
        let value: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
        value["jobs"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|j| j["Description"] == description)
            .count()
    }

    fn command(&self, args: &[&str], env: &[(&str, &str)]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_ossbatch"));
        command
            .args(args)
            .args(["--endpoint", &self.url, "--region", "cn-hangzhou"]);
        for name in [
            "OSS_ACCESS_KEY_ID",
            "OSS_ACCESS_KEY_SECRET",
            "OSS_SESSION_TOKEN",
            "OSS_REGION",
            "OSS_ENDPOINT",
        ] {
            command.env_remove(name);
        }
        command.env("OSSBATCH_HOME", &self.home);
        command.envs(env.iter().copied());
        command
    }
}

impl Drop for StandIn {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.home);
    }
}

/// Holds a `--json` output to its schema in docs/schemas/cli/.
pub fn assert_schema(name: &str, output: &Output) -> serde_json::Value {
    let value: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{name}: not JSON ({e}): {}", stdout(output)));
    assert_schema_value(name, value)
}

/// Holds a JSON value (an output file's) to its schema in docs/schemas/cli/.
pub fn assert_schema_value(name: &str, value: serde_json::Value) -> serde_json::Value {
    let path = format!("{}/docs/schemas/cli/{name}.schema.json", root());
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:?}\n{value:#}");
    value
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A small seeded generator (xorshift64*): the same corpus every run.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// OSS's whole tag alphabet: letters of any script, digits, spaces and `+ - = . _ : /`.
pub const ALPHABET: &[&str] = &[
    "a", "Z", "7", " ", "+", "-", "=", ".", "_", ":", "/", "中", "文", "é", "ß", "Ж", "ع", "अ",
    "한",
];
pub const ACLS: [&str; 4] = ["default", "private", "public-read", "public-read-write"];

/// `min..=max` characters of [`ALPHABET`].
pub fn word(rng: &mut Rng, min: u64, max: u64) -> String {
    let n = min + rng.below(max - min + 1);
    (0..n)
        .map(|_| ALPHABET[rng.below(ALPHABET.len() as u64) as usize])
        .collect()
}

/// A fresh directory for one test's files.
pub fn work_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("ossbatch-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A JSON-lines file's values.
pub fn rows(path: &std::path::Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// A path as the CLI takes it.
pub fn path(p: &std::path::Path) -> &str {
    p.to_str().unwrap()
}

/// `ossbatch manifest etag` of a file.
pub fn etag_of(standin: &StandIn, file: &std::path::Path) -> String {
    stdout(&standin.ossbatch(&["manifest", "etag", path(file)]))
        .trim()
        .to_string()
}

/// Writes `seed` to `dir/seed.json` and starts the stand-in on it.
pub fn start_on_seed(dir: &std::path::Path, seed: &serde_json::Value) -> StandIn {
    let seed_path = dir.join("seed.json");
    std::fs::write(&seed_path, seed.to_string()).unwrap();
    StandIn::start(&["--objects", path(&seed_path)])
}

/// [`start_on_seed`], with the manifest also written to `dir/<name>`: the stand-in and the
/// manifest's ETag.
pub fn start_with_manifest(
    dir: &std::path::Path,
    seed: &serde_json::Value,
    name: &str,
    manifest: &str,
) -> (StandIn, String) {
    let manifest_path = dir.join(name);
    std::fs::write(&manifest_path, manifest).unwrap();
    let standin = start_on_seed(dir, seed);
    let etag = etag_of(&standin, &manifest_path);
    (standin, etag)
}

/// A random tag set: 0–10 tags, distinct keys of 1–6 characters, values of 0–6, all from [`ALPHABET`].
pub fn tag_set(rng: &mut Rng) -> Vec<(String, String)> {
    let mut tags: Vec<(String, String)> = Vec::new();
    for _ in 0..rng.below(11) {
        let k = word(rng, 1, 6);
        if tags.iter().all(|(existing, _)| *existing != k) {
            tags.push((k, word(rng, 0, 6)));
        }
    }
    tags
}
