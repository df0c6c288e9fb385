//! Bad files handed to `--data` and `import`: each gets one clear message naming the file (and
//! line and column where they exist), exit status 2, and never a panic.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const REPORT_JSON: &str = include_str!("../../assets/report.json");

struct Case {
    dir: tempfile::TempDir,
}

impl Case {
    fn new() -> Case {
        Case {
            dir: tempfile::tempdir().expect("a temporary directory"),
        }
    }

    fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        fs::write(&path, contents).expect("write the test file");
        path
    }
}

/// Runs c34 with `args`, expects exit 2 and returns stderr, which must name `path` once.
fn command_fails(args: &[&str], path: &Path) -> String {
    let output = Command::cargo_bin("c34")
        .unwrap()
        .env("XDG_CACHE_HOME", crate::common::NO_CACHE)
        .args(args)
        .arg(path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(2), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(output.stdout.is_empty(), "nothing on stdout on failure");
    assert_eq!(stderr.lines().count(), 1, "one message: {stderr}");
    assert!(stderr.contains(&path.display().to_string()), "{stderr}");
    stderr
}

/// `c34 --data FILE list` — the `--data` flag goes before the file here for `fails`.
fn data_fails(path: &Path) -> String {
    data_fails_with(path, &["list"])
}

/// As [`data_fails`], for the subcommand `args`.
fn data_fails_with(path: &Path, args: &[&str]) -> String {
    let output = Command::cargo_bin("c34")
        .unwrap()
        .env("XDG_CACHE_HOME", crate::common::NO_CACHE)
        .arg("--data")
        .arg(path)
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(2), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(output.stdout.is_empty());
    assert_eq!(stderr.lines().count(), 1, "one message: {stderr}");
    assert!(stderr.contains(&path.display().to_string()), "{stderr}");
    stderr
}

fn import_fails(path: &Path) -> String {
    command_fails(&["import"], path)
}

fn modified_dataset(change: impl FnOnce(&mut Value)) -> String {
    let mut dataset: Value = serde_json::from_str(REPORT_JSON).unwrap();
    change(&mut dataset);
    serde_json::to_string_pretty(&dataset).unwrap()
}

#[test]
fn missing_file() {
    let case = Case::new();
    let path = case.dir.path().join("absent.json");
    assert!(data_fails(&path).contains("cannot read: No such file"));
    assert!(import_fails(&path).contains("cannot read: No such file"));
}

#[test]
fn a_directory() {
    let case = Case::new();
    assert!(data_fails(case.dir.path()).contains("is a directory, not a file"));
    assert!(import_fails(case.dir.path()).contains("is a directory, not a file"));
}

#[test]
fn an_unreadable_file() {
    let case = Case::new();
    let path = case.file("secret.json", REPORT_JSON);
    let mut permissions = fs::metadata(&path).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o000);
    fs::set_permissions(&path, permissions).unwrap();
    // Root reads any file whatever its mode; /proc/self/mem then stands in for one whose
    // read fails (offset 0 of c34's own memory is unmapped, so reading it is an I/O error).
    let path = if fs::read(&path).is_ok() {
        PathBuf::from("/proc/self/mem")
    } else {
        path
    };
    assert!(data_fails(&path).contains("cannot read"));
    assert!(import_fails(&path).contains("cannot read"));
}

#[test]
fn an_empty_file() {
    let case = Case::new();
    let path = case.file("empty.json", "");
    assert!(data_fails(&path).contains("the file is empty"));
    assert!(import_fails(&path).contains("the file is empty"));
    let blank = case.file("blank.json", "  \n\n\t\n");
    assert!(data_fails(&blank).contains("the file is empty"));
}

#[test]
fn binary_garbage() {
    let case = Case::new();
    // A deterministic pseudo-random byte soup, as from a mistaken binary file.
    let mut state: u32 = 0x1234_5678;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state.to_le_bytes()[0]
        })
        .collect();
    let path = case.file("garbage.bin", &bytes);
    let message = data_fails(&path);
    assert!(
        message.contains("not valid UTF-8") || message.contains("not a c34 dataset"),
        "{message}"
    );
    let message = import_fails(&path);
    assert!(message.contains("not valid UTF-8"), "{message}");
}

#[test]
fn invalid_utf8_names_line_and_column() {
    let case = Case::new();
    let path = case.file("latin1.json", b"{\n  \"document\": \"caf\xe9\"\n}\n");
    let message = data_fails(&path);
    assert!(message.contains(":2:19: not valid UTF-8 text"), "{message}");
    let report = case.file("latin1.txt", b"General Assembly\n\nDistr.: G\xe9n\xe9ral\n");
    assert!(import_fails(&report).contains(":3:10: not valid UTF-8 text"));
}

#[test]
fn truncated_json_names_line_and_column() {
    let case = Case::new();
    let cut = &REPORT_JSON[..REPORT_JSON.len() / 2];
    let path = case.file("truncated.json", cut);
    let lines = cut.lines().count();
    let message = data_fails(&path);
    assert!(message.contains(&format!(":{lines}:")), "{message}");
    assert!(message.contains("EOF while parsing"), "{message}");
}

