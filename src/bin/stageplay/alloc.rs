//! The CLI's global allocator: blocks of up to [`LARGE`] bytes handed out in order from
//! one region and reused when freed, everything else from mimalloc through its plain entry
//! points.
//!
//! **The region.** The analysis of a 500 KB file makes about 100,000 allocations, most of
//! them small strings and vectors that live until the process exits, which prints the
//! report and ends without freeing it. For those, a general allocator's work (size classes,
//! free lists built over each fresh page, the checks of every free) is about 7 % of the
//! run, and its layout (a page per size class, large blocks apart) touches more memory than
//! the run holds: the kernel zeroes each 2 MB huge page the first time it is touched, about
//! 0.2 ms each. [`Region`] hands out blocks one after the other from a single block it
//! takes from mimalloc at start (`start_region`, from `main`), and takes freed blocks back:
//! - the last block handed out is given back and grows and shrinks in place, so a
//!   temporary `String` or a vector growing while nothing else is allocated costs no room;
//! - a freed block of up to [`SMALL`] bytes goes to a list of free blocks of its size (a
//!   multiple of 8), from which the next request of that size is served;
//! - a larger freed block joins the free blocks next to it into one free span, and a
//!   request larger than [`SMALL`] takes the smallest span that holds it, the rest staying
//!   free.
//!
//! So the run touches about what it holds at its peak (moby's file ×20: 12 MB of huge pages
//! instead of 16 MB). The region is [`REGION_BYTES`] of address space, touched only as it
//! is handed out (mimalloc's arena, which the kernel backs with 2 MB huge pages on first
//! touch); once it is used up, or for a block over [`LARGE`] bytes, mimalloc serves the
//! request. Measured in docs/performance.md#cli.
//!
//! **One thread.** The region belongs to the thread that sets it up (the CLI's main
//! thread), and only that thread hands out, takes back or resizes its blocks, so its
//! bookkeeping needs no lock: a locked instruction per allocation cost about 0.2 ms of the
//! ×20 run. Any other thread allocates from mimalloc; a region block freed on another
//! thread stays used until the process exits, and one it resizes moves to mimalloc.
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
use std::cell::UnsafeCell;
use std::ffi::c_void;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use libmimalloc_sys as ffi;

/// The alignment every `mi_malloc` block has, when the size is at least that.
const MIN_ALIGN: usize = 16;

/// Freed blocks of up to this many bytes are kept in one list per size; larger ones as
/// free spans (see the module's documentation).
pub const SMALL: usize = 32 << 10;

/// The largest block the region hands out; larger ones come from mimalloc.
pub const LARGE: usize = 16 << 20;

/// The largest alignment the region serves: a larger one would leave a gap that is never
/// used.
const MAX_ALIGN: usize = 4096;

/// How much address space the region covers: 64 MiB, about five times what the analysis of
/// a 500 KB file holds at its peak.
pub const REGION_BYTES: usize = 64 << 20;

/// How many free spans the region keeps. A span freed when all are taken stays unused
/// (moby's file ×20 has at most 4 at once).
const SPANS: usize = 64;

/// The CLI's allocator: a [`Region`] for blocks of up to [`LARGE`] bytes once
/// `start_region` has given it its memory, mimalloc for the rest.
pub struct Allocator {
    region: Region,
}

impl Allocator {
    pub const fn new() -> Self {
        Allocator {
            region: Region::new(),
        }
    }

