//! Structure-aware fuzzing of the zip reader (`archive::read_zip`) and rewriter
//! (`archive::rewrite_zip`): real archives (built here with data descriptors, zip64
//! fields, overlapping entries, self-extractor stubs and hostile names, plus the two
//! archives of other tools in `tests/golden/archive/`) are mutated where zip keeps
//! its numbers: the fields of local headers, central records, end records, zip64
//! records and data descriptors get boundary values, lies and copies of each other;
//! records are duplicated, cut and truncated. Whatever comes out, reading never
//! panics, the limits hold, the memory used stays bounded by the input and the
//! limits, and what `rewrite_zip` writes reads back the same.
//!
//! `ZIP_FUZZ_CASES` sets the number of cases (default 1,000, the CI run); a long run:
//! `ZIP_FUZZ_CASES=1000000 cargo test --release -p otp-audit-project --test archive_fuzz`.

use otp_audit_project::archive::{Kind, Limits, Project, classify, crc32, read_zip, rewrite_zip};
use proptest::prelude::*;
use proptest::sample::Index;

mod peak_memory;
use peak_memory::peak_during;

// ---------------------------------------------------------------------------
// Archives built entry by entry, every field under the fuzzer's control.

#[derive(Clone, Debug)]
struct Entry {
    name: Vec<u8>,
    data: Vec<u8>,
    /// 0 stored, 8 deflate, anything else as written.
    method: u16,
    /// General purpose flags besides bit 3 (descriptor) and bit 11 (UTF-8).
    flags: u16,
    /// Bit 3: sizes and CRC in a data descriptor after the data, zeros in the
    /// local header; with or without the descriptor's optional signature.
    descriptor: Option<bool>,
    /// Sizes and offset through zip64 extra fields (local and central).
    zip64: bool,
    /// Point the central record at the local header of an earlier entry.
    same_data_as: Option<Index>,
    /// Unix mode in the external attributes (a symbolic link: 0o120777).
    mode: u32,
    comment: Vec<u8>,
}

impl Entry {
    /// The flags as written: bit 3 with a descriptor, bit 11 (UTF-8) when the name
    /// is UTF-8 (others are read as code page 437).
    fn flags_written(&self) -> u16 {
        let utf8 = std::str::from_utf8(&self.name).is_ok();
        self.flags
            | if utf8 { 0x0800 } else { 0 }
            | if self.descriptor.is_some() { 0x0008 } else { 0 }
    }
}

#[derive(Clone, Debug)]
struct Model {
    stub: Vec<u8>,
    entries: Vec<Entry>,
    comment: Vec<u8>,
    /// zip64 end records even when nothing needs them.
    zip64_end: bool,
}

fn put16(v: &mut Vec<u8>, x: u16) {
    v.extend_from_slice(&x.to_le_bytes());
}
fn put32(v: &mut Vec<u8>, x: u32) {
    v.extend_from_slice(&x.to_le_bytes());
}
fn put64(v: &mut Vec<u8>, x: u64) {
    v.extend_from_slice(&x.to_le_bytes());
}

