//! Reading projects from zip archives: what is kept, and every way an archive can be
//! wrong (bombs, damage, truncation, encryption, unsafe paths), never a panic.
//!
//! Archives are built here byte by byte ([`Raw`]) or with `archive::write_zip`; two
//! archives made by other tools (Info-ZIP's `zip -r`, Python's `zipfile` writing to a
//! stream, with zip64 sizes and data descriptors) are in `tests/golden/archive/`.

use otp_audit_project::archive::{self, ArchiveError, Limits, Project, crc32, read_zip, write_zip};
use proptest::prelude::*;

mod peak_memory;
use peak_memory::peak_during;

// ---------------------------------------------------------------------------
// A zip writer with every field under the test's control.

#[derive(Clone)]
struct Raw {
    name: Vec<u8>,
    body: Vec<u8>,
    method: u16,
    flags: u16,
    crc: u32,
    compressed: u64,
    uncompressed: u64,
    made_by: u16,
    external: u32,
    extra: Vec<u8>,
    /// Point the central record at the local header of an earlier entry.
    same_data_as: Option<usize>,
}

impl Raw {
    fn stored(name: &str, data: &[u8]) -> Raw {
        Raw {
            name: name.as_bytes().to_vec(),
            body: data.to_vec(),
            method: 0,
            flags: 0x0800,
            crc: crc32(data),
            compressed: data.len() as u64,
            uncompressed: data.len() as u64,
            made_by: 0x031E,
            external: 0o100644 << 16,
            extra: Vec::new(),
            same_data_as: None,
        }
    }
    fn deflated(name: &str, data: &[u8]) -> Raw {
        let body = miniz_oxide::deflate::compress_to_vec(data, 6);
        Raw {
            method: 8,
            compressed: body.len() as u64,
            body,
            ..Raw::stored(name, data)
        }
    }
}

fn u16le(v: &mut Vec<u8>, x: u16) {
    v.extend_from_slice(&x.to_le_bytes());
}
fn u32le(v: &mut Vec<u8>, x: u32) {
    v.extend_from_slice(&x.to_le_bytes());
}
fn u64le(v: &mut Vec<u8>, x: u64) {
    v.extend_from_slice(&x.to_le_bytes());
}

/// An archive of `entries`; with `zip64`, every size and offset goes through the
/// zip64 extra field and end records.
fn build(entries: &[Raw], zip64: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let mut offsets = Vec::new();
    for e in entries {
        if let Some(i) = e.same_data_as {
            offsets.push(offsets[i]);
            continue;
        }
        offsets.push(out.len() as u64);
        u32le(&mut out, 0x0403_4b50);
        u16le(&mut out, if zip64 { 45 } else { 20 });
        u16le(&mut out, e.flags);
        u16le(&mut out, e.method);
        u16le(&mut out, 0);
        u16le(&mut out, 0x0021);
        u32le(&mut out, e.crc);
        u32le(&mut out, e.compressed.min(0xFFFF_FFFF) as u32);
        u32le(&mut out, e.uncompressed.min(0xFFFF_FFFF) as u32);
        u16le(&mut out, e.name.len() as u16);
        u16le(&mut out, 0);
        out.extend_from_slice(&e.name);
        out.extend_from_slice(&e.body);
    }
    let cd_start = out.len() as u64;
    for (e, &offset) in entries.iter().zip(&offsets) {
        let mut extra = e.extra.clone();
        if zip64 {
            u16le(&mut extra, 0x0001);
            u16le(&mut extra, 24);
            u64le(&mut extra, e.uncompressed);
            u64le(&mut extra, e.compressed);
            u64le(&mut extra, offset);
        }
        let big = |x: u64| if zip64 { 0xFFFF_FFFF } else { x as u32 };
        u32le(&mut out, 0x0201_4b50);
        u16le(&mut out, e.made_by);
        u16le(&mut out, if zip64 { 45 } else { 20 });
        u16le(&mut out, e.flags);
        u16le(&mut out, e.method);
        u16le(&mut out, 0);
        u16le(&mut out, 0x0021);
        u32le(&mut out, e.crc);
        u32le(&mut out, big(e.compressed));
        u32le(&mut out, big(e.uncompressed));
        u16le(&mut out, e.name.len() as u16);
        u16le(&mut out, extra.len() as u16);
        u16le(&mut out, 0);
        u16le(&mut out, 0);
        u16le(&mut out, 0);
        u32le(&mut out, e.external);
        u32le(&mut out, big(offset));
        out.extend_from_slice(&e.name);
        out.extend_from_slice(&extra);
    }
    let cd_size = out.len() as u64 - cd_start;
    if zip64 {
        let end64 = out.len() as u64;
        u32le(&mut out, 0x0606_4b50);
        u64le(&mut out, 44);
        u16le(&mut out, 45);
        u16le(&mut out, 45);
        u32le(&mut out, 0);
        u32le(&mut out, 0);
        u64le(&mut out, entries.len() as u64);
        u64le(&mut out, entries.len() as u64);
        u64le(&mut out, cd_size);
        u64le(&mut out, cd_start);
        u32le(&mut out, 0x0706_4b50);
        u32le(&mut out, 0);
        u64le(&mut out, end64);
        u32le(&mut out, 1);
    }
    u32le(&mut out, 0x0605_4b50);
    u16le(&mut out, 0);
    u16le(&mut out, 0);
    let count = if zip64 { 0xFFFF } else { entries.len() as u16 };
    u16le(&mut out, count);
    u16le(&mut out, count);
    u32le(&mut out, if zip64 { 0xFFFF_FFFF } else { cd_size as u32 });
    u32le(&mut out, if zip64 { 0xFFFF_FFFF } else { cd_start as u32 });
    u16le(&mut out, 0);
    out
}