    /// Takes [`REGION_BYTES`] from mimalloc for the blocks the calling thread allocates
    /// from now on; blocks allocated before stay mimalloc's. Does nothing if mimalloc has no
    /// room for it, or when called again.
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

impl Allocator {
    /// What `alloc` does not do itself: a large block of the region, else mimalloc's.
    ///
    /// # Safety
    /// `GlobalAlloc::alloc`'s contract.
    #[cold]
    #[inline(never)]
    unsafe fn alloc_rest(&self, layout: Layout) -> *mut u8 {
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
}

/// True when `mi_malloc(size)` returns a block aligned to `align`: the alignment is at most
/// mimalloc's natural one and no larger than the size (a block of 8 bytes may sit at any
/// multiple of 8, so it cannot promise 16).
fn plain(align: usize, size: usize) -> bool {
    align <= MIN_ALIGN && align <= size
}

/// The room a block of `size` bytes takes in the region: a multiple of 8, so that every
/// block starts at a multiple of 8 and a free one can hold the next free block's address.
fn room(size: usize) -> usize {
    (size.max(1) + 7) & !7
}

std::thread_local! {
    /// A byte per thread, whose address tells threads apart (`this_thread`).
    static THREAD: u8 = const { 0 };
}

/// An identifier of the calling thread, unique among the threads alive: the address of its
/// copy of `THREAD`. A constant thread-local without a destructor, so reading it never
/// allocates (this runs inside the allocator) and is one instruction on Linux.
fn this_thread() -> usize {
    THREAD.with(|byte| byte as *const u8 as usize)
}

/// The region's bookkeeping, changed only by its owner thread.
struct State {
    /// The first byte not yet handed out.
    next: usize,
    /// One past the region's last byte.
    end: usize,
    /// For each room `8 * i` up to [`SMALL`], the first free block of that room, or 0; each
    /// free block holds the address of the next one in its first 8 bytes.
    small: [usize; SMALL / 8 + 1],
    /// Free spans larger than [`SMALL`] (start, length), in no order; neither touches
    /// another nor ends at `next`.
    spans: [(usize, usize); SPANS],
    /// How many of `spans` are in use.
    spans_len: usize,
}

impl State {
    /// A block of `room` bytes (a multiple of 8) aligned to `align`, or 0 when there is no
    /// room left.
    fn take(&mut self, room: usize, align: usize) -> usize {
        if room > SMALL {
            return self.take_large(room, align);
        }
        self.take_small(room, align)
    }

    /// [`State::take`] of a room of at most [`SMALL`] bytes: the first free block of that
    /// room, else a new one.
    #[inline(always)]
    fn take_small(&mut self, room: usize, align: usize) -> usize {
        let head = self.small[room / 8];
        if head != 0 && head & (align - 1) == 0 {
            // SAFETY: a free block of the region, whose first 8 bytes hold the next free
            // block of its size (`free`).
            self.small[room / 8] = unsafe { (head as *const usize).read() };
            return head;
        }
        self.bump(room, align)
    }

    /// A block larger than [`SMALL`]: from a free span, else new.
    #[inline(never)]
    fn take_large(&mut self, room: usize, align: usize) -> usize {
        if self.spans_len != 0 {
            let block = self.take_span(room, align);
            if block != 0 {
                return block;
            }
        }
        self.bump(room, align)
    }

    /// A block of `room` bytes not handed out before, or 0 when there is no room left.
    #[inline(always)]
    fn bump(&mut self, room: usize, align: usize) -> usize {
        let at = (self.next + align - 1) & !(align - 1);
        if at + room > self.end {
            return 0;
        }
        self.next = at + room;
        at
    }

    /// The start of the smallest free span that holds `room` bytes at `align`, cut to that
    /// length (the rest freed), or 0 if none does.
    #[inline(never)]
    fn take_span(&mut self, room: usize, align: usize) -> usize {
        let mut best = None;
        for (i, &(start, len)) in self.spans[..self.spans_len].iter().enumerate() {
            if len >= room
                && start & (align - 1) == 0
                && best.is_none_or(|b: usize| len < self.spans[b].1)
            {
                best = Some(i);
            }
        }
        let Some(i) = best else { return 0 };
        let (start, len) = self.remove_span(i);
        self.free(start + room, len - room);
        start
    }

    fn remove_span(&mut self, i: usize) -> (usize, usize) {
        let span = self.spans[i];
        self.spans_len -= 1;
        self.spans[i] = self.spans[self.spans_len];
        span
    }

    /// Takes back the block at `p` of `room` bytes (0 or a multiple of 8).
    #[inline(always)]
    fn free(&mut self, p: usize, room: usize) {
        if room == 0 {
            return;
        }
        if p + room == self.next {
            self.next = p;
            if self.spans_len != 0 {
                self.retreat();
            }
        } else if room <= SMALL {
            // SAFETY: a block of the region, of at least 8 bytes at a multiple of 8, that
            // its owner has given up.
            unsafe { (p as *mut usize).write(self.small[room / 8]) };
            self.small[room / 8] = p;
        } else {
            self.free_span(p, room);
        }
    }

