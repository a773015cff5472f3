//! Which clock is current, and whether touches apply: the thread scopes ([`with_clock`],
//! [`without_touching`]), their async forms ([`with_clock_async`], [`without_touching_async`])
//! and the process default ([`install_default_clock`]).
//!
//! # Choosing the time
//!
//! | way | how | use it for |
//! |---|---|---|
//! | injection | [`Timestamps::now_with(&clock)`](crate::Timestamps::now_with), `entity.edit_with(&clock)`, [`touch_with`](crate::Timestamps::touch_with) | services that keep their clock in their state; the explicit clock is read, whatever scope is active |
//! | scope | [`with_clock`] around a closure, [`with_clock_async`] around a future | tests: everything stamped inside reads the clock, and nothing outside sees it |
//! | process default | [`install_default_clock`] once at start-up | an application-wide choice such as [`CachedClock`](crate::CachedClock) |
//!
//! Without any of them, stamps read [`SystemClock`]. A scope overrides the process default;
//! an injected clock is read as given.
//!
//! # Scopes and async code
//!
//! [`with_clock`] holds for the closure on the thread that runs it. A closure that only
//! *builds* a future (`with_clock(&c, || async { .. })`) does not put the future under the
//! clock: the future runs later, outside the scope, and would read the system clock. Wrap the
//! future instead: [`with_clock_async(clock, future)`](with_clock_async) makes `clock` current
//! during every poll of `future`, on whichever worker thread polls it. Tasks spawned inside do
//! not inherit the clock (they are separate futures); wrap them too:
//!
//! ```
//! # extern crate timestamp_core as stamped;
//! use stamped::{with_clock_async, ManualClock, Timestamp, Timestamps};
//!
//! # async fn demo() {
//! let clock = ManualClock::new(Timestamp::UNIX_EPOCH);
//! let task = with_clock_async(clock.clone(), async {
//!     let ts: Timestamps = Timestamps::now();
//!     ts
//! });
//! // tokio::spawn(with_clock_async(clock.clone(), other_future)) for spawned work.
//! assert_eq!(task.await.created_at(), Timestamp::UNIX_EPOCH);
//! # }
//! # use std::future::Future;
//! # let waker = std::task::Waker::noop();
//! # let mut cx = std::task::Context::from_waker(&waker);
//! # let mut f = std::pin::pin!(demo());
//! # assert!(f.as_mut().poll(&mut cx).is_ready());
//! ```

use core::cell::Cell;
use core::future::Future;
use core::pin::Pin;
use core::ptr::NonNull;
use core::task::{Context, Poll};
use std::sync::OnceLock;

use crate::{metrics, Clock, SystemClock, Timestamp};

/// The scopes in force on one thread.
struct Scope {
    /// The clock `with_clock` put in place, if any. Only ever points to a clock owned by a
    /// `with_clock` frame of this thread that has not returned (it may never return).
    clock: Cell<Option<NonNull<dyn Clock>>>,
    /// Whether a `without_touching` frame is running on this thread.
    no_touch: Cell<bool>,
}

thread_local! {
    static SCOPE: Scope = const {
        Scope {
            clock: Cell::new(None),
            no_touch: Cell::new(false),
        }
    };
}

static DEFAULT: OnceLock<Box<dyn Clock>> = OnceLock::new();

/// Puts a cell's previous value back when dropped: on return and on unwind.
struct Restore<T: Copy + 'static> {
    field: fn(&Scope) -> &Cell<T>,
    previous: Option<T>,
}

impl<T: Copy + 'static> Restore<T> {
    /// Sets the field to `value` and remembers what it was.
    fn set(field: fn(&Scope) -> &Cell<T>, value: T) -> Self {
        let previous = SCOPE.try_with(|s| field(s).replace(value)).ok();
        Restore { field, previous }
    }
}

impl<T: Copy + 'static> Drop for Restore<T> {
    fn drop(&mut self) {
        if let Some(previous) = self.previous {
            let field = self.field;
            let _ = SCOPE.try_with(|s| field(s).set(previous));
        }
    }
}

