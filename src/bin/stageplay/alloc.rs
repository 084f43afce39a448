//! The CLI's global allocator: mimalloc, called through its plain entry points.
//!
//! The `mimalloc` crate's `MiMalloc` passes every Rust allocation to `mi_malloc_aligned` and
//! `mi_realloc_aligned`, whose alignment checks cost about twice the plain `mi_malloc` fast
//! path. The analysis of a 500 KB file makes about 200,000 allocations, almost all of them
//! small strings and vectors with an alignment of 8 or less, which `mi_malloc` already
//! satisfies: mimalloc aligns every block to `MI_MAX_ALIGN_SIZE` (16 bytes on 64-bit
//! targets) or to its size class when that is smaller, as the standard library's
//! `System` allocator assumes of `malloc` (`library/std/src/sys/alloc/unix.rs`). Larger
//! alignments still go through the aligned entry points (docs/performance.md#cli).

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys as ffi;

/// The alignment every `mi_malloc` block has, when the size is at least that.
const MIN_ALIGN: usize = 16;

/// mimalloc without the aligned entry points where the alignment needs none.
pub struct Allocator;

/// True when `mi_malloc(size)` returns a block aligned to `align`: the alignment is at most
/// mimalloc's natural one and no larger than the size (a block of 8 bytes may sit at any
/// multiple of 8, so it cannot promise 16).
fn plain(align: usize, size: usize) -> bool {
    align <= MIN_ALIGN && align <= size
}

// SAFETY: every pointer returned comes from mimalloc, which allocates, frees and
// reallocates blocks of any of its entry points interchangeably (`mi_free` frees an
// aligned block too); `plain` holds only where `mi_malloc`'s blocks meet the layout's
// alignment, so every block returned satisfies its layout.
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: mimalloc's allocation functions accept any size.
        unsafe {
            if plain(layout.align(), layout.size()) {
                ffi::mi_malloc(layout.size()) as *mut u8
            } else {
                ffi::mi_malloc_aligned(layout.size(), layout.align()) as *mut u8
            }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as in `alloc`.
        unsafe {
            if plain(layout.align(), layout.size()) {
                ffi::mi_zalloc(layout.size()) as *mut u8
            } else {
                ffi::mi_zalloc_aligned(layout.size(), layout.align()) as *mut u8
            }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` was returned by this allocator, so by mimalloc.
        unsafe { ffi::mi_free(ptr as *mut c_void) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` was returned by this allocator for `layout`; the new block keeps the
        // layout's alignment (`plain` for the new size, else the aligned entry point).
        unsafe {
            if plain(layout.align(), new_size) {
                ffi::mi_realloc(ptr as *mut c_void, new_size) as *mut u8
            } else {
                ffi::mi_realloc_aligned(ptr as *mut c_void, new_size, layout.align()) as *mut u8
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_meet_their_layouts() {
        let a = Allocator;
        for (size, align) in [
            (1, 1),
            (7, 8),
            (8, 16),
            (24, 8),
            (40, 16),
            (100, 64),
            (5000, 4096),
        ] {
            let layout = Layout::from_size_align(size, align).unwrap();
            // SAFETY: a non-zero size; the block is freed with the same layout.
            unsafe {
                let p = a.alloc(layout);
                assert!(!p.is_null());
                assert_eq!(p as usize % align, 0, "size {size}, align {align}");
                p.write_bytes(0xab, size);
                let q = a.realloc(p, layout, size * 3);
                assert_eq!(q as usize % align, 0, "grown: size {size}, align {align}");
                assert_eq!(*q.add(size - 1), 0xab);
                a.dealloc(q, Layout::from_size_align(size * 3, align).unwrap());
                let z = a.alloc_zeroed(layout);
                assert_eq!(z as usize % align, 0);
                assert!((0..size).all(|k| *z.add(k) == 0));
                a.dealloc(z, layout);
            }
        }
    }
}
