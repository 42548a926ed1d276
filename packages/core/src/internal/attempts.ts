/**
 * The attempts of one call, each under a deadline of its own, retried as `retry` says, in the
 * call's span (ended with the call's exit).
 *
 * Composed of Effect's parts — `Effect.timeoutFail` per attempt (a race against a sleep: two forks
 * and a join of fiber refs), `Effect.catchAll` for a retry, `Effect.onExit` to end the span — this
 * costs a request more fiber machinery than the rest of the executor (and `Effect.locallyWith`
 * for `locals` alone, an acquire/use/release, allocates more than a fiber). So when the fiber's
 * clock is Effect's live clock and the deadline fits a host timer, or there is no deadline, each
 * attempt runs on a fiber started at once with `Runtime.runFork`, with the caller's context, fiber
 * refs and runtime flags and `locals` applied; one host timer is its deadline (none without one);
 * where its exit is observed, the next retry starts or the span is ended and the caller resumed.
 * With a finite deadline under any other clock (`TestClock`, a custom one), or one beyond what a
 * timer can hold, the composed path runs, so tests driven by `TestClock` see Effect's own
 * behaviour.
 *
 * The outcome is the same on both paths: the first attempt's success; or, after its failure, what
 * `retry` goes on with (a wait, then the next attempt, …); or the failure itself. An attempt past
 * its deadline is interrupted without waiting and fails with `onTimeout()`. Interrupting the caller
 * interrupts the running attempt and waits for it to stop. Defects and interruptions of an attempt
 * are the call's exit (never retried), as `Effect.catchAll` leaves them. An attempt's changes to
 * fiber refs are not joined back to the caller (an attempt changes none the caller reads).
 *
 * @internal
 */
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as DefaultServices from "effect/DefaultServices"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import type * as FiberId from "effect/FiberId"
import * as FiberRef from "effect/FiberRef"
import * as FiberRefs from "effect/FiberRefs"
import * as Runtime from "effect/Runtime"
import type * as RuntimeFlags from "effect/RuntimeFlags"
import * as Tracer from "effect/Tracer"

/**
 * A fiber-ref change every attempt runs with (make one with `local`).
 *
 * @internal
 */
export interface Local {
  /** `self` with the change, undone after it (the composed path). */
  readonly around: <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  /** The fiber refs a new fiber forked from fiber `id` starts with, changed (the live path). */
  readonly start: (fiberRefs: FiberRefs.FiberRefs, id: FiberId.Runtime) => FiberRefs.FiberRefs
}

/**
 * The change of `ref` by `f`.
 *
 * @internal
 */
export const local = <A>(ref: FiberRef.FiberRef<A>, f: (value: A) => A): Local => ({
  around: (self) => Effect.locallyWith(self, ref, f),
  start: (fiberRefs, fiberId) =>
    FiberRefs.updateAs(fiberRefs, { fiberId, fiberRef: ref, value: f(FiberRefs.getOrDefault(fiberRefs, ref)) })
})

/** @internal */
export interface Options<A, E> {
  /** One attempt. */
  readonly attempt: Effect.Effect<A, E>
  /** The deadline of each attempt (infinite: none). */
  readonly timeout: Duration.Duration
  /** The failure of an attempt past its deadline. */
  readonly onTimeout: () => E
  /** Fiber-ref changes every attempt runs with. */
  readonly locals: ReadonlyArray<Local>
  /**
   * What to do before retry number `retry` (1-based) after `error` (e.g. wait), or `undefined`
   * when there is none (`error` is the call's).
   */
  readonly retry: ((error: E, retry: number) => Effect.Effect<void> | undefined) | undefined
  /** The call's span: the parent span of every attempt, ended with the call's exit. */
  readonly span: Tracer.Span | undefined
}

type AnyFiber = Fiber.RuntimeFiber<unknown, unknown>

const liveClock = Context.get(DefaultServices.liveServices, Clock.Clock)

// What `setTimeout` can hold (a larger delay fires at once).
const maxTimerMillis = 2 ** 31 - 1

/**
 * End `span` with `exit`, as `Effect.useSpan` does, at the time of `fiber`'s clock (or 0 when the
 * fiber's tracer timing is off); an ended span stays as it is.
 *
 * @internal
 */