/// Runs `f` with `clock` as the current clock of this thread and returns what `f` returns.
///
/// Everything stamped on this thread inside `f` — [`Timestamps::now`](crate::Timestamps::now),
/// [`touch`](crate::Timestamps::touch), every derived setter and edit — reads `clock`. It
/// overrides the installed default and the system clock; nested calls override outer ones; a
/// clock passed explicitly (`now_with`, `edit_with`, `touch_with`) is still read as given. The
/// previous clock is restored when `f` returns *or panics*. Other threads are not affected, so
/// tests running in parallel never see each other's time.
///
/// For async code use [`with_clock_async`]: a future built inside `f` runs after `f` has
/// returned, outside the scope (see the [module docs](self)).
///
/// The clocks of this crate (and `&`, `Box` or `Arc` of them, `dyn` included) are copied
/// into the scope, so that the scope owns what it reads (a copy of a
/// [`ManualClock`](crate::ManualClock) shares its time). That keeps it sound even when `f`
/// never returns: `std::process::exit` inside `f` still runs this thread's thread-local
/// destructors, which may drop the caller's clock before a later destructor stamps. A clock
/// type of your own is read where it is; should this thread's thread-locals be destroyed while
/// its scope is active, the scope is cleared first and later stamps read the default clock.
///
/// ```
/// # extern crate timestamp_core as stamped;
/// use stamped::{with_clock, FixedClock, Timestamp, Timestamps};
///
/// let clock = FixedClock::new("2030-05-01T12:00:00Z".parse()?);
/// let ts: Timestamps = with_clock(&clock, Timestamps::now);
/// assert_eq!(ts.created_at().to_string(), "2030-05-01T12:00:00.000000Z");
/// # Ok::<(), stamped::Error>(())
/// ```
pub fn with_clock<C: Clock + ?Sized, R>(clock: &C, f: impl FnOnce() -> R) -> R {
    if clock.reads_current_clock() {
        // `with_clock(&CurrentClock, f)`: the current clock stays current. In the slot it
        // would read itself until the stack overflowed.
        return f();
    }
    // A clock of this crate: the slot points to this frame's own copy. The frame's memory
    // stays valid until it returns, and if it never does (`process::exit`) the copy is never
    // dropped, whatever thread-local destructors drop.
    let copy = clock.scope_copy();
    let target = if let Some(copy) = &copy {
        NonNull::from(copy.clock())
    } else {
        // Any other clock is read where it is. If it lives in a thread-local destroyed
        // while this frame never returns, `CLEAR_ON_EXIT`'s destructor empties the slot
        // first, provided the clock's thread-local existed when this thread first scoped
        // such a clock (destructors run newest first). See docs/reliability.md for the one
        // order this does not cover.
        let _ = CLEAR_ON_EXIT.try_with(|_| ());
        // `&C` is a sized clock whatever `C` is (`dyn Clock` included): the slot points to it.
        let reference: &&C = &clock;
        let short: NonNull<dyn Clock + '_> = NonNull::from(reference as &dyn Clock);
        // SAFETY: only the lifetime bound of the trait object changes (same layout). The
        // pointer stays in this thread's slot while `f` runs: the `Restore` guard puts the
        // previous value back before `clock`'s borrow ends, on return and on unwind, and
        // `CLEAR_ON_EXIT` clears it when this thread's thread-locals are destroyed under a
        // frame that never returns.
        unsafe { core::mem::transmute::<NonNull<dyn Clock + '_>, NonNull<dyn Clock>>(short) }
    };
    let _restore = Restore::set(|s| &s.clock, Some(target));
    f()
}

/// A copy of one of this crate's clocks, owned by a [`with_clock`] frame: returned by
/// `Clock::scope_copy`. Only this crate makes one.
#[doc(hidden)]
#[derive(Debug)]
pub enum ScopeCopy {
    #[doc(hidden)]
    Fixed(crate::FixedClock),
    #[doc(hidden)]
    Manual(crate::ManualClock),
    #[doc(hidden)]
    Stateless(Stateless),
}

/// A zero-sized clock behind a `Box` (which allocates nothing for it).
#[doc(hidden)]
pub struct Stateless(Box<dyn Clock>);

impl core::fmt::Debug for Stateless {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Stateless")
    }
}

