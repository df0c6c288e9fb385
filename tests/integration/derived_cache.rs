//! The cache of what c34 derives from a dataset (`c34::cache`): a warm run answers exactly
//! as a cold one, and a damaged, foreign, unreadable or unwritable cache changes nothing.
//!
//! Every run gets its own temporary `XDG_CACHE_HOME` (and an empty `XDG_DATA_HOME`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use assert_cmd::Command;

const REPORT_JSON: &str = include_str!("../../assets/report.json");

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn cache_home(&self) -> PathBuf {
        self.dir.path().join("cache")
    }

    /// The folder c34 keeps its entries in.
    fn entries_dir(&self) -> PathBuf {
        self.cache_home().join("c34")
    }

    /// The entries (files ending `.index` or `.missions`), sorted.
    fn entries(&self) -> Vec<PathBuf> {
        let Ok(listing) = fs::read_dir(self.entries_dir()) else {
            return Vec::new();
        };
        let mut entries: Vec<PathBuf> = listing
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.extension()
                    .is_some_and(|e| e == "index" || e == "missions")
            })
            .collect();
        entries.sort();
        entries
    }

    fn entry(&self, extension: &str) -> PathBuf {
        let found: Vec<PathBuf> = self
            .entries()
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == extension))
            .collect();
        assert_eq!(found.len(), 1, "one .{extension} entry: {found:?}");
        found.into_iter().next().unwrap()
    }

    fn run_with_cache(&self, cache_home: &Path, args: &[&str]) -> Output {
        Command::cargo_bin("c34")
            .unwrap()
            .env("XDG_CACHE_HOME", cache_home)
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("HOME", self.dir.path())
            .env("NO_COLOR", "1")
            .env_remove("COLUMNS")
            .timeout(Duration::from_secs(60))
            .args(args)
            .output()
            .unwrap()
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_with_cache(&self.cache_home(), args)
    }

    /// stdout of a run that succeeds with nothing on stderr.
    fn answer(&self, args: &[&str]) -> String {
        answer_of(&self.run(args), args)
    }

    fn file(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        fs::write(&path, contents).unwrap();
        path
    }
}

fn answer_of(output: &Output, args: &[&str]) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{args:?}: {stderr}");
    assert!(
        stderr.is_empty(),
        "{args:?}: nothing said about a cache: {stderr}"
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// What the tests compare cold and warm: searches (text and JSON), a response, the missions.
const COMMANDS: &[&[&str]] = &[
    &["search", "minusma"],
    &["search", "--json", "protection of civilians"],
    &["search", "--json", "mali"],
    &["show", "18"],
    &["missions", "--json"],
];

/// The answers of [`COMMANDS`], each prefixed with `prefix` (`--data FILE`).
fn answers(home: &Home, prefix: &[&str]) -> Vec<String> {
    COMMANDS
        .iter()
        .map(|args| {
            let args: Vec<&str> = prefix.iter().chain(args.iter()).copied().collect();
            home.answer(&args)
        })
        .collect()
}

#[test]
fn a_warm_cache_answers_as_a_cold_one() {
    let home = Home::new();
    let file = home.file("report.json", REPORT_JSON);
    let file = file.to_str().unwrap();
    for prefix in [&[][..], &["--data", file]] {
        let cold_home = Home::new();
        let cold = answers(&cold_home, prefix);
        assert!(
            cold_home.entries().len() >= 2,
            "the cold runs stored entries"
        );
        // Warm: the same home twice; the second run reads what the first stored.
        let warm_home = Home::new();
        let first = answers(&warm_home, prefix);
        let stored: Vec<(PathBuf, Vec<u8>)> = warm_home
            .entries()
            .into_iter()
            .map(|p| (p.clone(), fs::read(p).unwrap()))
            .collect();
        let warm = answers(&warm_home, prefix);
        assert_eq!(first, cold, "{prefix:?}");
        assert_eq!(warm, cold, "{prefix:?}");
        // A warm run reads and does not write again.
        for (path, bytes) in stored {
            assert_eq!(fs::read(&path).unwrap(), bytes, "{}", path.display());
        }
    }
    // The embedded report and the same responses from a file share their entries.
    let home = Home::new();
    home.answer(&["search", "minusma"]);
    let entries = home.entries();
    home.answer(&["--data", file, "search", "minusma"]);
    assert_eq!(home.entries(), entries);
}

#[test]
fn a_damaged_entry_is_ignored_and_replaced() {
    let home = Home::new();
    let args = ["search", "--json", "minusma"];
    let cold = home.answer(&args);
    let index = home.entry("index");
    let whole = fs::read(&index).unwrap();
    let cut = whole[..whole.len() / 2].to_vec();
    let mut flipped = whole.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x55;
    // Another key in the header: an entry another c34 (or dataset) wrote under this name.
    let mut foreign = whole.clone();
    foreign[10] ^= 1;
    let damages: [(&str, Vec<u8>); 5] = [
        ("empty", Vec::new()),
        ("cut short", cut),
        ("a byte changed", flipped),
        ("another key", foreign),
        ("not an entry", b"c34cache but not really".to_vec()),
    ];
    for (what, bytes) in damages {
        fs::write(&index, &bytes).unwrap();
        assert_eq!(home.answer(&args), cold, "{what}");
        assert_eq!(fs::read(&index).unwrap(), whole, "{what}: replaced");
    }
    // The missions entry too, checked through `missions`.
    let missions = home.entry("missions");
    let listed = home.answer(&["missions", "--json"]);
    fs::write(&missions, b"[{\"acronym\": \"MINUSMA\"").unwrap();
    assert_eq!(home.answer(&["missions", "--json"]), listed);
}

#[cfg(unix)]
#[test]
fn an_entry_that_is_a_named_pipe_a_link_to_one_or_a_folder_is_ignored() {
    let home = Home::new();
    let args = ["search", "--json", "minusma"];
    let cold = home.answer(&args);
    let index = home.entry("index");
    let pipe = home.dir.path().join("pipe");
    for link in [false, true] {
        fs::remove_file(&index).unwrap();
        let _ = fs::remove_file(&pipe);
        let made = if link { &pipe } else { &index };
        let status = std::process::Command::new("mkfifo")
            .arg(made)
            .status()
            .unwrap();
        assert!(status.success());
        if link {
            std::os::unix::fs::symlink(&pipe, &index).unwrap();
        }
        // The run has a timeout: a wait on the pipe would fail it.
        assert_eq!(home.answer(&args), cold, "link {link}");
    }
    // A folder where the entry should be: not read, and not replaced either.
    fs::remove_file(&index).unwrap();
    fs::create_dir(&index).unwrap();
    assert_eq!(home.answer(&args), cold, "a folder");
    assert!(index.is_dir());
}

#[cfg(unix)]
#[test]
fn an_unwritable_cache_still_answers() {
    use std::os::unix::fs::PermissionsExt;
    let home = Home::new();
    let reference = answers(&Home::new(), &[]);
    // A cache home that cannot be a folder (a file stands there).
    let file = home.file("a-file", "not a folder");
    let beyond = file.join("cache");
    for (args, expected) in COMMANDS.iter().zip(&reference) {
        assert_eq!(
            &answer_of(&home.run_with_cache(&beyond, args), args),
            expected
        );
    }
    // A folder without write permission (read-only to everyone but root).
    let locked = home.dir.path().join("locked");
    fs::create_dir_all(locked.join("c34")).unwrap();
    fs::set_permissions(locked.join("c34"), fs::Permissions::from_mode(0o500)).unwrap();
    for (args, expected) in COMMANDS.iter().zip(&reference) {
        assert_eq!(
            &answer_of(&home.run_with_cache(&locked, args), args),
            expected
        );
    }
    fs::set_permissions(locked.join("c34"), fs::Permissions::from_mode(0o700)).unwrap();
}

#[cfg(unix)]
#[test]
fn the_cache_folder_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let home = Home::new();
    home.answer(&["search", "minusma"]);
    for dir in [home.cache_home(), home.entries_dir()] {
        let mode = fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "{}", dir.display());
    }
}

