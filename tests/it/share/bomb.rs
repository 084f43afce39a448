//! A "zip bomb" link: inflating must stop at the 1 MiB limit instead of decompressing
//! everything and checking afterwards. A counting allocator measures the peak memory that
//! decoding takes. It counts per thread, so the other tests of this binary, which run on
//! other threads at the same time, do not disturb the measurement.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use stageplay::page::share::{LinkError, MAX_DECODED_BYTES, decode};

struct Counting;

thread_local! {
    // Plain `Cell`s with constant initialisers: no destructor, no lazy set-up, so the
    // allocator can touch them at any point of a thread's life without allocating itself.
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn live() -> isize {
    LIVE.with(Cell::get)
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.with(|live| {
            let now = live.get() + layout.size() as isize;
            live.set(now);
            PEAK.with(|peak| peak.set(peak.get().max(now)));
        });
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.with(|live| live.set(live.get() - layout.size() as isize));
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[test]
fn a_link_that_inflates_to_64_mib_is_refused_within_the_limit() {
    use base64::Engine;
    // 64 MiB of JSON that deflates to a few hundred KB, short enough to pass the payload
    // length check, so only the limit inside inflating can stop it.
    let inflated = 64 << 20;
    let mut json = Vec::with_capacity(inflated);
    json.extend_from_slice(br#"{"dockerfile":""#);
    json.resize(inflated - 2, b'a');
    json.extend_from_slice(br#""}"#);
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 1);
    drop(json);
    let payload = format!(
        "v1.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&packed)
    );
    assert!(payload.len() < MAX_DECODED_BYTES, "{}", payload.len());

    let before = live();
    PEAK.with(|peak| peak.set(before));
    assert_eq!(decode(&payload), Err(LinkError::TooLarge));
    let extra = (PEAK.with(Cell::get) - before) as usize;
    // The output buffer grows by doubling up to the limit, so while it is reallocated the
    // old and new buffers coexist (at most twice the limit), plus the decoded base64 and the
    // decompressor's own state; never the 64 MiB the link claims.
    assert!(
        extra <= 2 * MAX_DECODED_BYTES + packed.len() + (256 << 10),
        "decoding took {extra} bytes at its peak"
    );
}