impl ScopeCopy {
    /// A copy of a zero-sized clock: nothing to share, nothing allocated.
    pub(crate) fn stateless<C: Clock + 'static>(clock: C) -> Self {
        const { assert!(size_of::<C>() == 0, "only zero-sized clocks are stateless") };
        ScopeCopy::Stateless(Stateless(Box::new(clock)))
    }

    fn clock(&self) -> &(dyn Clock + 'static) {
        match self {
            ScopeCopy::Fixed(clock) => clock,
            ScopeCopy::Manual(clock) => clock,
            ScopeCopy::Stateless(Stateless(clock)) => &**clock,
        }
    }
}

/// Empties this thread's clock slot when the thread's thread-locals are destroyed. It matters
/// only under a [`with_clock`] frame that never returns (`process::exit` inside it), whose
/// clock is not a copy the frame owns.
struct ClearOnExit;

impl Drop for ClearOnExit {
    fn drop(&mut self) {
        let _ = SCOPE.try_with(|s| s.clock.set(None));
    }
}

thread_local! {
    static CLEAR_ON_EXIT: ClearOnExit = const { ClearOnExit };
}

/// Runs `f` with touches suspended on this thread and returns what `f` returns.
///
/// Inside, setters and edits still assign their values and report their changes (the `bool` of
/// a setter, the [`Changes`](crate::Changes) of an edit), but `updated_at` does not move, and
/// [`touch`](crate::Timestamps::touch) / [`touch_with`](crate::Timestamps::touch_with) do
/// nothing. For corrections that must not look like edits: an administrator fixing a typo, a
/// backfill, a data migration. New entities are still stamped (creation is not a touch), and
/// `delete()` still records when it happened in `deleted_at`. Each suppressed touch is counted
/// in [`metrics()`](crate::metrics). Nests with itself and with [`with_clock`]; the previous
/// state is restored on return and on panic.
///
/// ```
/// # extern crate timestamp_core as stamped;
/// use stamped::{without_touching, Timestamps};
///
/// let mut ts: Timestamps = Timestamps::now();
/// let before = ts.updated_at();
/// without_touching(|| ts.touch());
/// assert_eq!(ts.updated_at(), before);
/// ```
pub fn without_touching<R>(f: impl FnOnce() -> R) -> R {
    let _restore = Restore::set(|s| &s.no_touch, true);
    f()
}

/// A future that makes `clock` the current clock during every poll of `future`, wherever it
/// is polled: returned by [`with_clock_async`].
#[derive(Debug)]
#[must_use = "futures do nothing unless awaited"]
pub struct WithClock<C, F> {
    clock: C,
    future: F,
}

/// Makes `clock` the current clock during every poll of `future`, on whichever thread polls it,
/// on any executor; the previous clock is restored after each poll (also when it panics).
///
/// The clock is taken by value: pass a [`ManualClock`](crate::ManualClock) clone (clones share
/// one time), an `Arc`, or a `&` reference that outlives the future. Tasks spawned inside do not
/// inherit it: wrap them with `with_clock_async` too.
///
/// ```
/// # extern crate timestamp_core as stamped;
/// use std::time::Duration;
/// use stamped::{with_clock_async, ManualClock, Timestamp, Timestamps};
///
/// # async fn demo() {
/// let clock = ManualClock::new("2026-01-01T00:00:00Z".parse().unwrap());
/// let handle = clock.clone();
/// let ts = with_clock_async(clock, async move {
///     let mut ts: Timestamps = Timestamps::now();
///     handle.advance(Duration::from_secs(1));
///     ts.touch(); // reads the manual clock, on whatever worker runs this
///     ts
/// })
/// .await;
/// assert_eq!(ts.updated_at().to_string(), "2026-01-01T00:00:01.000000Z");
/// # }
/// # use std::future::Future;
/// # let waker = std::task::Waker::noop();
/// # let mut cx = std::task::Context::from_waker(&waker);
/// # let mut f = std::pin::pin!(demo());
/// # assert!(f.as_mut().poll(&mut cx).is_ready());
/// ```
pub fn with_clock_async<C: Clock, F: Future>(clock: C, future: F) -> WithClock<C, F> {
    WithClock { clock, future }
}