fn build(m: &Model) -> Vec<u8> {
    let mut out = m.stub.clone();
    let base = out.len() as u64;
    let mut offsets: Vec<u64> = Vec::new();
    let mut bodies: Vec<(u32, u64, u64)> = Vec::new();
    for e in &m.entries {
        let crc = crc32(&e.data);
        let body = if e.method == 8 {
            miniz_oxide::deflate::compress_to_vec(&e.data, 6)
        } else {
            e.data.clone()
        };
        let (csize, usize_) = (body.len() as u64, e.data.len() as u64);
        bodies.push((crc, csize, usize_));
        if let Some(i) = e.same_data_as.filter(|_| !offsets.is_empty()) {
            offsets.push(offsets[i.index(offsets.len())]);
            continue;
        }
        offsets.push(out.len() as u64 - base);
        let flags = e.flags_written();
        put32(&mut out, 0x0403_4b50);
        put16(&mut out, if e.zip64 { 45 } else { 20 });
        put16(&mut out, flags);
        put16(&mut out, e.method);
        put32(&mut out, 0x0021_0000);
        let described = e.descriptor.is_some();
        put32(&mut out, if described { 0 } else { crc });
        let small = |x: u64| if e.zip64 { 0xFFFF_FFFF } else { x as u32 };
        put32(
            &mut out,
            if described && !e.zip64 {
                0
            } else {
                small(csize)
            },
        );
        put32(
            &mut out,
            if described && !e.zip64 {
                0
            } else {
                small(usize_)
            },
        );
        put16(&mut out, e.name.len() as u16);
        put16(&mut out, if e.zip64 { 20 } else { 0 });
        out.extend_from_slice(&e.name);
        if e.zip64 {
            put16(&mut out, 1);
            put16(&mut out, 16);
            put64(&mut out, if described { 0 } else { usize_ });
            put64(&mut out, if described { 0 } else { csize });
        }
        out.extend_from_slice(&body);
        if let Some(signed) = e.descriptor {
            if signed {
                put32(&mut out, 0x0807_4b50);
            }
            put32(&mut out, crc);
            if e.zip64 {
                put64(&mut out, csize);
                put64(&mut out, usize_);
            } else {
                put32(&mut out, csize as u32);
                put32(&mut out, usize_ as u32);
            }
        }
    }
    let cd_start = out.len() as u64 - base;
    for ((e, &offset), &(crc, csize, usize_)) in m.entries.iter().zip(&offsets).zip(&bodies) {
        let mut extra = Vec::new();
        if e.zip64 {
            put16(&mut extra, 1);
            put16(&mut extra, 24);
            put64(&mut extra, usize_);
            put64(&mut extra, csize);
            put64(&mut extra, offset);
        }
        let small = |x: u64| if e.zip64 { 0xFFFF_FFFF } else { x as u32 };
        let flags = e.flags_written();
        put32(&mut out, 0x0201_4b50);
        put16(&mut out, 0x031E);
        put16(&mut out, if e.zip64 { 45 } else { 20 });
        put16(&mut out, flags);
        put16(&mut out, e.method);
        put32(&mut out, 0x0021_0000);
        put32(&mut out, crc);
        put32(&mut out, small(csize));
        put32(&mut out, small(usize_));
        put16(&mut out, e.name.len() as u16);
        put16(&mut out, extra.len() as u16);
        put16(&mut out, e.comment.len() as u16);
        put16(&mut out, 0);
        put16(&mut out, 0);
        put32(&mut out, e.mode << 16);
        put32(&mut out, small(offset));
        out.extend_from_slice(&e.name);
        out.extend_from_slice(&extra);
        out.extend_from_slice(&e.comment);
    }
    let cd_size = out.len() as u64 - base - cd_start;
    let n = m.entries.len() as u64;
    if m.zip64_end {
        let end64 = out.len() as u64 - base;
        put32(&mut out, 0x0606_4b50);
        put64(&mut out, 44);
        put16(&mut out, 45);
        put16(&mut out, 45);
        put32(&mut out, 0);
        put32(&mut out, 0);
        put64(&mut out, n);
        put64(&mut out, n);
        put64(&mut out, cd_size);
        put64(&mut out, cd_start);
        put32(&mut out, 0x0706_4b50);
        put32(&mut out, 0);
        put64(&mut out, end64);
        put32(&mut out, 1);
    }
    put32(&mut out, 0x0605_4b50);
    put32(&mut out, 0);
    let count = if m.zip64_end { 0xFFFF } else { n as u16 };
    put16(&mut out, count);
    put16(&mut out, count);
    put32(
        &mut out,
        if m.zip64_end {
            0xFFFF_FFFF
        } else {
            cd_size as u32
        },
    );
    put32(
        &mut out,
        if m.zip64_end {
            0xFFFF_FFFF
        } else {
            cd_start as u32
        },
    );
    put16(&mut out, m.comment.len() as u16);
    out.extend_from_slice(&m.comment);
    out
}

// ---------------------------------------------------------------------------
// Where an archive keeps its numbers, found by their signatures (so the golden
// archives of other tools get the same treatment as the built ones).