#[test]
fn json_of_the_wrong_shape() {
    let case = Case::new();
    let path = case.file("string.json", "\"a report\"\n");
    let message = data_fails(&path);
    assert!(
        message.contains(
            ":1:10: not a c34 dataset: invalid type: string \"a report\", expected struct Dataset"
        ),
        "{message}"
    );
    let path = case.file(
        "missing-field.json",
        modified_dataset(|d| {
            d["document"].as_object_mut().unwrap().remove("date");
        }),
    );
    assert!(data_fails(&path).contains("missing field `date`"));
    let path = case.file(
        "wrong-type.json",
        modified_dataset(|d| {
            d["sections"][0]["recommendations"][0]["para"] = Value::from("eighteen");
        }),
    );
    assert!(data_fails(&path).contains("invalid type: string \"eighteen\", expected u32"));
}

#[test]
fn duplicate_paragraph_numbers() {
    let case = Case::new();
    let path = case.file(
        "duplicate.json",
        modified_dataset(|d| {
            d["sections"][2]["recommendations"][1]["para"] = Value::from(52);
        }),
    );
    let message = data_fails(&path);
    assert!(message.contains("sections[2].recommendations[1].para: paragraph numbers must increase: 52 follows 52 (duplicate)"), "{message}");
}

#[test]
fn unordered_paragraph_numbers() {
    let case = Case::new();
    let path = case.file(
        "unordered.json",
        modified_dataset(|d| {
            d["sections"][8]["recommendations"][0]["para"] = Value::from(100);
        }),
    );
    let message = data_fails(&path);
    assert!(
        message.contains(
            "sections[8].recommendations[0].para: paragraph numbers must increase: 100 follows 177"
        ),
        "{message}"
    );
}

#[test]
fn an_empty_section() {
    let case = Case::new();
    let path = case.file(
        "empty-section.json",
        modified_dataset(|d| {
            d["sections"][4]["recommendations"] = Value::Array(Vec::new());
        }),
    );
    let message = data_fails(&path);
    assert!(
        message.contains("section V. Performance and accountability has no recommendations"),
        "{message}"
    );
}

#[test]
fn an_empty_response_and_leftover_markup() {
    let case = Case::new();
    let path = case.file(
        "empty-response.json",
        modified_dataset(|d| {
            d["sections"][0]["recommendations"][0]["paragraphs"] = Value::Array(Vec::new());
        }),
    );
    assert!(data_fails(&path).contains("the response to paragraph 18 is empty"));
    let path = case.file(
        "markup.json",
        modified_dataset(|d| {
            d["sections"][0]["recommendations"][0]["paragraphs"][0] = Value::from("<p>Tagged</p>");
        }),
    );
    assert!(data_fails(&path).contains("contains an HTML tag at character 1"));
}

#[test]
fn a_200_megabyte_file_is_refused_without_reading_it() {
    let case = Case::new();
    let path = case.dir.path().join("huge.json");
    // A sparse file: 200 MB long, no disk used.
    fs::File::create(&path)
        .unwrap()
        .set_len(200_000_000)
        .unwrap();
    let message = data_fails(&path);
    assert!(message.contains("too large (200000000 bytes)"), "{message}");
    assert!(import_fails(&path).contains("too large"));
}

#[test]
fn a_report_text_that_is_not_a_report() {
    let case = Case::new();
    let path = case.file("notes.txt", "Shopping list\n\n- milk\n- bread\n");
    let message = import_fails(&path);
    assert!(message.contains(":4:1: no section heading"), "{message}");
    let path = case.file("report.json", REPORT_JSON);
    let message = import_fails(&path);
    assert!(message.contains("no section heading"), "{message}");
}

#[test]
fn missions_that_disagree_with_the_responses() {
    let case = Case::new();
    let path = case.file(
        "missions.json",
        modified_dataset(|d| {
            d["missions"][0]["paras"] = Value::from(vec![18]);
        }),
    );
    let message = data_fails(&path);
    assert!(
        message.contains(
            "missions[0]: MINUSCA does not match the responses, which name it in paras [68,"
        ),
        "{message}"
    );
    // A search checks them with the keys its index finds, and says the same.
    let searched = data_fails_with(&path, &["search", "--json", "minusca"]);
    assert_eq!(searched, message);
    let path = case.file(
        "renamed.json",
        modified_dataset(|d| {
            d["missions"][1]["acronym"] = Value::from("MINUSMAH");
        }),
    );
    let message = data_fails(&path);
    assert!(
        message.contains("missions[1].acronym: MINUSMAH where the responses name MINUSMA"),
        "{message}"
    );
    assert_eq!(data_fails_with(&path, &["search", "minusma"]), message);
}

