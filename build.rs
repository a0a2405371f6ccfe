//! Build script: the git commit the binary is built from goes in (`git rev-parse`), out comes
//! the `TABLEMEND_COMMIT` environment variable for `tablemend --version`. Without git, outside a
//! clone (a source tarball) or when git fails, the commit is `unknown`; a packager may set
//! `TABLEMEND_COMMIT` itself. Reruns when HEAD or the branch it names moves.

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let s = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (!s.is_empty()).then_some(s)
}

fn main() {
    println!("cargo:rerun-if-env-changed=TABLEMEND_COMMIT");
    println!("cargo:rerun-if-changed=build.rs");
    let commit = std::env::var("TABLEMEND_COMMIT")
        .ok()
        .filter(|c| !c.is_empty())
        .or_else(|| git(&["rev-parse", "--short=12", "HEAD"]))
        .unwrap_or_else(|| "unknown".into());
    // rebuild when the commit changes: HEAD, the ref it points at, and packed refs
    if let Some(dir) = git(&["rev-parse", "--git-dir"]) {
        println!("cargo:rerun-if-changed={dir}/HEAD");
    }
    if let (Some(common), Some(head_ref)) = (
        git(&["rev-parse", "--git-common-dir"]),
        git(&["symbolic-ref", "-q", "HEAD"]),
    ) {
        println!("cargo:rerun-if-changed={common}/{head_ref}");
        println!("cargo:rerun-if-changed={common}/packed-refs");
    }
    println!("cargo:rustc-env=TABLEMEND_COMMIT={commit}");
}