/// A raw deflate stream (one block, fixed Huffman codes) that inflates to `total`
/// zero bytes: a literal 0, then copies of 258 bytes at distance 1. About 13 bits per
/// 258 bytes, so 1 GiB takes 6.8 MB.
fn zeros_deflate(total: u64) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        n: u32,
    }
    impl Bits {
        /// `count` bits of `value`, least significant first.
        fn put(&mut self, value: u64, count: u32) {
            self.acc |= value << self.n;
            self.n += count;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }
        /// A Huffman code, most significant bit first.
        fn code(&mut self, code: u64, len: u32) {
            let reversed = (0..len).fold(0, |r, i| r | (((code >> i) & 1) << (len - 1 - i)));
            self.put(reversed, len);
        }
    }
    assert!(total >= 1);
    let mut w = Bits {
        out: Vec::with_capacity((total / 258 * 13 / 8 + 16) as usize),
        acc: 0,
        n: 0,
    };
    w.put(1, 1); // final block
    w.put(1, 2); // fixed Huffman codes
    w.code(0b0011_0000, 8); // literal 0
    let rest = total - 1;
    // Length 258 is code 285 (8 bits, 11000101); distance 1 is code 0 (5 bits).
    let reversed =
        |code: u64, len: u32| (0..len).fold(0, |r, i| r | (((code >> i) & 1) << (len - 1 - i)));
    let copy = reversed(0b1100_0101, 8) | (reversed(0, 5) << 8);
    for _ in 0..rest / 258 {
        w.put(copy, 13);
    }
    for _ in 0..rest % 258 {
        w.code(0b0011_0000, 8);
    }
    w.code(0, 7); // end of block
    w.put(0, 7); // pad to a byte
    w.out
}

fn zeros_entry(name: &str, total: u64, declared: u64) -> Raw {
    let body = zeros_deflate(total);
    // The checksum of the zeros really in the stream, so that only sizes lie.
    let crc = if total <= 1 << 20 {
        crc32(&vec![0; total as usize])
    } else {
        0
    };
    Raw {
        method: 8,
        compressed: body.len() as u64,
        uncompressed: declared,
        crc,
        body,
        ..Raw::stored(name, b"")
    }
}

fn paths(p: &Project) -> Vec<&str> {
    p.files.iter().map(|f| f.path.as_str()).collect()
}

