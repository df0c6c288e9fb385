//! `c34 refs` and `c34 missions --matrix` run as a user would: aligned text, JSON, CSV, bold
//! headers only on a terminal without `NO_COLOR`, and the exit status.

use std::io::Read;

use crate::common::cli::{c34, stdout_of};
use portable_pty::{CommandBuilder, native_pty_system};
use serde_json::Value;

/// The display column (every character here is one cell wide) where each whitespace-separated
/// field of `line` starts and ends.
fn fields(line: &str) -> Vec<(usize, usize, String)> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        if chars[at] == ' ' {
            at += 1;
            continue;
        }
        let start = at;
        while at < chars.len() && chars[at] != ' ' {
            at += 1;
        }
        out.push((start, at, chars[start..at].iter().collect()));
    }
    out
}

#[test]
fn refs_prints_symbol_paragraphs_and_link_in_aligned_columns() {
    let out = stdout_of(c34().arg("refs"));
    assert!(!out.contains('\u{1b}'));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 6, "{out}");
    assert!(lines[0].starts_with("S/2020/1179 "), "{out}");
    // Every line: the symbol at 0, the paragraphs at one column, the link at another.
    let link_at: Vec<usize> = lines.iter().map(|l| l.find("https://").unwrap()).collect();
    assert!(link_at.windows(2).all(|w| w[0] == w[1]), "{out}");
    let paras_at: Vec<usize> = lines
        .iter()
        .map(|l| {
            // The symbol may hold a space (`S/RES/2589 (2021)`): the paragraphs follow two.
            l.find("  ").unwrap() + l[l.find("  ").unwrap()..].find(|c| c != ' ').unwrap()
        })
        .collect();
    assert!(paras_at.windows(2).all(|w| w[0] == w[1]), "{out}");
    let unisfa = lines.iter().find(|l| l.starts_with("S/2020/1224")).unwrap();
    assert!(unisfa.contains(" 121 122 "), "{unisfa}");
    assert!(
        unisfa.ends_with("https://undocs.org/en/S/2020/1224"),
        "{unisfa}"
    );
    let resolution = lines
        .iter()
        .find(|l| l.starts_with("S/RES/2589 (2021)"))
        .unwrap();
    assert!(
        resolution.ends_with("https://undocs.org/en/S/RES/2589(2021)"),
        "{resolution}"
    );
}

#[test]
fn the_matrix_is_aligned_under_its_headers_and_its_totals_add_up() {
    let out = stdout_of(c34().args(["missions", "--matrix"]));
    assert!(!out.contains('\u{1b}'), "no bold when piped");
    // The table, then a blank line and what the total counts.
    let (table, note) = out.split_once("\n\n").expect("a line under the table");
    let lines: Vec<&str> = table.lines().collect();
    let header = fields(lines[0]);
    let names: Vec<&str> = header.iter().map(|f| f.2.as_str()).collect();
    assert_eq!(
        names,
        [
            "mission", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "total"
        ]
    );
    let mut sums = vec![0; header.len()];
    for line in &lines[1..lines.len() - 1] {
        let cells = fields(line);
        assert_eq!(cells.len(), header.len(), "{line}");
        assert_eq!(cells[0].0, 0, "acronyms start the line: {line}");
        for (col, (cell, head)) in cells.iter().zip(&header).enumerate().skip(1) {
            assert_eq!(cell.1, head.1, "right-aligned under {}: {line}", head.2);
            let value = if cell.2 == "·" {
                0
            } else {
                cell.2.parse::<usize>().unwrap()
            };
            assert_ne!(cell.2, "0", "zero cells are dots: {line}");
            sums[col] += value;
        }
        let row_sum: usize = cells[1..cells.len() - 1]
            .iter()
            .map(|c| c.2.parse::<usize>().unwrap_or(0))
            .sum();
        assert_eq!(cells.last().unwrap().2, row_sum.to_string(), "{line}");
    }
    let totals = fields(lines.last().unwrap());
    assert_eq!(totals[0].2, "total");
    for (col, cell) in totals.iter().enumerate().skip(1) {
        assert_eq!(cell.1, header[col].1);
        let expected = if sums[col] == 0 {
            "·".to_string()
        } else {
            sums[col].to_string()
        };
        assert_eq!(cell.2, expected, "column {}", header[col].2);
    }
    let minusma = lines.iter().find(|l| l.starts_with("MINUSMA ")).unwrap();
    assert!(minusma.trim_end().ends_with(" 19"), "{minusma}");
    // The total counts mentions; the recommendations they are in come from `missions --json`
    // (each mission's paragraphs), counted once each.
    let missions: serde_json::Value =
        serde_json::from_str(&stdout_of(c34().args(["missions", "--json"]))).unwrap();
    let mut paras: Vec<u64> = missions
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| {
            m["paras"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(serde_json::Value::as_u64)
        })
        .collect();
    paras.sort_unstable();
    paras.dedup();
    let total: usize = sums.iter().skip(1).take(header.len() - 2).sum();
    assert_eq!(
        note.trim_end(),
        format!("{total} mentions in {} recommendations", paras.len())
    );
}

