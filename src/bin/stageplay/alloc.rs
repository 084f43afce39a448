//! The CLI's global allocator: small blocks handed out in order from one region and never
//! reused, everything else from mimalloc through its plain entry points.
//!
//! **The region.** The analysis of a 500 KB file makes about 100,000 allocations, almost
//! all of them small strings and vectors that live until the process exits, which prints
//! the report and ends without freeing it. For those, a general allocator's work (size
//! classes, free lists built over each fresh page, the checks of every free) is about
//! 7 % of the run. [`Region`] hands out blocks of up to [`SMALL`] bytes one after the
//! other from a single block it takes from mimalloc at start (`start_region`, from
//! `main`): a block costs an alignment and one compare-and-swap. A freed block is taken
//! back only when it is the last one handed out, and the last block grows and shrinks in
//! place, so a temporary `String` built and dropped, or a vector growing while nothing else
//! is allocated, costs no room; any other freed block stays where it is until the process
//! exits. The region is [`REGION_BYTES`] of address space, touched only as it is handed
//! out (mimalloc's arena, which the kernel backs with 2 MB huge pages on first touch);
//! once it is used up, or for a larger block, mimalloc serves the request, so a long run
//! (the mdBook preprocessor over a whole book, a 10 MB input) holds at most that much more
//! than it would without the region. Measured in docs/performance.md#cli: the ×20 file
//! 8 % less CPU, the same resident memory, and a 10 MB file faster too.
//!
//! **mimalloc's plain entry points.** The `mimalloc` crate's `MiMalloc` passes every Rust
//! allocation to `mi_malloc_aligned` and `mi_realloc_aligned`, whose alignment checks
//! cost about twice the plain `mi_malloc` fast path. Almost every block has an alignment of
//! 8 or less, which `mi_malloc` already satisfies: mimalloc aligns every block to
//! `MI_MAX_ALIGN_SIZE` (16 bytes on 64-bit targets) or to its size class when that is
//! smaller, as the standard library's `System` allocator assumes of `malloc`
//! (`library/std/src/sys/alloc/unix.rs`). Larger alignments still go through the aligned
//! entry points.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use libmimalloc_sys as ffi;

/// The alignment every `mi_malloc` block has, when the size is at least that.
const MIN_ALIGN: usize = 16;

/// The largest block the region hands out. Larger ones (the JSON's 1 MB output buffer,
/// the long vectors of the analysis) come from mimalloc, which reuses them when they are
/// freed, as a vector's old buffer is each time it doubles. Of 8, 32 and 128 KB, 32 KB was
/// the fastest (docs/performance.md#cli).
pub const SMALL: usize = 32 << 10;

/// How much address space the region covers: 64 MiB, about four times what the analysis of
/// a 500 KB file allocates in small blocks.
pub const REGION_BYTES: usize = 64 << 20;

/// The CLI's allocator: a [`Region`] for small blocks once `start_region` has given it its
/// memory, mimalloc for the rest.
pub struct Allocator {
    region: Region,
}

impl Allocator {
    pub const fn new() -> Self {
        Allocator {
            region: Region::new(),
        }
    }

    /// Takes [`REGION_BYTES`] from mimalloc for the small blocks from now on; blocks
    /// allocated before stay mimalloc's. Does nothing if mimalloc has no room for it, or
    /// when called again.
    pub fn start_region(&self) {
        if self.region.claimed.swap(true, Ordering::AcqRel) {
            return;
        }
        // SAFETY: mimalloc's allocation functions accept any size.
        let base = unsafe { ffi::mi_malloc(REGION_BYTES) } as *mut u8;
        if !base.is_null() {
            // SAFETY: `base` is a block of REGION_BYTES that nothing else uses, and it is
            // never freed (the region lasts as long as the process).
            unsafe { self.region.set(base, REGION_BYTES) };
        }
    }
}

/// True when `mi_malloc(size)` returns a block aligned to `align`: the alignment is at most
/// mimalloc's natural one and no larger than the size (a block of 8 bytes may sit at any
/// multiple of 8, so it cannot promise 16).
fn plain(align: usize, size: usize) -> bool {
    align <= MIN_ALIGN && align <= size
}