impl<C: Clock, F: Future> Future for WithClock<C, F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        // SAFETY: `future` is pinned structurally: it is never moved out of `self` (no method
        // hands it out by value, there is no `Drop` impl), and `WithClock` is `Unpin` only when
        // `F` is. `clock` is not pinned and only borrowed.
        let this = unsafe { self.get_unchecked_mut() };
        // SAFETY: see above; `this.future` stays where it is for as long as `self` is pinned.
        let future = unsafe { Pin::new_unchecked(&mut this.future) };
        with_clock(&this.clock, || future.poll(cx))
    }
}

/// A future that suspends touches during every poll of `future`: returned by
/// [`without_touching_async`].
#[derive(Debug)]
#[must_use = "futures do nothing unless awaited"]
pub struct WithoutTouching<F> {
    future: F,
}

/// [`without_touching`] for async code: touches are suspended during every poll of `future`,
/// on whichever thread polls it; restored after each poll. Spawned tasks do not inherit it.
pub fn without_touching_async<F: Future>(future: F) -> WithoutTouching<F> {
    WithoutTouching { future }
}

impl<F: Future> Future for WithoutTouching<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        // SAFETY: `future` is pinned structurally, as in `WithClock::poll`: never moved out,
        // no `Drop` impl, `Unpin` only when `F` is.
        let future = unsafe { self.map_unchecked_mut(|this| &mut this.future) };
        without_touching(|| future.poll(cx))
    }
}

/// Installs the process's default clock, used wherever no [`with_clock`] scope is active.
/// Call it once at start-up; without it the default is [`SystemClock`].
///
/// Installing [`CurrentClock`] (which reads the current clock, so as the default it would read
/// itself) changes nothing.
///
/// # Errors
/// If a default was installed before, the first one stays and `clock` is handed back in `Err`
/// (as [`OnceLock::set`] does).
pub fn install_default_clock<C: Clock + 'static>(clock: C) -> Result<(), C> {
    if clock.reads_current_clock() {
        // [`CurrentClock`] as the default would read the default: nothing to install.
        return Ok(());
    }
    let mut slot = Some(clock);
    DEFAULT.get_or_init(|| match slot.take() {
        Some(c) => Box::new(c),
        None => Box::new(SystemClock),
    });
    match slot {
        Some(rejected) => Err(rejected),
        None => Ok(()),
    }
}

/// Reads the scoped clock of `scope`, else the installed default, else the system clock.
#[inline]
fn reading(scope: &Scope) -> Timestamp {
    match scope.clock.get() {
        // SAFETY: a pointer in the slot refers to a clock owned by a `with_clock` frame of this
        // thread that has not returned; such a frame's clock is never dropped early (see
        // `with_clock`).
        Some(clock) => unsafe { clock.as_ref() }.now(),
        None => default_now(),
    }
}

#[inline]
fn default_now() -> Timestamp {
    match DEFAULT.get() {
        Some(clock) => clock.now(),
        None => SystemClock.now(),
    }
}

/// Reads the current clock: the scoped one, else the installed default, else the system clock.
#[inline]
pub(crate) fn current_now() -> Timestamp {
    SCOPE.try_with(reading).unwrap_or_else(|_| default_now())
}

/// The reading a touch of the current clock should apply, or `None` inside a
/// [`without_touching`] scope (counted as suppressed). One thread-local access.
#[inline]
pub(crate) fn touch_reading() -> Option<Timestamp> {
    match SCOPE.try_with(|s| (!s.no_touch.get()).then(|| reading(s))) {
        Ok(Some(reading)) => Some(reading),
        Ok(None) => {
            metrics::record_suppressed();
            None
        }
        Err(_) => Some(default_now()),
    }
}

/// Whether a touch may apply here; counts it as suppressed when not.
#[inline]
pub(crate) fn touching_allowed() -> bool {
    let allowed = SCOPE.try_with(|s| !s.no_touch.get()).unwrap_or(true);
    if !allowed {
        metrics::record_suppressed();
    }
    allowed
}

/// The current clock as a value: reads whatever [`Timestamp::now`] reads at the moment of each
/// call. Handy where an API wants a `&impl Clock`.
#[derive(Debug, Clone, Copy, Default)]
pub struct CurrentClock;

impl Clock for CurrentClock {
    #[inline]
    fn now(&self) -> Timestamp {
        current_now()
    }

    #[inline]
    fn reads_current_clock(&self) -> bool {
        true
    }
}