#[test]
fn csv_has_the_documented_header_and_round_trips_to_the_json_counts() {
    let csv_out = stdout_of(c34().args(["missions", "--matrix", "--format", "csv"]));
    assert_eq!(
        csv_out.lines().next(),
        Some("mission,I,II,III,IV,V,VI,VII,VIII,IX,total")
    );
    let json: Value = serde_json::from_str(&stdout_of(
        c34().args(["missions", "--matrix", "--format", "json"]),
    ))
    .unwrap();
    let missions = json["missions"].as_array().unwrap();
    let mut reader = csv::Reader::from_reader(csv_out.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), missions.len());
    for (record, mission) in records.iter().zip(missions) {
        assert_eq!(&record[0], mission["acronym"].as_str().unwrap());
        let counts: Vec<u64> = record.iter().skip(1).map(|f| f.parse().unwrap()).collect();
        let (total, cells) = counts.split_last().unwrap();
        let json_counts: Vec<u64> = mission["counts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect();
        assert_eq!(cells, json_counts.as_slice());
        assert_eq!(Some(*total), mission["total"].as_u64());
    }
    // --json is --format json.
    let same: Value =
        serde_json::from_str(&stdout_of(c34().args(["missions", "--matrix", "--json"]))).unwrap();
    assert_eq!(same, json);
}

#[test]
fn matrix_flags_are_checked() {
    c34()
        .args(["missions", "--matrix", "--json", "--format", "csv"])
        .assert()
        .code(2);
    // Without --matrix, `missions` is the list it always was.
    let list = stdout_of(c34().arg("missions"));
    assert!(list.starts_with("MINUSCA  United Nations"), "{list}");
}

#[test]
fn a_dataset_without_citations_or_missions_finds_nothing() {
    let mut dataset: Value =
        serde_json::from_str(&stdout_of(c34().args(["export", "--format", "json"]))).unwrap();
    dataset["sections"] = serde_json::json!([{
        "number": "I",
        "title": "Introduction",
        "recommendations": [{ "para": 1, "paragraphs": ["Nothing is cited here."] }]
    }]);
    dataset["missions"] = serde_json::json!([]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plain.json");
    std::fs::write(&path, dataset.to_string()).unwrap();
    let refs = c34().arg("--data").arg(&path).arg("refs").output().unwrap();
    assert_eq!(refs.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refs.stderr).contains("cite no documents"));
    let json = c34()
        .arg("--data")
        .arg(&path)
        .args(["refs", "--json"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&json.stdout).trim(), "[]");
    let matrix = c34()
        .arg("--data")
        .arg(&path)
        .args(["missions", "--matrix"])
        .output()
        .unwrap();
    assert_eq!(matrix.status.code(), Some(1));
}

/// Everything `c34 ARGS` writes to a pseudo-terminal, with `NO_COLOR` as given (unset: None).
fn on_a_terminal(args: &[&str], no_color: Option<&str>) -> String {
    let pty = native_pty_system()
        .openpty(crate::common::pty::size(120, 40))
        .expect("a pseudo-terminal opens");
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_c34"));
    command.env("XDG_CACHE_HOME", crate::common::NO_CACHE);
    command.args(args);
    command.env_remove("NO_COLOR");
    if let Some(value) = no_color {
        command.env("NO_COLOR", value);
    }
    let mut child = pty.slave.spawn_command(command).expect("c34 starts");
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().expect("a reader");
    let reading = std::thread::spawn(move || {
        let mut output = Vec::new();
        let mut buffer = [0; 4096];
        // The read fails (EIO) or ends once the child has exited and the terminal closes.
        while let Ok(n) = reader.read(&mut buffer) {
            if n == 0 {
                break;
            }
            output.extend_from_slice(&buffer[..n]);
        }
        output
    });
    let deadline = std::time::Instant::now() + crate::common::pty::TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().expect("the child can be polled") {
            break status;
        }
        assert!(std::time::Instant::now() < deadline, "c34 did not exit");
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert!(status.success());
    drop(pty.master);
    String::from_utf8(reading.join().expect("the reader ends")).expect("UTF-8")
}

#[test]
fn headers_are_bold_on_a_terminal_unless_no_color_is_set() {
    let bold = "\u{1b}[1m";
    let coloured = on_a_terminal(&["missions", "--matrix"], None);
    assert!(coloured.contains(&format!("{bold}mission")), "{coloured:?}");
    assert!(coloured.contains(&format!("{bold}total")), "{coloured:?}");
    // An empty NO_COLOR is as good as none (no-color.org).
    let empty = on_a_terminal(&["missions", "--matrix"], Some(""));
    assert!(empty.contains(bold), "{empty:?}");
    let plain = on_a_terminal(&["missions", "--matrix"], Some("1"));
    assert!(!plain.contains('\u{1b}'), "{plain:?}");
    assert!(plain.contains("MINUSMA"), "{plain:?}");
}