    /// Frees a block larger than [`SMALL`] as a span, joined with the free spans it
    /// touches.
    #[inline(never)]
    fn free_span(&mut self, p: usize, room: usize) {
        let (mut start, mut len) = (p, room);
        let mut i = 0;
        while i < self.spans_len {
            let (s, l) = self.spans[i];
            if s + l == start || start + len == s {
                self.remove_span(i);
                len += l;
                start = start.min(s);
            } else {
                i += 1;
            }
        }
        if start + len == self.next {
            self.next = start;
        } else if self.spans_len < SPANS {
            self.spans[self.spans_len] = (start, len);
            self.spans_len += 1;
        }
    }

    /// After `next` moved back: a free span that now ends at `next` is no longer a span
    /// but room not yet handed out. Spans never touch, so at most one does.
    #[inline(never)]
    fn retreat(&mut self) {
        if let Some(i) = (0..self.spans_len).find(|&i| {
            let (s, l) = self.spans[i];
            s + l == self.next
        }) {
            self.next = self.remove_span(i).0;
        }
    }

    /// Resizes the block at `p` from `old` to `new` bytes of room where it is: the last
    /// block handed out whenever it fits, any other when it shrinks (the rest is freed).
    /// False when the block must move.
    #[inline(always)]
    fn resize(&mut self, p: usize, old: usize, new: usize) -> bool {
        if p + old == self.next {
            if p + new > self.end {
                return false;
            }
            self.next = p + new;
            true
        } else if new <= old {
            self.free(p + new, old - new);
            true
        } else {
            false
        }
    }
}

/// Blocks handed out from one block of memory, taken back when freed (see the module's
/// documentation), by the thread that set it up only.
pub struct Region {
    /// Set by the one call of `Allocator::start_region` that sets the region up.
    claimed: AtomicBool,
    /// The region's first byte; 0 until [`Region::set`].
    start: AtomicUsize,
    /// One past its last byte; 0 until [`Region::set`].
    end: AtomicUsize,
    /// `this_thread()` of the thread that set the region up; 0 until then.
    owner: AtomicUsize,
    /// Read and written only by the owner thread.
    state: UnsafeCell<State>,
}

// SAFETY: `state`, the only field that is not atomic, is read and written only on the
// thread whose `this_thread()` is `owner` (`Region::state`), which no other thread alive
// shares.
unsafe impl Sync for Region {}

impl Region {
    pub const fn new() -> Self {
        Region {
            claimed: AtomicBool::new(false),
            start: AtomicUsize::new(0),
            end: AtomicUsize::new(0),
            owner: AtomicUsize::new(0),
            state: UnsafeCell::new(State {
                next: 0,
                end: 0,
                small: [0; SMALL / 8 + 1],
                spans: [(0, 0); SPANS],
                spans_len: 0,
            }),
        }
    }

    #[cfg(test)]
    fn is_set(&self) -> bool {
        self.owner.load(Ordering::Acquire) != 0
    }

    /// Hands out `len` bytes from `base` from now on, to the calling thread.
    ///
    /// # Safety
    /// `base..base + len` is writable memory, aligned to 8, that nothing else uses for as
    /// long as the region hands out blocks from it; called once.
    unsafe fn set(&self, base: *mut u8, len: usize) {
        let start = base as usize;
        // SAFETY: no thread owns the region yet, so none reads or writes `state`; this one
        // becomes its owner below, after it.
        let state = unsafe { &mut *self.state.get() };
        state.next = start;
        state.end = start.saturating_add(len);
        self.start.store(start, Ordering::Relaxed);
        self.end.store(state.end, Ordering::Relaxed);
        // Last, with release: a thread that sees an owner sees `start` and `end` too.
        self.owner.store(this_thread(), Ordering::Release);
    }

    /// The bookkeeping, if the calling thread owns the region.
    #[inline(always)]
    #[allow(clippy::mut_from_ref)]
    fn state(&self) -> Option<&mut State> {
        // Relaxed: only the owner thread compares equal, and it wrote `owner` itself.
        if self.owner.load(Ordering::Relaxed) == this_thread() {
            // SAFETY: only the owner thread gets here (see `unsafe impl Sync`), and none of
            // the allocator's functions calls another while it holds this borrow.
            Some(unsafe { &mut *self.state.get() })
        } else {
            None
        }
    }

    /// True when `p` is a block of the region. `owner` first, with acquire: once it is set,
    /// `start` and `end` are too.
    #[inline(always)]
    fn holds(&self, p: usize) -> bool {
        self.owner.load(Ordering::Acquire) != 0
            && p >= self.start.load(Ordering::Relaxed)
            && p < self.end.load(Ordering::Relaxed)
    }