/// `(position, width in bytes)` of each numeric field of every record in `bytes`.
fn fields(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let u16at = |p: usize| {
        bytes
            .get(p..p + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]) as usize)
    };
    for p in 0..bytes.len().saturating_sub(3) {
        if bytes[p] != b'P' || bytes[p + 1] != b'K' {
            continue;
        }
        let layout: &[(usize, usize)] = match (bytes[p + 2], bytes[p + 3]) {
            // local header: version, flags, method, crc, sizes, name and extra lengths
            (3, 4) => &[
                (4, 2),
                (6, 2),
                (8, 2),
                (14, 4),
                (18, 4),
                (22, 4),
                (26, 2),
                (28, 2),
            ],
            // central record: made by, flags, method, crc, sizes, lengths, disk,
            // external attributes, local header offset
            (1, 2) => &[
                (4, 2),
                (8, 2),
                (10, 2),
                (16, 4),
                (20, 4),
                (24, 4),
                (28, 2),
                (30, 2),
                (32, 2),
                (34, 2),
                (38, 4),
                (42, 4),
            ],
            // end record: disks, counts, directory size and offset, comment length
            (5, 6) => &[(4, 2), (6, 2), (8, 2), (10, 2), (12, 4), (16, 4), (20, 2)],
            // zip64 end record
            (6, 6) => &[(4, 8), (16, 4), (20, 4), (24, 8), (32, 8), (40, 8), (48, 8)],
            // zip64 end locator
            (6, 7) => &[(4, 4), (8, 8), (16, 4)],
            // data descriptor (32- or 64-bit sizes)
            (7, 8) => &[(4, 4), (8, 4), (12, 4), (8, 8), (16, 8)],
            _ => continue,
        };
        for &(at, width) in layout {
            if p + at + width <= bytes.len() {
                out.push((p + at, width));
            }
        }
        // The 8-byte slots of a zip64 extra field in a local or central header.
        let (name_at, extra_at, head) = match (bytes[p + 2], bytes[p + 3]) {
            (3, 4) => (26, 28, 30),
            (1, 2) => (28, 30, 46),
            _ => continue,
        };
        let (Some(name_len), Some(extra_len)) = (u16at(p + name_at), u16at(p + extra_at)) else {
            continue;
        };
        let mut e = p + head + name_len;
        let end = (e + extra_len).min(bytes.len());
        while e + 4 <= end {
            let (id, len) = (u16at(e).unwrap_or(0), u16at(e + 2).unwrap_or(0));
            if id == 1 {
                out.push((e + 2, 2));
                let mut s = e + 4;
                while s + 8 <= (e + 4 + len).min(end) {
                    out.push((s, 8));
                    s += 8;
                }
            }
            e += 4 + len;
        }
    }
    out
}

/// The value a mutated field gets.
#[derive(Clone, Debug)]
enum Value {
    Zero,
    One,
    Max,
    /// All ones but one: just under the zip64 escapes.
    MaxLess1,
    /// The archive's length, plus or minus a little.
    Len(i8),
    /// The field's own value, plus or minus a little.
    Nudge(i8),
    /// The value of another field (an offset becomes a size, a count a length).
    CopyOf(Index),
    Any(u64),
}

#[derive(Clone, Debug)]
enum Mutation {
    SetField(Index, Value),
    FlipByte(Index, u8),
    Truncate(Index),
    /// Copy `len` bytes from one place to another (a record twice, overlapping data).
    Duplicate {
        from: Index,
        len: u16,
        to: Index,
    },
    Remove {
        from: Index,
        len: u16,
    },
}

fn read_field(bytes: &[u8], (at, width): (usize, usize)) -> u64 {
    let mut b = [0u8; 8];
    b[..width].copy_from_slice(&bytes[at..at + width]);
    u64::from_le_bytes(b)
}

fn write_field(bytes: &mut [u8], (at, width): (usize, usize), value: u64) {
    bytes[at..at + width].copy_from_slice(&value.to_le_bytes()[..width]);
}

fn mutate(bytes: &mut Vec<u8>, m: &Mutation) {
    if bytes.is_empty() {
        return;
    }
    match m {
        Mutation::SetField(which, value) => {
            let fs = fields(bytes);
            if fs.is_empty() {
                return;
            }
            let f = fs[which.index(fs.len())];
            let max = if f.1 == 8 {
                u64::MAX
            } else {
                (1u64 << (8 * f.1)) - 1
            };
            let v = match value {
                Value::Zero => 0,
                Value::One => 1,
                Value::Max => max,
                Value::MaxLess1 => max - 1,
                Value::Len(d) => (bytes.len() as u64).wrapping_add(*d as i64 as u64),
                Value::Nudge(d) => read_field(bytes, f).wrapping_add(*d as i64 as u64),
                Value::CopyOf(other) => read_field(bytes, fs[other.index(fs.len())]),
                Value::Any(v) => *v,
            };
            write_field(bytes, f, v & max);
        }
        Mutation::FlipByte(at, x) => {
            let i = at.index(bytes.len());
            bytes[i] ^= x | 1;
        }
        Mutation::Truncate(at) => bytes.truncate(at.index(bytes.len())),
        Mutation::Duplicate { from, len, to } => {
            let from = from.index(bytes.len());
            let end = (from + *len as usize).min(bytes.len());
            let chunk = bytes[from..end].to_vec();
            let to = to.index(bytes.len() + 1);
            bytes.splice(to..to, chunk);
        }
        Mutation::Remove { from, len } => {
            let from = from.index(bytes.len());
            let end = (from + *len as usize).min(bytes.len());
            bytes.drain(from..end);
        }
    }
}

