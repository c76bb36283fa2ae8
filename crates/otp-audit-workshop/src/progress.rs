//! An attendee's progress: solved exercises, drafts and hints shown. Kept in
//! localStorage by the web app and exported to a file to move between machines.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Marks a progress file, so that importing some other JSON file fails clearly.
pub const KIND: &str = "otp-audit-workshop-progress";

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    #[serde(default)]
    pub solved: BTreeSet<String>,
    /// The code last typed into each exercise.
    #[serde(default)]
    pub drafts: BTreeMap<String, String>,
    /// How many hints of each exercise are shown.
    #[serde(default)]
    pub hints: BTreeMap<String, u32>,
}

#[derive(Serialize, Deserialize)]
struct File {
    kind: String,
    version: u32,
    #[serde(flatten)]
    progress: Progress,
}

impl Progress {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&File {
            kind: KIND.into(),
            version: 1,
            progress: self.clone(),
        })
        .expect("progress serializes")
    }

    pub fn from_json(text: &str) -> Result<Progress, String> {
        let file: File = serde_json::from_str(text)
            .map_err(|e| format!("this is not a workshop progress file ({e})"))?;
        if file.kind != KIND {
            return Err(format!(
                "this is not a workshop progress file (kind is \"{}\", expected \"{KIND}\")",
                file.kind
            ));
        }
        if file.version != 1 {
            return Err(format!(
                "progress file version {} is not supported; export it again from this app",
                file.version
            ));
        }
        Ok(file.progress)
    }

    /// Take in an imported file: solved exercises add up, its drafts and hints win.
    pub fn merge(&mut self, other: Progress) {
        self.solved.extend(other.solved);
        self.drafts.extend(other.drafts);
        for (id, n) in other.hints {
            let e = self.hints.entry(id).or_default();
            *e = (*e).max(n);
        }
    }

    pub fn is_solved(&self, id: &str) -> bool {
        self.solved.contains(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_merge() {
        let mut p = Progress::default();
        p.solved.insert("a".into());
        p.drafts.insert("b".into(), "code".into());
        p.hints.insert("b".into(), 2);
        let back = Progress::from_json(&p.to_json()).unwrap();
        assert_eq!(back, p);
        let mut q = Progress::default();
        q.solved.insert("c".into());
        q.hints.insert("b".into(), 1);
        q.merge(back);
        assert!(q.is_solved("a") && q.is_solved("c"));
        assert_eq!(q.hints["b"], 2);
        assert!(
            Progress::from_json("{\"format\":1}")
                .unwrap_err()
                .contains("not a workshop progress file")
        );
    }
}
