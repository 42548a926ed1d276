/**
 * The attempts of one call, each under a deadline of its own, retried as `retry` says, in the
 * call's span (ended with the call's exit).
 *
 * Composed of Effect's parts — `Timeout.timeoutFail` per attempt, `Effect.catchAll` for a retry,
 * `Effect.onExit` to end the span — this costs a request more fiber machinery than the rest of the
 * executor. So when the fiber's clock is Effect's live clock and the deadline fits a host timer, the
 * first attempt (the one nearly every call ends with) runs on a fiber started at once with
 * `Runtime.runFork`, with the caller's context, fiber refs and runtime flags and `locals` applied;
 * one host timer is its deadline; where its exit is observed, the span is ended and the caller
 * resumed. Only a failure that `retry` goes on from continues on the composed path, from the first
 * retry. With any other clock (`TestClock`, a custom one), or a deadline that is infinite or beyond
 * what a timer can hold, the composed path runs from the start, so tests driven by `TestClock` see
 * Effect's own behaviour.
 *
 * The outcome is the same on both paths: the first attempt's success; or, after its failure, what
 * `retry` goes on with (a wait, then the next attempt, …); or the failure itself. An attempt past
 * its deadline is interrupted without waiting and fails with `onTimeout()`. Interrupting the caller
 * interrupts the running attempt and waits for it to stop. Defects and interruptions of an attempt
 * are the call's exit (never retried), as `Effect.catchAll` leaves them.
 *
 * @internal
 */
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as FiberRef from "effect/FiberRef"
import * as FiberRefs from "effect/FiberRefs"
import * as Runtime from "effect/Runtime"
import type * as RuntimeFlags from "effect/RuntimeFlags"
import * as Tracer from "effect/Tracer"
import * as Timeout from "./timeout.js"

/** @internal */
export interface Options<A, E> {
  /** One attempt. */
  readonly attempt: Effect.Effect<A, E>
  /** The deadline of each attempt (infinite: none). */
  readonly timeout: Duration.Duration
  /** The failure of an attempt past its deadline. */
  readonly onTimeout: () => E
  /** Fiber-ref changes every attempt runs with (see `Timeout.Local`). */
  readonly locals: ReadonlyArray<Timeout.Local>
  /**
   * What to do before retry number `retry` (1-based) after `error` (e.g. wait), or `undefined`
   * when there is none (`error` is the call's).
   */
  readonly retry: ((error: E, retry: number) => Effect.Effect<void> | undefined) | undefined
  /** The call's span: the parent span of every attempt, ended with the call's exit. */
  readonly span: Tracer.Span | undefined
}

type AnyFiber = Fiber.RuntimeFiber<unknown, unknown>

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

/** The attempts from number `from` (0-based) on, each under its deadline, on the caller's fiber. */
const attemptsFrom = <A, E>(options: Options<A, E>, from: number): Effect.Effect<A, E> => {
  const span = options.span
  const locals = span === undefined
    ? options.locals
    : [
      ...options.locals,
      Timeout.local(FiberRef.currentContext, (context) => Context.add(context, Tracer.ParentSpan, span))
    ]
  const once = Timeout.timeoutFail(options.attempt, options.timeout, options.onTimeout, locals)
  const retry = options.retry
  if (retry === undefined) return once
  const loop = (n: number): Effect.Effect<A, E> =>
    Effect.catchAll(once, (error) => {
      const before = retry(error, n + 1)
      return before === undefined ? Effect.fail(error) : Effect.zipRight(before, loop(n + 1))
    })
  return loop(from)
}

const ending = <A, E>(self: Effect.Effect<A, E>, span: Tracer.Span | undefined, fiber: AnyFiber) =>
  span === undefined ? self : Effect.onExit(self, (exit) => Effect.sync(() => endSpan(span, exit, fiber)))

/** @internal */
export const run = <A, E>(options: Options<A, E>): Effect.Effect<A, E> =>
  Effect.withFiberRuntime((parent, status) => {
    const millis = Duration.toMillis(options.timeout)
    const clock = Context.get(parent.currentDefaultServices, Clock.Clock)
    if (clock !== Timeout.liveClock || !(millis <= Timeout.maxTimerMillis)) {
      return ending(attemptsFrom(options, 0), options.span, parent)
    }
    return first(options, millis, parent, status.runtimeFlags)
  })

const first = <A, E>(
  options: Options<A, E>,
  millis: number,
  parent: AnyFiber,
  runtimeFlags: RuntimeFlags.RuntimeFlags
): Effect.Effect<A, E> =>
  Effect.async<A, E>((resume) => {
    const { retry, span } = options
    const id = parent.id()
    const start: Timeout.Start = { fiberRefs: parent.getFiberRefs() }
    for (const local of options.locals) local.start(start, id)
    let context = FiberRefs.getOrDefault(start.fiberRefs, FiberRef.currentContext)
    if (span !== undefined) context = Context.add(context, Tracer.ParentSpan, span)
    const runtime = Runtime.make({ context, fiberRefs: start.fiberRefs, runtimeFlags })

    let settled = false
    const settle = (exit: Exit.Exit<A, E>) => {
      if (retry !== undefined && Exit.isFailure(exit)) {
        const failure = Cause.failureOrCause(exit.cause)
        const before = Either.isLeft(failure) ? retry(failure.left, 1) : undefined
        if (before !== undefined) {
          return resume(ending(Effect.zipRight(before, attemptsFrom(options, 1)), span, parent))
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

    const timer = setTimeout(() => {
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