/// A bump allocator over one block of memory: blocks are handed out in order, and only the
/// last one can be given back or resized in place. Lock-free (one compare-and-swap a
/// block), so that the allocator stays sound if the CLI ever allocates from two threads:
/// every change of `next` is acquire-release, so a thread handed a block that another
/// thread gave back sees that thread's writes to it as done.
pub struct Region {
    /// Set by the one call of `Allocator::start_region` that sets the region up.
    claimed: AtomicBool,
    /// The region's first byte; 0 until [`Region::set`].
    start: AtomicUsize,
    /// One past its last byte; 0 until [`Region::set`].
    end: AtomicUsize,
    /// The first byte not yet handed out; 0 (nothing is handed out) until [`Region::set`].
    next: AtomicUsize,
}

impl Region {
    pub const fn new() -> Self {
        Region {
            claimed: AtomicBool::new(false),
            start: AtomicUsize::new(0),
            end: AtomicUsize::new(0),
            next: AtomicUsize::new(0),
        }
    }

    #[cfg(test)]
    fn is_set(&self) -> bool {
        self.next.load(Ordering::Acquire) != 0
    }

    /// Hands out `len` bytes from `base` from now on.
    ///
    /// # Safety
    /// `base..base + len` is writable memory that nothing else uses for as long as the
    /// region hands out blocks from it; called once.
    unsafe fn set(&self, base: *mut u8, len: usize) {
        let start = base as usize;
        self.start.store(start, Ordering::Relaxed);
        self.end.store(start.saturating_add(len), Ordering::Relaxed);
        // Last, with release: a thread that sees `next` set sees `start` and `end` too.
        self.next.store(start, Ordering::Release);
    }

    /// True when `p` is a block of the region. `next` first, with acquire: once it is set,
    /// `start` and `end` are too.
    fn holds(&self, p: usize) -> bool {
        self.next.load(Ordering::Acquire) != 0
            && p >= self.start.load(Ordering::Relaxed)
            && p < self.end.load(Ordering::Relaxed)
    }

    /// A block of `size` bytes aligned to `align` (a power of two), or null when the
    /// region is not set, the block or its alignment is larger than [`SMALL`] (a large
    /// alignment would leave a gap that is never used) or there is no room left.
    fn take(&self, size: usize, align: usize) -> *mut u8 {
        if size > SMALL || align > SMALL {
            return std::ptr::null_mut();
        }
        let mut next = self.next.load(Ordering::Acquire);
        let end = self.end.load(Ordering::Relaxed);
        loop {
            if next == 0 {
                return std::ptr::null_mut();
            }
            let Some(after) = next
                .checked_add(align - 1)
                .map(|n| n & !(align - 1))
                .and_then(|at| at.checked_add(size))
                .filter(|&after| after <= end)
            else {
                return std::ptr::null_mut();
            };
            match self
                .next
                .compare_exchange_weak(next, after, Ordering::AcqRel, Ordering::Acquire)
            {
                Ok(_) => return (after - size) as *mut u8,
                Err(now) => next = now,
            }
        }
    }

    /// Gives back the block at `p` of `size` bytes if it is the last one handed out;
    /// otherwise it stays used.
    fn give_back(&self, p: usize, size: usize) {
        let _ = self
            .next
            .compare_exchange(p + size, p, Ordering::AcqRel, Ordering::Relaxed);
    }

    /// Resizes the block at `p` from `old` to `new` bytes where it is: always when it
    /// shrinks, and when it grows if it is the last block handed out, stays within
    /// [`SMALL`] and there is room. False when the block must move.
    fn resize_in_place(&self, p: usize, old: usize, new: usize) -> bool {
        if new <= old {
            // The rest of the block stays unused; if it is the last block, it is given
            // back. A failed exchange only means it is not the last.
            let _ =
                self.next
                    .compare_exchange(p + old, p + new, Ordering::AcqRel, Ordering::Relaxed);
            return true;
        }
        new <= SMALL
            && p + new <= self.end.load(Ordering::Relaxed)
            && self
                .next
                .compare_exchange(p + old, p + new, Ordering::AcqRel, Ordering::Relaxed)
                .is_ok()
    }
}

