//! Names kept as 64-bit hashes in cross-file facts. Every file's facts are held
//! until the project is concluded, and a rule that asks "does another file mention
//! this name?" would otherwise keep each file's names as `String`s: a header, an
//! allocation and the text, where a hash takes 8 bytes. Two names with one hash
//! would be taken for the same name; at 64 bits no project is expected to have
//! such a pair. xxh3 gives the same hash in every process (the web app concludes
//! facts that its workers made).

use serde::{Deserialize, Serialize};

/// The hash of a name.
pub fn hash(name: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(name.as_bytes())
}

/// A set of names, as their sorted hashes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NameSet(Box<[u64]>);

impl NameSet {
    pub fn contains(&self, name: &str) -> bool {
        self.0.binary_search(&hash(name)).is_ok()
    }
}

impl<S: AsRef<str>> FromIterator<S> for NameSet {
    fn from_iter<I: IntoIterator<Item = S>>(names: I) -> NameSet {
        let mut hashes: Vec<u64> = names.into_iter().map(|n| hash(n.as_ref())).collect();
        hashes.sort_unstable();
        hashes.dedup();
        NameSet(hashes.into_boxed_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_holds_its_names_and_no_others() {
        let set: NameSet = ["env app key", "Registry", "Registry", ""]
            .into_iter()
            .collect();
        assert!(set.contains("Registry") && set.contains("env app key") && set.contains(""));
        assert!(!set.contains("registry") && !set.contains("env app"));
        assert_eq!(set.0.len(), 3);
    }

    #[test]
    fn a_set_travels_as_json_numbers() {
        let set: NameSet = ["a", "b"].into_iter().collect();
        let json = serde_json::to_value(&set).unwrap();
        assert!(
            json.as_array()
                .is_some_and(|a| a.len() == 2 && a[0].is_u64())
        );
        let back: NameSet = serde_json::from_value(json).unwrap();
        assert!(back.contains("a") && back.contains("b"));
    }
}
