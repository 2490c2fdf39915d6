//! Link settings for an N-API addon built without napi-rs.
//!
//! The `napi_*` symbols live in the Node executable that loads the addon, so
//! the shared library must be allowed to leave them undefined at link time:
//! - Linux: ignore unresolved symbols, and bind them all at `dlopen` (`-z now`)
//!   so that a missing symbol fails the load (a catchable error) rather than
//!   the first call (a crash).
//! - macOS: `-undefined dynamic_lookup`, the flag node-gyp uses.
//! - Windows: link against the `node.lib` import library of the Node release
//!   (node-gyp downloads it; point `DX_COMPAT_NODE_LIB_DIR` at its folder).
//!
//! Only Linux is built and tested in this repository's CI.

fn main() {
    // Without this, cargo re-scans the whole folder (node_modules included) for changes.
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    match os.as_str() {
        "macos" => {
            println!("cargo:rustc-cdylib-link-arg=-undefined");
            println!("cargo:rustc-cdylib-link-arg=dynamic_lookup");
        }
        "windows" => {
            println!("cargo:rerun-if-env-changed=DX_COMPAT_NODE_LIB_DIR");
            if let Ok(dir) = std::env::var("DX_COMPAT_NODE_LIB_DIR") {
                println!("cargo:rustc-link-search=native={dir}");
            }
            println!("cargo:rustc-link-lib=dylib=node");
        }
        _ => {
            // For the test executable too: `cargo test` links the N-API glue
            // into a program that never calls it (the hash modules' unit tests).
            println!("cargo:rustc-link-arg=-Wl,--unresolved-symbols=ignore-all");
            println!("cargo:rustc-cdylib-link-arg=-Wl,-z,now");
        }
    }
}