fn read(bytes: &[u8]) -> Result<Project, ArchiveError> {
    read_zip(bytes, &Limits::default())
}

const SHOP: &[u8] = b"defmodule Shop do\n  def ping(pid), do: send(pid, :ping)\nend\n";

// ---------------------------------------------------------------------------

#[test]
fn a_normal_project() {
    let zip = write_zip(&[
        ("mix.exs", b"defmodule Shop.MixProject do\nend\n"),
        ("lib/shop.ex", SHOP),
        ("test/shop_test.exs", b"defmodule ShopTest do\nend\n"),
        ("README.md", b"# Shop\n"),
        (
            "otp-audit.toml",
            b"[rules.\"otp/no-raw-send\"]\nenabled = true\n",
        ),
        ("deps/jason/lib/jason.ex", b"defmodule Jason do\nend\n"),
        (
            "deps/jason/mix.exs",
            b"defmodule Jason.MixProject do\nend\n",
        ),
        ("_build/dev/x.ex", b""),
        ("apps/web/node_modules/x/y.ex", b""),
        ("lib/templates/page.html.eex", b"<p></p>"),
    ]);
    assert!(archive::looks_like_zip(&zip));
    let p = read(&zip).unwrap();
    assert_eq!(paths(&p), ["lib/shop.ex", "mix.exs", "test/shop_test.exs"]);
    assert_eq!(p.files[0].bytes, SHOP);
    assert_eq!(p.root_stripped, None);
    let (name, text) = p.config.clone().unwrap();
    assert_eq!(name, "otp-audit.toml");
    assert!(text.contains("no-raw-send"));
    let skipped: Vec<&str> = p.skipped.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(
        skipped,
        [
            "_build/",
            "apps/web/node_modules/",
            "deps/",
            "README.md",
            "lib/templates/page.html.eex"
        ]
    );
    assert_eq!(p.total_bytes(), 33 + SHOP.len() as u64 + 26);
    let (texts, bad) = p.utf8_files();
    assert_eq!(texts.len(), 3);
    assert!(bad.is_empty());
}

#[test]
fn one_top_folder_is_stripped() {
    let mut entries = vec![
        Raw::stored("shop-main/", b""),
        Raw::stored("shop-main/lib/", b""),
        Raw::deflated("shop-main/lib/shop.ex", SHOP),
        Raw::stored("shop-main/.credo.exs", b"%{configs: []}\n"),
        Raw::stored("shop-main/lib/.DS_Store", b"\0\0"),
        Raw::stored("__MACOSX/shop-main/lib/._shop.ex", b"\0\0"),
    ];
    let p = read(&build(&entries, false)).unwrap();
    assert_eq!(p.root_stripped.as_deref(), Some("shop-main"));
    assert_eq!(paths(&p), [".credo.exs", "lib/shop.ex"]);
    assert_eq!(
        p.config,
        Some((".credo.exs".to_string(), "%{configs: []}\n".to_string()))
    );
    assert_eq!(
        p.skipped,
        [("__MACOSX/".to_string(), "macOS metadata".to_string())]
    );

    // Two top folders: nothing is stripped, and the configs are not at the root.
    entries.push(Raw::stored("other/lib/x.ex", b"x"));
    let p = read(&build(&entries, false)).unwrap();
    assert_eq!(p.root_stripped, None);
    assert_eq!(
        paths(&p),
        [
            "other/lib/x.ex",
            "shop-main/.credo.exs",
            "shop-main/lib/shop.ex"
        ]
    );
    assert_eq!(p.config, None);
}

#[test]
fn archives_made_by_other_tools() {
    let info_zip = include_bytes!("golden/archive/info-zip.zip");
    let p = read(info_zip).unwrap();
    assert_eq!(p.root_stripped.as_deref(), Some("shop-main"));
    assert_eq!(
        paths(&p),
        [".credo.exs", "lib/shop/shop.ex", "test/shop_test.exs"]
    );
    assert!(p.files[1].bytes.starts_with(b"defmodule Shop do"));
    assert_eq!(p.config.as_ref().unwrap().0, ".credo.exs");
    assert!(p.skipped.iter().any(|(s, _)| s == "deps/"));

    // Written to a stream: zip64 local headers, data descriptors, a UTF-8 name.
    let python = include_bytes!("golden/archive/python-streamed-zip64.zip");
    let p = read(python).unwrap();
    assert_eq!(paths(&p), ["lib/café.ex", "mix.exs"]);
    assert_eq!(p.files[0].bytes.len(), 183);
}