#[test]
fn missions_that_disagree_with_the_responses_on_a_warm_cache() {
    // The cache is keyed by the responses, not the missions listed: the report as it is warms
    // it for a file with the same responses and wrong missions, which must fail as it does
    // cold (above), for `show` and for `search`.
    let case = Case::new();
    let cache = case.dir.path().join("cache");
    let run = |path: &Path, args: &[&str]| {
        Command::cargo_bin("c34")
            .unwrap()
            .env("XDG_CACHE_HOME", &cache)
            .arg("--data")
            .arg(path)
            .args(args)
            .output()
            .unwrap()
    };
    let good = case.file("good.json", modified_dataset(|_| {}));
    assert!(run(&good, &["show", "18"]).status.success());
    assert!(run(&good, &["search", "minusca"]).status.success());
    let entries = fs::read_dir(cache.join("c34")).unwrap().count();
    assert_eq!(entries, 2, "an index and the missions named");
    let bad = case.file(
        "missions.json",
        modified_dataset(|d| {
            d["missions"][0]["paras"] = Value::from(vec![18]);
        }),
    );
    let cold = data_fails(&bad);
    for args in [&["list"][..], &["search", "--json", "minusca"]] {
        let output = run(&bad, args);
        assert_eq!(output.status.code(), Some(2));
        assert!(output.stdout.is_empty());
        assert_eq!(String::from_utf8_lossy(&output.stderr), cold, "{args:?}");
    }
}

#[test]
fn a_dataset_without_missions_gets_them_derived() {
    let case = Case::new();
    let path = case.file(
        "no-missions.json",
        modified_dataset(|d| {
            d.as_object_mut().unwrap().remove("missions");
        }),
    );
    let output = Command::cargo_bin("c34")
        .unwrap()
        .env("XDG_CACHE_HOME", crate::common::NO_CACHE)
        .arg("--data")
        .arg(&path)
        .args(["missions", "--json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let listed: Value = serde_json::from_slice(&output.stdout).unwrap();
    let embedded: Value = serde_json::from_str(REPORT_JSON).unwrap();
    let acronyms = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|m| m["acronym"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(acronyms(&listed), acronyms(&embedded["missions"]));
    // A search derives them too (from its index) and finds the missions' responses by them.
    let search = |path: &Path| {
        let output = Command::cargo_bin("c34")
            .unwrap()
            .env("XDG_CACHE_HOME", crate::common::NO_CACHE)
            .arg("--data")
            .arg(path)
            .args(["search", "--json", "monusco"])
            .output()
            .unwrap();
        assert!(output.status.success());
        serde_json::from_slice::<Value>(&output.stdout).unwrap()
    };
    let with_missions = case.file("with-missions.json", REPORT_JSON);
    let derived = search(&path);
    assert!(!derived.as_array().unwrap().is_empty());
    assert_eq!(derived, search(&with_missions));
}

/// `text` as UTF-16, little-endian with a byte-order mark or big-endian without one.
fn utf16(text: &str, little_endian_with_bom: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    if little_endian_with_bom {
        bytes.extend([0xff, 0xfe]);
    }
    for unit in text.encode_utf16() {
        if little_endian_with_bom {
            bytes.extend(unit.to_le_bytes());
        } else {
            bytes.extend(unit.to_be_bytes());
        }
    }
    bytes
}

#[test]
fn utf16_input_is_named_as_such() {
    let case = Case::new();
    let report = include_str!("../../assets/A_76_505_Add.1.txt");
    let path = case.file("report-utf16.txt", utf16(report, true));
    let message = import_fails(&path);
    assert!(message.contains("UTF-16LE"), "{message}");
    let path = case.file("report-utf16be.txt", utf16(report, false));
    assert!(import_fails(&path).contains("UTF-16BE"));
    let path = case.file("dataset-utf16.json", utf16(REPORT_JSON, true));
    assert!(data_fails(&path).contains("UTF-16"));
}

#[test]
fn a_utf8_byte_order_mark_is_accepted() {
    let case = Case::new();
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(REPORT_JSON.as_bytes());
    let path = case.file("bom.json", bytes);
    let output = Command::cargo_bin("c34")
        .unwrap()
        .env("XDG_CACHE_HOME", crate::common::NO_CACHE)
        .arg("--data")
        .arg(&path)
        .args(["cite", "18"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
}

#[test]
fn a_six_digit_paragraph_number_is_an_import_error_at_its_line_and_column() {
    let case = Case::new();
    let report = include_str!("../../assets/A_76_505_Add.1.txt");
    // A new line after the first response, as a converter that split a number off would leave.
    let first = report.find("\n18 ").expect("the response to 18") + 1;
    let end = first + report[first..].find('\n').unwrap();
    let line = report[..end].lines().count() + 1;
    let text = format!("{}\n100000 Second.{}", &report[..end], &report[end..]);
    let path = case.file("six-digits.txt", text);
    let message = import_fails(&path);
    assert!(
        message.contains(&format!(
            ":{line}:1: 100000 is too large for a paragraph number"
        )),
        "{message}"
    );
}