// SAFETY: a block of the region is a range of the region's memory handed out to one
// caller only (`take` moves `next` past it with a compare-and-swap before returning it,
// and only the last block's range is ever handed out again, after it was given back or
// resized by its owner), aligned as asked; it is never passed to mimalloc, as `holds` tells
// it apart by its address. Every other pointer comes from mimalloc, which allocates, frees
// and reallocates blocks of any of its entry points interchangeably (`mi_free` frees an
// aligned block too); `plain` holds only where `mi_malloc`'s blocks meet the layout's
// alignment, so every block returned satisfies its layout.
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let block = self.region.take(layout.size(), layout.align());
        if !block.is_null() {
            return block;
        }
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
        let block = self.region.take(layout.size(), layout.align());
        if !block.is_null() {
            // SAFETY: a fresh block of `layout.size()` bytes (the region's memory may have
            // been handed out and given back before, so it is zeroed here).
            unsafe { block.write_bytes(0, layout.size()) };
            return block;
        }
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
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let p = ptr as usize;
        if self.region.holds(p) {
            self.region.give_back(p, layout.size());
            return;
        }
        // SAFETY: `ptr` was returned by this allocator and is not the region's, so by
        // mimalloc.
        unsafe { ffi::mi_free(ptr as *mut c_void) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = ptr as usize;
        if self.region.holds(p) {
            if self.region.resize_in_place(p, layout.size(), new_size) {
                return ptr;
            }
            // SAFETY: the caller guarantees that `new_size`, rounded up to the alignment,
            // does not overflow (`GlobalAlloc::realloc`'s contract).
            let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
            // SAFETY: a non-zero size (the caller's contract).
            let moved = unsafe { self.alloc(new_layout) };
            if !moved.is_null() {
                // SAFETY: both blocks are valid for the smaller size and do not overlap
                // (`moved` was handed out after `ptr`, which is still in use).
                unsafe {
                    std::ptr::copy_nonoverlapping(ptr, moved, layout.size().min(new_size));
                    self.dealloc(ptr, layout);
                }
            }
            return moved;
        }
        // SAFETY: `ptr` was returned by this allocator for `layout` and is not the
        // region's, so by mimalloc; the new block keeps the layout's alignment (`plain`
        // for the new size, else the aligned entry point).
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

    /// Layouts of every kind the tests walk through: tiny, odd, over-aligned, and larger
    /// than the region's blocks.
    const LAYOUTS: [(usize, usize); 9] = [
        (1, 1),
        (7, 8),
        (8, 16),
        (24, 8),
        (40, 16),
        (100, 64),
        (5000, 4096),
        (SMALL, 8),
        (SMALL + 1, 8),
    ];

    /// Allocates, writes, grows, frees and zero-allocates each layout with `a`.
    fn exercise(a: &Allocator) {
        for (size, align) in LAYOUTS {
            let layout = Layout::from_size_align(size, align).unwrap();
            // SAFETY: non-zero sizes; each block is freed once with the layout it has.
            unsafe {
                let p = a.alloc(layout);
                assert!(!p.is_null());
                assert_eq!(p as usize % align, 0, "size {size}, align {align}");
                p.write_bytes(0xab, size);
                let q = a.realloc(p, layout, size * 3);
                assert_eq!(q as usize % align, 0, "grown: size {size}, align {align}");
                assert!(
                    (0..size).all(|k| *q.add(k) == 0xab),
                    "grown: size {size} kept"
                );
                a.dealloc(q, Layout::from_size_align(size * 3, align).unwrap());
                let z = a.alloc_zeroed(layout);
                assert_eq!(z as usize % align, 0);
                assert!((0..size).all(|k| *z.add(k) == 0));
                z.write_bytes(0xcd, size);
                a.dealloc(z, layout);
                // The same room again, zeroed although it was written.
                let z = a.alloc_zeroed(layout);
                assert!((0..size).all(|k| *z.add(k) == 0), "size {size} re-zeroed");
                a.dealloc(z, layout);
            }
        }
    }

    #[test]
    fn blocks_meet_their_layouts_without_a_region() {
        exercise(&Allocator::new());
    }

    #[test]
    fn blocks_meet_their_layouts_with_a_region() {
        let a = Allocator::new();
        // A block mimalloc handed out before the region, freed after it.
        let l = Layout::from_size_align(24, 8).unwrap();
        // SAFETY: a non-zero size, freed once with its layout.
        let before = unsafe { a.alloc(l) };
        a.start_region();
        assert!(a.region.is_set());
        assert!(!a.region.holds(before as usize));
        // SAFETY: as above.
        unsafe { a.dealloc(before, l) };
        exercise(&a);
        // A second call keeps the region (its blocks must stay recognised).
        let start = a.region.start.load(Ordering::Relaxed);
        a.start_region();
        assert_eq!(a.region.start.load(Ordering::Relaxed), start);
    }

    /// An allocator whose region is `room` bytes of a buffer the test owns.
    fn with_room(buffer: &mut Vec<u64>, room: usize) -> Allocator {
        buffer.resize(room.div_ceil(8), 0);
        let a = Allocator::new();
        // SAFETY: the buffer outlives the allocator in each test and nothing else uses it.
        unsafe { a.region.set(buffer.as_mut_ptr() as *mut u8, room) };
        a
    }

    #[test]
    fn the_region_hands_out_blocks_in_order_and_takes_back_only_the_last() {
        let mut buffer = Vec::new();
        let a = with_room(&mut buffer, 4096);
        let base = buffer.as_ptr() as usize;
        let l = |size| Layout::from_size_align(size, 8).unwrap();
        // SAFETY: blocks are freed with their layouts, while the buffer lives.
        unsafe {
            let x = a.alloc(l(10)) as usize;
            let y = a.alloc(l(16)) as usize;
            assert_eq!(x, base);
            assert_eq!(y, base + 16, "aligned to 8 after 10 bytes");
            // Not the last: stays used.
            a.dealloc(x as *mut u8, l(10));
            assert_eq!(a.alloc(l(8)) as usize, base + 32);
            // The last: given back, handed out again.
            a.dealloc((base + 32) as *mut u8, l(8));
            assert_eq!(a.alloc(l(8)) as usize, base + 32);
            // The last block grows in place, and shrinks in place.
            let z = a.realloc((base + 32) as *mut u8, l(8), 100) as usize;
            assert_eq!(z, base + 32);
            assert_eq!(a.realloc(z as *mut u8, l(100), 40) as usize, z);
            assert_eq!(a.alloc(l(8)) as usize, base + 72, "after the shrunk block");
            // A block that is not the last moves when it grows, keeping its bytes.
            let y = y as *mut u8;
            y.write_bytes(7, 16);
            let moved = a.realloc(y, l(16), 32);
            assert_eq!(moved as usize, base + 80);
            assert!((0..16).all(|k| *moved.add(k) == 7));
        }
    }

    #[test]
    fn mimalloc_serves_what_the_region_cannot() {
        let mut buffer = Vec::new();
        let a = with_room(&mut buffer, 256);
        let base = buffer.as_ptr() as usize;
        let inside = |p: *mut u8| (base..base + 256).contains(&(p as usize));
        let l = |size| Layout::from_size_align(size, 8).unwrap();
        // SAFETY: blocks are freed with their layouts, while the buffer lives.
        unsafe {
            let big = a.alloc(l(SMALL + 1));
            assert!(!inside(big), "larger than SMALL");
            let wide = Layout::from_size_align(8, SMALL * 2).unwrap();
            let aligned = a.alloc(wide);
            assert!(!inside(aligned), "aligned beyond SMALL");
            assert_eq!(aligned as usize % (SMALL * 2), 0);
            let first = a.alloc(l(200));
            assert!(inside(first));
            let over = a.alloc(l(100));
            assert!(!inside(over), "no room left");
            // The last block cannot grow past the end: it moves to mimalloc.
            first.write_bytes(9, 200);
            let grown = a.realloc(first, l(200), 300);
            assert!(!inside(grown));
            assert!((0..200).all(|k| *grown.add(k) == 9));
            // A region block growing past SMALL moves too.
            let small = a.alloc(l(64));
            assert!(inside(small), "the moved block's room was given back");
            let large = a.realloc(small, l(64), SMALL + 64);
            assert!(!inside(large));
            // A block that is not the last shrinks where it is; freed at its new size, it
            // stays used (only the last block is given back).
            let x = a.alloc(l(64));
            let y = a.alloc(l(64));
            assert_eq!((x as usize, y as usize), (base, base + 64));
            assert_eq!(a.realloc(x, l(64), 16), x);
            a.dealloc(x, l(16));
            assert_eq!(a.alloc(l(8)) as usize, base + 128);
            // Exactly full, then nothing more from the region.
            let rest = a.alloc(l(120));
            assert_eq!(rest as usize, base + 136, "the room to its last byte");
            let past = a.alloc(l(8));
            assert!(!inside(past));
            a.dealloc(aligned, wide);
            for (p, size) in [
                (past, 8),
                (big, SMALL + 1),
                (over, 100),
                (grown, 300),
                (large, SMALL + 64),
            ] {
                a.dealloc(p, l(size));
            }
        }
    }
}