#[test]
fn zip64_records_and_extra_fields() {
    let entries = [
        Raw::deflated("lib/a.ex", SHOP),
        Raw::stored("lib/b.ex", b"defmodule B do\nend\n"),
    ];
    let p = read(&build(&entries, true)).unwrap();
    assert_eq!(paths(&p), ["lib/a.ex", "lib/b.ex"]);
    assert_eq!(p.files[0].bytes, SHOP);
}

#[test]
fn a_prefix_before_the_archive_is_skipped() {
    // Self-extracting archives put a program before the zip; offsets then count from
    // the zip's own start.
    let mut bytes = vec![0x7Fu8; 300];
    bytes.extend(write_zip(&[("lib/a.ex", SHOP)]));
    assert!(!archive::looks_like_zip(&bytes));
    assert_eq!(paths(&read(&bytes).unwrap()), ["lib/a.ex"]);
}

#[test]
fn names_in_code_page_437_and_unicode_path_fields() {
    let mut legacy = Raw::stored("lib/caf\u{e9}.ex", SHOP);
    legacy.name = b"lib/caf\x82.ex".to_vec();
    legacy.flags = 0;
    let mut unicode = Raw::stored("x", SHOP);
    unicode.name = b"lib/na\x8Bve.ex".to_vec();
    unicode.flags = 0;
    let mut field = vec![1u8];
    field.extend_from_slice(&crc32(&unicode.name).to_le_bytes());
    field.extend_from_slice("lib/naïve.ex".as_bytes());
    let mut extra = Vec::new();
    u16le(&mut extra, 0x7075);
    u16le(&mut extra, field.len() as u16);
    extra.extend_from_slice(&field);
    unicode.extra = extra;
    let p = read(&build(&[legacy, unicode], false)).unwrap();
    assert_eq!(paths(&p), ["lib/café.ex", "lib/naïve.ex"]);
}

#[test]
fn non_utf8_files_are_the_callers_business() {
    let zip = write_zip(&[("lib/a.ex", SHOP), ("lib/latin1.ex", b"# caf\xe9\n")]);
    let p = read(&zip).unwrap();
    assert_eq!(p.files.len(), 2);
    let (texts, bad) = p.utf8_files();
    assert_eq!(
        texts,
        [(
            "lib/a.ex".to_string(),
            String::from_utf8(SHOP.to_vec()).unwrap()
        )]
    );
    assert_eq!(
        bad,
        [(
            "lib/latin1.ex".to_string(),
            "not valid UTF-8 text".to_string()
        )]
    );
}

#[test]
fn symbolic_links_and_duplicates_are_skipped() {
    let mut link = Raw::stored("lib/link.ex", b"/etc/passwd");
    link.external = 0o120777 << 16;
    let p = read(&build(
        &[
            Raw::stored("lib/a.ex", SHOP),
            Raw::stored("lib/a.ex", b"second"),
            link,
        ],
        false,
    ))
    .unwrap();
    assert_eq!(paths(&p), ["lib/a.ex"]);
    assert_eq!(p.files[0].bytes, SHOP);
    let reasons: Vec<&str> = p.skipped.iter().map(|(_, r)| r.as_str()).collect();
    assert_eq!(
        reasons,
        ["a second entry with the same name", "a symbolic link"]
    );
}