export const endSpan = (span: Tracer.Span, exit: Exit.Exit<unknown, unknown>, fiber: AnyFiber): void => {
  if (span.status._tag === "Ended") return
  const time = fiber.getFiberRef(FiberRef.currentTracerTimingEnabled)
    ? Context.get(fiber.currentDefaultServices, Clock.Clock).unsafeCurrentTimeNanos()
    : BigInt(0)
  span.end(time, exit)
}

/** @internal */
export const run = <A, E>(options: Options<A, E>): Effect.Effect<A, E> =>
  Effect.withFiberRuntime((parent, status) => {
    const millis = Duration.toMillis(options.timeout)
    const clock = Context.get(parent.currentDefaultServices, Clock.Clock)
    // No deadline needs no timer, so no clock: the attempt fiber is cheaper than `Effect.locallyWith`
    return millis === Infinity || (clock === liveClock && millis <= maxTimerMillis)
      ? attempt(options, 0, millis, parent, status.runtimeFlags)
      : composed(options, parent)
  })

/** Effect's own parts, on the caller's fiber. */
const composed = <A, E>(options: Options<A, E>, parent: AnyFiber): Effect.Effect<A, E> => {
  const { retry, span, timeout } = options
  let once = options.attempt
  for (const l of options.locals) once = l.around(once)
  if (span !== undefined) once = Effect.withParentSpan(once, span)
  if (Duration.isFinite(timeout)) once = Effect.timeoutFail(once, { duration: timeout, onTimeout: options.onTimeout })
  let all = once
  if (retry !== undefined) {
    const loop = (n: number): Effect.Effect<A, E> =>
      Effect.catchAll(once, (error) => {
        const before = retry(error, n + 1)
        return before === undefined ? Effect.fail(error) : Effect.zipRight(before, loop(n + 1))
      })
    all = loop(0)
  }
  return span === undefined ? all : Effect.onExit(all, (exit) => Effect.sync(() => endSpan(span, exit, parent)))
}

/** Attempt number `n` (0-based) on a fiber of its own, under a host timer; then the next or the end. */
const attempt = <A, E>(
  options: Options<A, E>,
  n: number,
  millis: number,
  parent: AnyFiber,
  runtimeFlags: RuntimeFlags.RuntimeFlags
): Effect.Effect<A, E> =>
  Effect.async<A, E>((resume) => {
    const { retry, span } = options
    const id = parent.id()
    let fiberRefs = parent.getFiberRefs()
    for (const l of options.locals) fiberRefs = l.start(fiberRefs, id)
    let context = FiberRefs.getOrDefault(fiberRefs, FiberRef.currentContext)
    if (span !== undefined) context = Context.add(context, Tracer.ParentSpan, span)
    const runtime = Runtime.make({ context, fiberRefs, runtimeFlags })

    let settled = false
    const settle = (exit: Exit.Exit<A, E>) => {
      if (retry !== undefined && Exit.isFailure(exit)) {
        const failure = Cause.failureOrCause(exit.cause)
        const before = Either.isLeft(failure) ? retry(failure.left, n + 1) : undefined
        if (before !== undefined) {
          // the wait runs on the caller's fiber; the span ends there if it is cut short
          const waited = span === undefined ?
            before :
            Effect.onExit(
              before,
              (exit) => Exit.isSuccess(exit) ? Effect.void : Effect.sync(() => endSpan(span, exit, parent))
            )
          return resume(Effect.zipRight(
            waited,
            Effect.withFiberRuntime<A, E>((fiber, status) =>
              attempt(options, n + 1, millis, fiber, status.runtimeFlags)
            )
          ))
        }
      }
      if (span !== undefined) endSpan(span, exit, parent)
      resume(exit)
    }
    const observer = (exit: Exit.Exit<A, E>) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      settle(exit)
    }

    const timer = millis === Infinity ? undefined : setTimeout(() => {
      if (settled) return
      settled = true
      child.removeObserver(observer)
      child.unsafeInterruptAsFork(id)
      settle(Exit.fail(options.onTimeout()))
    }, millis)
    // Starts at once, on this stack, up to its first wait (the request is sent); an attempt that
    // ends at once is observed at once.
    const child = Runtime.runFork(runtime)(options.attempt)
    child.addObserver(observer)

    // the caller is interrupted: interrupt the attempt and wait for it to stop
    return Effect.suspend(() => {
      if (settled) return Effect.void
      settled = true
      clearTimeout(timer)
      child.removeObserver(observer)
      return Effect.flatMap(Fiber.interrupt(child), (exit) =>
        Effect.sync(() => {
          if (span !== undefined) endSpan(span, exit, parent)
        }))
    })
  })