    /// A block of `size` bytes aligned to `align` (a power of two), or null when the calling
    /// thread does not own the region, the block is larger than [`LARGE`], its alignment
    /// larger than `MAX_ALIGN` or there is no room left.
    #[inline(always)]
    fn take(&self, size: usize, align: usize) -> *mut u8 {
        if size > LARGE || align > MAX_ALIGN {
            return std::ptr::null_mut();
        }
        match self.state() {
            Some(state) => state.take(room(size), align) as *mut u8,
            None => std::ptr::null_mut(),
        }
    }

    /// Takes back the block at `p` of `size` bytes, on the owner thread; on another thread
    /// it stays used.
    #[inline(always)]
    fn give_back(&self, p: usize, size: usize) {
        if let Some(state) = self.state() {
            state.free(p, room(size));
        }
    }

    /// Resizes the block at `p` from `old` to `new` bytes where it is, if the calling thread
    /// owns the region: always when it shrinks, and when it grows if it is the last block
    /// handed out, stays within [`LARGE`] and there is room. False when the block must move.
    #[inline(always)]
    fn resize_in_place(&self, p: usize, old: usize, new: usize) -> bool {
        new <= LARGE
            && match self.state() {
                Some(state) => state.resize(p, room(old), room(new)),
                None => false,
            }
    }
}

// SAFETY: a block of the region is a range of the region's memory handed out to one
// caller only (`take` moves `next` past it, or takes it off a free list or span, before
// returning it, and a range is handed out again only after its owner gave it back or shrank
// it), aligned as asked; it is never passed to mimalloc, as `holds` tells it apart by its
// address. Every other pointer comes from mimalloc, which allocates, frees
// and reallocates blocks of any of its entry points interchangeably (`mi_free` frees an
// aligned block too); `plain` holds only where `mi_malloc`'s blocks meet the layout's
// alignment, so every block returned satisfies its layout.
//
// Each function is called, never inlined: inlined into the program's thousands of
// allocation sites, the allocator made its machine code 460 KB larger (2.64 -> 3.10 MB), and
// a run on a cold cache (right after BuildKit's parser, as in the bench) slower by about
// 0.4 ms; a call costs a few instructions (docs/performance.md#cli).
unsafe impl GlobalAlloc for Allocator {
    #[inline(never)]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // The common case first, without a call: a small block of the owner thread.
        if layout.size() <= SMALL
            && layout.align() <= MAX_ALIGN
            && let Some(state) = self.region.state()
        {
            let block = state.take_small(room(layout.size()), layout.align());
            if block != 0 {
                return block as *mut u8;
            }
        }
        // SAFETY: the caller's contract, passed on.
        unsafe { self.alloc_rest(layout) }
    }

    #[inline(never)]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let block = self.region.take(layout.size(), layout.align());
        if !block.is_null() {
            // SAFETY: a fresh block of `layout.size()` bytes (the region's memory may have
            // been handed out and given back before, so it is zeroed here).
            unsafe { block.write_bytes(0, layout.size()) };
            return block;
        }
        // SAFETY: mimalloc's allocation functions accept any size.
        unsafe {
            if plain(layout.align(), layout.size()) {
                ffi::mi_zalloc(layout.size()) as *mut u8
            } else {
                ffi::mi_zalloc_aligned(layout.size(), layout.align()) as *mut u8
            }
        }
    }

    #[inline(never)]
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

    #[inline(never)]
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