#[test]
fn a_dataset_edited_on_disk_misses() {
    let home = Home::new();
    let path = home.file("report.json", REPORT_JSON);
    let data = path.to_str().unwrap();
    let search = |word: &str| {
        let output = home.run(&["--data", data, "search", "--json", word]);
        String::from_utf8(output.stdout).unwrap()
    };
    let none: serde_json::Value = serde_json::from_str(&search("zanzibarite")).unwrap();
    assert_eq!(none.as_array().map(Vec::len), Some(0), "{none}");
    let before = home.entries();
    assert_eq!(before.len(), 2);
    // A new word in the first response: the edited file is another dataset.
    let marker = "\"paragraphs\": [\n";
    let at = REPORT_JSON
        .find(marker)
        .expect("the report lists paragraphs")
        + marker.len();
    let first_quote = at + REPORT_JSON[at..].find('"').unwrap() + 1;
    let edited = format!(
        "{}Zanzibarite {}",
        &REPORT_JSON[..first_quote],
        &REPORT_JSON[first_quote..]
    );
    fs::write(&path, edited).unwrap();
    let found: serde_json::Value = serde_json::from_str(&search("zanzibarite")).unwrap();
    assert_eq!(found.as_array().map(Vec::len), Some(1), "{found}");
    let after = home.entries();
    assert_eq!(
        after.len(),
        4,
        "the edited dataset's entries beside the first"
    );
    assert!(before.iter().all(|p| after.contains(p)));
}

#[test]
fn the_library_answers_alike_with_and_without_the_cache() {
    let home = Home::new();
    // A second report: the embedded one under another symbol and date.
    let mut second: serde_json::Value = serde_json::from_str(REPORT_JSON).unwrap();
    second["document"]["symbol"] = "A/77/999/Add.1".into();
    second["document"]["date"] = "2022-11-01".into();
    let file = home.file("second.json", &second.to_string());
    let no_cache = Path::new("/dev/null/c34-cache");
    answer_of(
        &home.run_with_cache(no_cache, &["add", file.to_str().unwrap()]),
        &["add"],
    );
    let commands: [&[&str]; 4] = [
        &["search", "--all-reports", "--json", "minusma"],
        &["--report", "A/77/999/Add.1", "show", "18"],
        &["missions", "--json"],
        &["reports", "--json"],
    ];
    let reference: Vec<String> = commands
        .iter()
        .map(|args| answer_of(&home.run_with_cache(no_cache, args), args))
        .collect();
    assert!(home.entries().is_empty());
    for round in ["cold", "warm"] {
        for (args, expected) in commands.iter().zip(&reference) {
            assert_eq!(&home.answer(args), expected, "{round} {args:?}");
        }
        assert!(!home.entries().is_empty(), "{round}");
    }
}