/// Found by tests/archive_fuzz.rs: `rewrite_zip` wrote every entry as made on Unix,
/// so a file from a DOS/Windows tool whose attribute bits happen to read as a Unix
/// symbolic link turned into a link in the fixed zip (and was skipped when read).
#[test]
fn rewriting_keeps_the_system_that_made_each_entry() {
    let mut dos = Raw::stored(".credo.exs", SHOP);
    dos.made_by = 0x0014; // MS-DOS, 2.0: the external attributes are DOS bits
    dos.external = 0o120777 << 16;
    let zip = build(&[dos, Raw::stored("lib/a.ex", b"old\n")], false);
    let before = read(&zip).unwrap();
    assert_eq!(paths(&before), [".credo.exs", "lib/a.ex"]);
    let out = archive::rewrite_zip(&zip, &[("lib/a.ex", b"new\n")], &Limits::default()).unwrap();
    let after = read(&out).unwrap();
    assert_eq!(paths(&after), [".credo.exs", "lib/a.ex"]);
    assert_eq!(after.files[1].bytes, b"new\n");
    // Made-by and attributes of the copied entry are the original's, byte for byte.
    let record = |z: &[u8]| {
        let at = z.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
        (z[at + 4..at + 6].to_vec(), z[at + 38..at + 42].to_vec())
    };
    assert_eq!(record(&out), record(&zip));
}

#[test]
fn a_zip_bomb_is_refused_without_inflating_it() {
    const GIB: u64 = 1 << 30;
    let stream = zeros_deflate(GIB);
    assert!(stream.len() < 8 << 20, "{}", stream.len());

    // Honest sizes: 1 GiB from 6.8 MB is far past 100:1, refused before inflating.
    let honest = build(&[zeros_entry("lib/bomb.ex", GIB, GIB)], false);
    let (res, peak) = peak_during(|| read(&honest));
    assert_eq!(
        res,
        Err(ArchiveError::RatioExceeded {
            entry: "lib/bomb.ex".into(),
            limit: 100
        })
    );
    assert!(peak < 1 << 20, "peak {peak}");
    assert!(res.unwrap_err().to_string().contains("zip bomb"));

    // Lying sizes: the entry claims 10 KB; inflating stops at the first chunk past it.
    let lying = build(&[zeros_entry("lib/bomb.ex", GIB, 10_000)], false);
    let (res, peak) = peak_during(|| read(&lying));
    match res {
        Err(ArchiveError::Corrupt(why)) => assert!(why.contains("expands to more than"), "{why}"),
        other => panic!("{other:?}"),
    }
    assert!(peak < 4 << 20, "peak {peak}");

    // With a lenient ratio, the 1 GiB file is over the per-file limit: skipped, unread.
    let lenient = Limits {
        max_ratio: 1_000_000,
        ..Limits::default()
    };
    let (res, peak) = peak_during(|| read_zip(&honest, &lenient));
    let p = res.unwrap();
    assert!(p.files.is_empty());
    assert_eq!(p.skipped[0].0, "lib/bomb.ex");
    assert!(
        p.skipped[0].1.contains("over the limit of 16 MB per file"),
        "{:?}",
        p.skipped
    );
    assert!(peak < 1 << 20, "peak {peak}");

    // Many files under the per-file limit that add up past the total.
    let ten_mib = zeros_entry("x", 10 << 20, 10 << 20);
    let many: Vec<Raw> = (0..30)
        .map(|i| Raw {
            name: format!("lib/part_{i}.ex").into_bytes(),
            ..ten_mib.clone()
        })
        .collect();
    let (res, peak) = peak_during(|| read_zip(&build(&many, false), &lenient));
    assert_eq!(res, Err(ArchiveError::TooLarge { limit: 200 << 20 }));
    assert!(peak < 16 << 20, "peak {peak}");
}

#[test]
fn overlapping_entries_count_every_time() {
    // The "better zip bomb": many directory records pointing at the same data.
    let data = vec![b'#'; 1 << 20];
    let mut entries = vec![Raw::stored("lib/f0.ex", &data)];
    for i in 1..250 {
        entries.push(Raw {
            name: format!("lib/f{i}.ex").into_bytes(),
            same_data_as: Some(0),
            ..entries[0].clone()
        });
    }
    let (res, peak) = peak_during(|| read(&build(&entries, false)));
    assert_eq!(res, Err(ArchiveError::TooLarge { limit: 200 << 20 }));
    assert!(peak < 8 << 20, "peak {peak}");
}