// ---------------------------------------------------------------------------
// Strategies.

const SHOP: &[u8] = b"defmodule Shop do\n  def ping(pid), do: send(pid, :ping)\nend\n";

fn name() -> impl Strategy<Value = Vec<u8>> {
    let plain = prop_oneof![
        Just("lib/a.ex"),
        Just("lib/b.ex"),
        Just("lib/a.ex"),
        Just("test/a_test.exs"),
        Just("mix.exs"),
        Just("otp-audit.toml"),
        Just(".credo.exs"),
        Just("lib/"),
        Just("deps/x/lib/x.ex"),
        Just("_build/y.ex"),
        Just("__MACOSX/lib/._a.ex"),
        Just("README.md"),
        Just("../evil.ex"),
        Just("/etc/passwd.ex"),
        Just("C:\\win.ex"),
        Just("lib\\back.ex"),
        Just("lib/./dot//a.ex"),
    ]
    .prop_map(|s| s.as_bytes().to_vec());
    prop_oneof![
        4 => plain,
        1 => (Just("top/"), plainish()).prop_map(|(t, n)| [t.as_bytes(), &n].concat()),
        1 => proptest::collection::vec(any::<u8>(), 0..24),
        1 => (1usize..1100).prop_map(|n| {
            let mut v = b"lib/".to_vec();
            v.resize(n.max(8), b'a');
            v.extend_from_slice(b".ex");
            v
        }),
    ]
}

fn plainish() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"lib/a.ex".to_vec()),
        Just(b"lib/c\x82.ex".to_vec()),
        Just(b"mix.exs".to_vec())
    ]
}

fn data() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(SHOP.to_vec()),
        Just(Vec::new()),
        proptest::collection::vec(any::<u8>(), 0..200),
        (1usize..5000).prop_map(|n| vec![b'x'; n]),
    ]
}

fn entry() -> impl Strategy<Value = Entry> {
    (
        name(),
        data(),
        prop_oneof![8 => Just(8u16), 6 => Just(0u16), 1 => Just(12u16), 1 => Just(99u16)],
        prop_oneof![14 => Just(0u16), 1 => Just(1u16), 1 => any::<u16>()],
        prop_oneof![3 => Just(None), 1 => Just(Some(true)), 1 => Just(Some(false))],
        any::<bool>(),
        prop_oneof![5 => Just(None), 1 => any::<Index>().prop_map(Some)],
        prop_oneof![6 => Just(0o100644u32), 1 => Just(0o120777u32), 1 => Just(0o040755u32)],
        prop_oneof![4 => Just(Vec::new()), 1 => proptest::collection::vec(any::<u8>(), 0..8)],
    )
        .prop_map(
            |(name, data, method, flags, descriptor, zip64, same_data_as, mode, comment)| Entry {
                name,
                data,
                method,
                flags: flags & !0x0808,
                descriptor,
                zip64,
                same_data_as,
                mode,
                comment,
            },
        )
}

fn model() -> impl Strategy<Value = Model> {
    (
        prop_oneof![4 => Just(Vec::new()), 1 => proptest::collection::vec(any::<u8>(), 1..64)],
        proptest::collection::vec(entry(), 0..7),
        prop_oneof![4 => Just(Vec::new()), 1 => proptest::collection::vec(any::<u8>(), 1..40)],
        any::<bool>(),
    )
        .prop_map(|(stub, entries, comment, zip64_end)| Model {
            stub,
            entries,
            comment,
            zip64_end,
        })
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Zero),
        Just(Value::One),
        Just(Value::Max),
        Just(Value::MaxLess1),
        any::<i8>().prop_map(Value::Len),
        any::<i8>().prop_map(Value::Nudge),
        any::<Index>().prop_map(Value::CopyOf),
        any::<u64>().prop_map(Value::Any),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        6 => (any::<Index>(), value()).prop_map(|(i, v)| Mutation::SetField(i, v)),
        2 => (any::<Index>(), any::<u8>()).prop_map(|(i, x)| Mutation::FlipByte(i, x)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
        1 => (any::<Index>(), 1u16..200, any::<Index>()).prop_map(|(from, len, to)| Mutation::Duplicate { from, len, to }),
        1 => (any::<Index>(), 1u16..64).prop_map(|(from, len)| Mutation::Remove { from, len }),
    ]
}