    /// The test binary links `main.rs` too: its constructor set the region up for the
    /// harness's main thread, though `main` never ran.
    #[cfg(target_os = "linux")]
    #[test]
    fn the_region_is_set_up_before_main() {
        assert!(crate::GLOBAL.region.is_set());
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

    /// 4 KB aligned to 4 KB, so that the tests know the alignment of the region's start.
    #[derive(Clone)]
    #[repr(C, align(4096))]
    struct Page([u8; 4096]);

    /// An allocator whose region is `room` bytes of a buffer the test owns, owned by the
    /// calling thread.
    fn with_room(buffer: &mut Vec<Page>, room: usize) -> Allocator {
        buffer.resize(room.div_ceil(4096), Page([0; 4096]));
        let a = Allocator::new();
        // SAFETY: the buffer outlives the allocator in each test and nothing else uses it.
        unsafe { a.region.set(buffer.as_mut_ptr() as *mut u8, room) };
        a
    }

    #[test]
    fn the_region_hands_out_blocks_in_order_and_reuses_the_freed_ones() {
        let mut buffer = Vec::new();
        let a = with_room(&mut buffer, 4096);
        let base = buffer.as_ptr() as usize;
        let l = |size| Layout::from_size_align(size, 8).unwrap();
        // SAFETY: blocks are freed with their layouts, while the buffer lives.
        unsafe {
            let x = a.alloc(l(10)) as usize;
            let y = a.alloc(l(16)) as usize;
            assert_eq!(x, base);
            assert_eq!(y, base + 16, "10 bytes take a room of 16");
            // Not the last: kept for the next block of its room.
            a.dealloc(x as *mut u8, l(10));
            assert_eq!(
                a.alloc(l(8)) as usize,
                base + 32,
                "a room of 8 is not one of 16"
            );
            // The last: given back, handed out again.
            a.dealloc((base + 32) as *mut u8, l(8));
            assert_eq!(a.alloc(l(8)) as usize, base + 32);
            assert_eq!(a.alloc(l(13)) as usize, x, "the freed block of room 16");
            let wide = Layout::from_size_align(16, 16).unwrap();
            a.dealloc(x as *mut u8, l(13));
            a.dealloc(y as *mut u8, l(16));
            // The list's first block (y, at base + 16) is not aligned to 32: a fresh block
            // instead, the list kept.
            let wider = Layout::from_size_align(16, 32).unwrap();
            assert_eq!(
                a.alloc(wider) as usize,
                base + 64,
                "past base + 40, aligned"
            );
            // It is aligned to 16; then x.
            assert_eq!(a.alloc(wide) as usize, y);
            assert_eq!(a.alloc(l(16)) as usize, x);
            // The last block grows in place, and shrinks in place.
            let z = a.alloc(l(8)) as usize;
            assert_eq!(z, base + 80);
            assert_eq!(a.realloc(z as *mut u8, l(8), 100) as usize, z);
            assert_eq!(a.realloc(z as *mut u8, l(100), 40) as usize, z);
            assert_eq!(a.alloc(l(8)) as usize, base + 120, "after the shrunk block");
            // A block that is not the last shrinks where it is; its rest is free.
            assert_eq!(a.realloc(z as *mut u8, l(40), 16) as usize, z);
            assert_eq!(a.alloc(l(24)) as usize, z + 16, "the shrunk block's rest");
            // And moves when it grows, keeping its bytes; its room is free again.
            let y = y as *mut u8;
            y.write_bytes(7, 16);
            let moved = a.realloc(y, l(16), 32);
            assert_eq!(moved as usize, base + 128);
            assert!((0..16).all(|k| *moved.add(k) == 7));
            assert_eq!(a.alloc(l(16)) as usize, y as usize);
        }
    }

    #[test]
    fn freed_large_blocks_join_and_serve_the_smallest_fit() {
        const K: usize = SMALL + 8;
        let mut buffer = Vec::new();
        let a = with_room(&mut buffer, 16 * K);
        let base = buffer.as_ptr() as usize;
        let l = |size| Layout::from_size_align(size, 8).unwrap();
        // SAFETY: blocks are freed with their layouts, while the buffer lives.
        unsafe {
            let blocks: Vec<usize> = (0..6).map(|_| a.alloc(l(K)) as usize).collect();
            assert_eq!(blocks, (0..6).map(|i| base + i * K).collect::<Vec<_>>());
            // Freed 1 and 2 join into one span of 2K; 4 stays a span of K.
            a.dealloc(blocks[1] as *mut u8, l(K));
            a.dealloc(blocks[4] as *mut u8, l(K));
            a.dealloc(blocks[2] as *mut u8, l(K));
            // A block of K takes the smallest span that holds it: 4.
            assert_eq!(a.alloc(l(K)) as usize, blocks[4]);
            // A block of 1.5K takes the span of 2K; its rest, 0.5K, is small: listed.
            let half = (K / 2 + 7) & !7;
            assert_eq!(a.alloc(l(K + half)) as usize, blocks[1]);
            assert_eq!(a.alloc(l(K - half)) as usize, blocks[1] + K + half);
            // Freeing the last blocks gives back the span they touch, too.
            let last = a.alloc(l(K)) as usize;
            assert_eq!(last, base + 6 * K, "nothing free holds K");
            a.dealloc(blocks[3] as *mut u8, l(K));
            a.dealloc(blocks[5] as *mut u8, l(K));
            a.dealloc(last as *mut u8, l(K));
            // 5 and the last are room not handed out again; 3 (4 is used) is a span of K.
            let three = a.alloc(l(3 * K)) as usize;
            assert_eq!(three, blocks[5]);
            assert_eq!(a.alloc(l(K)) as usize, blocks[3]);
            // The last block grows in place past SMALL, up to the end of the room.
            let grown = a.realloc(three as *mut u8, l(3 * K), 11 * K) as usize;
            assert_eq!(grown, three);
            let too_far = a.realloc(grown as *mut u8, l(11 * K), 11 * K + 8) as usize;
            assert!(
                !(base..base + 16 * K).contains(&too_far),
                "past the end: mimalloc"
            );
            a.dealloc(too_far as *mut u8, l(11 * K + 8));
        }
    }

    #[test]
    fn another_thread_leaves_the_region_alone() {
        let mut buffer = Vec::new();
        let a = with_room(&mut buffer, 4096);
        let base = buffer.as_ptr() as usize;
        let inside = |p: usize| (base..base + 4096).contains(&p);
        let l = |size| Layout::from_size_align(size, 8).unwrap();
        // SAFETY: blocks are freed with their layouts, while the buffer lives; the other
        // thread is joined before the test ends.
        unsafe {
            let x = a.alloc(l(64)) as usize;
            let y = a.alloc(l(64)) as usize;
            (x as *mut u8).write_bytes(5, 64);
            let other = std::thread::scope(|scope| {
                scope
                    .spawn(|| {
                        let mine = a.alloc(l(64)) as usize;
                        assert!(!inside(mine), "another thread's block comes from mimalloc");
                        a.dealloc(mine as *mut u8, l(64));
                        // A region block freed there stays used.
                        a.dealloc(y as *mut u8, l(64));
                        // One grown there moves to mimalloc with its bytes.
                        let moved = a.realloc(x as *mut u8, l(64), 128);
                        assert!(!inside(moved as usize));
                        assert!((0..64).all(|k| *moved.add(k) == 5));
                        moved as usize
                    })
                    .join()
                    .unwrap()
            });
            a.dealloc(other as *mut u8, l(128));
            assert_eq!(a.alloc(l(64)) as usize, base + 128, "x and y stay used");
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
            let big = a.alloc(l(LARGE + 1));
            assert!(!inside(big), "larger than LARGE");
            let wide = Layout::from_size_align(8, MAX_ALIGN * 2).unwrap();
            let aligned = a.alloc(wide);
            assert!(!inside(aligned), "aligned beyond MAX_ALIGN");
            assert_eq!(aligned as usize % (MAX_ALIGN * 2), 0);
            let first = a.alloc(l(200));
            assert!(inside(first));
            let over = a.alloc(l(100));
            assert!(!inside(over), "no room left");
            // The last block cannot grow past the end: it moves to mimalloc.
            first.write_bytes(9, 200);
            let grown = a.realloc(first, l(200), 300);
            assert!(!inside(grown));
            assert!((0..200).all(|k| *grown.add(k) == 9));
            // A region block growing past LARGE moves too.
            let small = a.alloc(l(64));
            assert!(inside(small), "the moved block's room was given back");
            let large = a.realloc(small, l(64), LARGE + 64);
            assert!(!inside(large));
            // A block that is not the last shrinks where it is; freed at its new size, it
            // is kept for a block of that room.
            let x = a.alloc(l(64));
            let y = a.alloc(l(64));
            assert_eq!((x as usize, y as usize), (base, base + 64));
            assert_eq!(a.realloc(x, l(64), 16), x);
            a.dealloc(x, l(16));
            assert_eq!(
                a.alloc(l(8)) as usize,
                base + 128,
                "no free block of room 8"
            );
            // Exactly full, then nothing more from the region.
            let rest = a.alloc(l(120));
            assert_eq!(rest as usize, base + 136, "the room to its last byte");
            let past = a.alloc(l(8));
            assert!(!inside(past));
            a.dealloc(aligned, wide);
            for (p, size) in [
                (past, 8),
                (big, LARGE + 1),
                (over, 100),
                (grown, 300),
                (large, LARGE + 64),
            ] {
                a.dealloc(p, l(size));
            }
        }
    }
}