#[test]
fn small_repetitive_files_are_not_bombs() {
    // 500 KB of zeros from a few KB: far past 100:1, but small enough to read.
    let zip = build(&[zeros_entry("lib/blank.ex", 500_000, 500_000)], false);
    let p = read(&zip).unwrap();
    assert_eq!(p.files[0].bytes.len(), 500_000);
}

#[test]
fn too_many_entries() {
    let entries: Vec<(String, Vec<u8>)> = (0..30)
        .map(|i| (format!("lib/m{i}.ex"), SHOP.to_vec()))
        .collect();
    let refs: Vec<(&str, &[u8])> = entries
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    let zip = write_zip(&refs);
    let limits = Limits {
        max_entries: 20,
        ..Limits::default()
    };
    let err = read_zip(&zip, &limits).unwrap_err();
    assert_eq!(
        err,
        ArchiveError::TooManyEntries {
            entries: 30,
            limit: 20
        }
    );
    assert_eq!(
        err.to_string(),
        "the archive has 30 entries, more than the limit of 20"
    );
    assert_eq!(read(&zip).unwrap().files.len(), 30);
}

#[test]
fn not_a_zip_corrupt_and_truncated() {
    assert_eq!(read(b""), Err(ArchiveError::NotZip));
    assert_eq!(read(b"defmodule A do\nend\n"), Err(ArchiveError::NotZip));
    assert_eq!(read(&[0u8; 5000]), Err(ArchiveError::NotZip));

    let zip = write_zip(&[("lib/a.ex", SHOP), ("lib/b.ex", b"defmodule B do\nend\n")]);
    for cut in [10, zip.len() / 2, zip.len() - 30, zip.len() - 1] {
        assert_eq!(
            read(&zip[..cut]),
            Err(ArchiveError::Truncated),
            "cut at {cut}"
        );
    }

    // A flipped byte in the compressed data: the checksum or the stream catches it.
    let mut damaged = zip.clone();
    damaged[40] ^= 0x55;
    assert!(
        matches!(read(&damaged), Err(ArchiveError::Corrupt(_))),
        "{:?}",
        read(&damaged)
    );

    // A broken central directory signature.
    let cd = zip.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
    let mut damaged = zip.clone();
    damaged[cd + 1] = b'X';
    let err = read(&damaged).unwrap_err();
    assert_eq!(
        err,
        ArchiveError::Corrupt("central directory record 1 is damaged".into())
    );
    assert_eq!(
        err.to_string(),
        "the zip archive is damaged: central directory record 1 is damaged"
    );

    // A local header that is not where the directory says.
    let mut damaged = zip.clone();
    damaged[0] = b'X';
    assert!(matches!(read(&damaged), Err(ArchiveError::Corrupt(w)) if w.contains("local header")));

    // Stored sizes that disagree.
    let mut odd = Raw::stored("lib/a.ex", SHOP);
    odd.uncompressed += 1;
    assert!(matches!(
        read(&build(&[odd], false)),
        Err(ArchiveError::Corrupt(_))
    ));
}

#[test]
fn encrypted_entries() {
    let mut secret = Raw::stored("lib/secret.ex", SHOP);
    secret.flags |= 1;
    let err = read(&build(&[secret.clone()], false)).unwrap_err();
    assert_eq!(err, ArchiveError::Encrypted("lib/secret.ex".into()));
    assert!(err.to_string().contains("encrypted"));
    // An encrypted file that would not be read anyway is only skipped.
    let mut image = secret;
    image.name = b"priv/logo.png".to_vec();
    let p = read(&build(&[image, Raw::stored("lib/a.ex", SHOP)], false)).unwrap();
    assert_eq!(paths(&p), ["lib/a.ex"]);
}

#[test]
fn unsupported_compression() {
    let mut bz = Raw::stored("lib/a.ex", SHOP);
    bz.method = 12;
    let err = read(&build(&[bz], false)).unwrap_err();
    assert!(
        matches!(&err, ArchiveError::Unsupported(w) if w.contains("bzip2")),
        "{err}"
    );
}

