//! How the server gives memory back. glibc's allocator keeps what it freed for
//! later by default: large blocks (a password hash works in 19 MiB) move from
//! their own mappings into the heaps once one is freed, and each thread's heap
//! keeps its high-water mark. After a burst of logins the process stayed
//! at its peak for good. Two settings make a burst's memory temporary:
//! - blocks from 1 MiB up always get a mapping of their own, unmapped when freed;
//! - every half minute the heaps hand their free pages back (`malloc_trim`).

use std::time::Duration;

/// Blocks of this size and more are mapped on their own (glibc's default is a
/// moving threshold of 128 KiB up to 32 MiB).
const OWN_MAPPING_FROM: usize = 1 << 20;
const TRIM_EVERY: Duration = Duration::from_secs(30);

/// Sets the allocator's thresholds; call once, first thing in `main`.
pub fn give_back_large_blocks() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes the allocator's thresholds; called before
    // any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, OWN_MAPPING_FROM as libc::c_int);
    }
}

/// Returns the heaps' free pages to the system now and then.
pub fn trim_now_and_then() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    tokio::spawn(async {
        let mut ticks = tokio::time::interval(TRIM_EVERY);
        loop {
            ticks.tick().await;
            // SAFETY: malloc_trim only releases free memory; any thread may call it.
            unsafe {
                libc::malloc_trim(0);
            }
        }
    });
}