#[derive(Clone, Debug)]
enum Seed {
    Built(Model),
    InfoZip,
    PythonStreamed,
}

fn seed() -> impl Strategy<Value = Seed> {
    prop_oneof![
        8 => model().prop_map(Seed::Built),
        1 => Just(Seed::InfoZip),
        1 => Just(Seed::PythonStreamed),
    ]
}

fn seed_bytes(s: &Seed) -> Vec<u8> {
    match s {
        Seed::Built(m) => build(m),
        Seed::InfoZip => include_bytes!("golden/archive/info-zip.zip").to_vec(),
        Seed::PythonStreamed => include_bytes!("golden/archive/python-streamed-zip64.zip").to_vec(),
    }
}

fn small_limits() -> Limits {
    Limits {
        max_entries: 5,
        max_total_bytes: 3000,
        max_ratio: 2,
        max_path_len: 64,
        max_file_bytes: 2000,
    }
}

// ---------------------------------------------------------------------------
// What must hold for any input.

fn check_limits(p: &Project, limits: &Limits) -> Result<(), TestCaseError> {
    prop_assert!(p.files.len() <= limits.max_entries);
    prop_assert!(p.total_bytes() <= limits.max_total_bytes);
    let mut seen = std::collections::HashSet::new();
    for f in &p.files {
        prop_assert!(f.bytes.len() as u64 <= limits.max_file_bytes, "{}", f.path);
        prop_assert!(f.path.len() <= limits.max_path_len, "{}", f.path);
        prop_assert!(seen.insert(f.path.as_str()), "{} twice", f.path);
        prop_assert!(
            !f.path.starts_with('/') && !f.path.contains('\0') && !f.path.contains('\\'),
            "unsafe path {:?}",
            f.path
        );
        prop_assert!(
            f.path
                .split('/')
                .all(|s| !s.is_empty() && s != "." && s != ".."),
            "unsafe path {:?}",
            f.path
        );
        prop_assert!(
            matches!(classify(&f.path), Kind::Elixir | Kind::Config),
            "{} is not an Elixir file to analyse",
            f.path
        );
    }
    if let Some((name, text)) = &p.config {
        prop_assert!(name == "otp-audit.toml" || name == ".credo.exs");
        prop_assert!(text.len() as u64 <= limits.max_file_bytes);
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("ZIP_FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        // The regressions this run finds are kept as named tests below.
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_archives_are_read_within_the_limits(
        seed in seed(),
        mutations in proptest::collection::vec(mutation(), 0..5),
        small in any::<bool>(),
    ) {
        let mut bytes = seed_bytes(&seed);
        for m in &mutations {
            mutate(&mut bytes, m);
        }
        let limits = if small { small_limits() } else { Limits::default() };
        let (read, peak) = peak_during(|| read_zip(&bytes, &limits));
        // Memory: the input's size many times over at most, plus the inflater's
        // buffers and what the limits let through.
        let bound = 16 * bytes.len() + 256 * 1024 + 2 * limits.max_total_bytes.min(1 << 24) as usize;
        prop_assert!(peak <= bound, "{} bytes held for a {}-byte archive", peak, bytes.len());
        match read {
            Ok(project) => {
                check_limits(&project, &limits)?;
                // Rewriting (the web app's "fixed zip") keeps what is read.
                // A file that is not a config file: replacing one can change which
                // config applies, which is not the rewriter's business.
                let replaced = project
                    .files
                    .iter()
                    .find(|f| classify(&f.path) == Kind::Elixir)
                    .map(|f| f.path.clone());
                let replacements: Vec<(&str, &[u8])> =
                    replaced.iter().map(|p| (p.as_str(), &b"# fixed\n"[..])).collect();
                if let Ok(out) = rewrite_zip(&bytes, &replacements, &limits) {
                    let again = read_zip(&out, &limits);
                    prop_assert!(again.is_ok(), "the rewritten archive does not read: {:?}", again);
                    let again = again.unwrap();
                    let mut expected = project.clone();
                    if let Some(f) = expected.files.iter_mut().find(|f| Some(&f.path) == replaced.as_ref()) {
                        f.bytes = b"# fixed\n".to_vec();
                    }
                    prop_assert_eq!(again.files, expected.files);
                    prop_assert_eq!(again.config, expected.config);
                    prop_assert_eq!(again.root_stripped, expected.root_stripped);
                }
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }
}