#[test]
fn unsafe_and_overlong_paths() {
    for name in [
        "../evil.ex",
        "lib/../../evil.ex",
        "/etc/evil.ex",
        "C:\\evil.ex",
        "..\\evil.ex",
    ] {
        let zip = build(
            &[Raw::stored("lib/a.ex", SHOP), Raw::stored(name, SHOP)],
            false,
        );
        let err = read(&zip).unwrap_err();
        assert_eq!(err, ArchiveError::UnsafePath(name.to_string()), "{name}");
        assert!(err.to_string().contains("unsafe path"));
    }
    // `..` is refused even in files that would not be read.
    let zip = build(&[Raw::stored("../README.md", b"x")], false);
    assert!(matches!(read(&zip), Err(ArchiveError::UnsafePath(_))));

    let long = format!("lib/{}.ex", "a".repeat(2000));
    let zip = build(&[Raw::stored(&long, SHOP)], false);
    match read(&zip) {
        Err(ArchiveError::PathTooLong { entry, limit }) => {
            assert_eq!(limit, 1024);
            assert!(entry.len() <= 80 && entry.starts_with("lib/aaa"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn errors_read_well() {
    assert_eq!(ArchiveError::NotZip.to_string(), "not a zip archive");
    assert!(ArchiveError::Truncated.to_string().contains("incomplete"));
    assert_eq!(
        ArchiveError::TooLarge { limit: 200 << 20 }.to_string(),
        "the Elixir files in the archive add up to more than 200 MB uncompressed, the limit"
    );
}

// ---------------------------------------------------------------------------

fn sample_zip() -> Vec<u8> {
    write_zip(&[
        ("shop/lib/shop.ex", SHOP),
        (
            "shop/lib/shop/worker.ex",
            b"defmodule Shop.Worker do\n  use GenServer\nend\n",
        ),
        (
            "shop/test/shop_test.exs",
            b"defmodule ShopTest do\n  use ExUnit.Case\nend\n",
        ),
        ("shop/otp-audit.toml", b"[files]\n"),
        ("shop/stored.ex", b"x"),
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(2000)
    ))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600), pk in any::<bool>()) {
        let mut bytes = bytes;
        if pk {
            bytes.splice(0..0, *b"PK\x03\x04");
            bytes.extend_from_slice(b"PK\x05\x06");
            bytes.extend_from_slice(&[0; 16]);
        }
        let _ = read(&bytes);
    }

    #[test]
    fn mutated_archives_never_panic(
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
        zip64 in any::<bool>(),
    ) {
        let mut bytes = if zip64 {
            build(&[Raw::deflated("lib/a.ex", SHOP), Raw::stored("lib/b.ex", b"b")], true)
        } else {
            sample_zip()
        };
        for (at, value) in flips {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        if truncate {
            bytes.truncate(cut.index(bytes.len()));
        }
        let small = Limits { max_entries: 3, max_total_bytes: 100, max_ratio: 2, max_path_len: 20, max_file_bytes: 50 };
        let _ = read(&bytes);
        let _ = read_zip(&bytes, &small);
    }

    #[test]
    fn written_archives_read_back(
        files in proptest::collection::btree_map("[a-z]{1,8}", proptest::collection::vec(any::<u8>(), 0..300), 0..6)
    ) {
        let named: Vec<(String, Vec<u8>)> = files.into_iter().map(|(n, d)| (format!("lib/{n}.ex"), d)).collect();
        let refs: Vec<(&str, &[u8])> = named.iter().map(|(n, d)| (n.as_str(), d.as_slice())).collect();
        let p = read(&write_zip(&refs)).unwrap();
        let got: Vec<(String, Vec<u8>)> = p.files.into_iter().map(|f| (f.path, f.bytes)).collect();
        // `lib/` is a project directory, never a top folder to strip.
        prop_assert_eq!(p.root_stripped, None);
        prop_assert_eq!(got, named);
    }
}
