/**
 * The attempts of one call, each under a deadline of its own, retried as `retry` says, in the
 * call's span (ended with the call's exit).
 *
 * Composed of Effect's parts — `Effect.timeoutFail` per attempt (a race against a sleep: two forks
 * and a join of fiber refs), `Effect.catchAll` for a retry, `Effect.onExit` to end the span — this
 * costs a request more fiber machinery than the rest of the executor (and `Effect.locallyWith`
 * for `locals` alone, an acquire/use/release, allocates more than a fiber). So when the fiber's
 * clock is Effect's live clock and the deadline fits a host timer, or there is no deadline, the
 * attempts run in one uninterruptible region on the caller's fiber whose handlers retry, clear
 * timers and end the span, and each attempt runs:
 *
 * - over a transport that takes an `Abort` (`AbortableHttpClient`: it stops itself), on the
 *   caller's fiber, under a `Deadline` whose host timer aborts it (the attempt then fails with
 *   the transport's error, which the caller reads as the timeout), or as it is without a deadline;
 * - otherwise on a fiber started at once with `Runtime.runFork`, with the caller's context, fiber
 *   refs and runtime flags and `locals` applied, one host timer its deadline (none without one).
 *
 * With a finite deadline under any other clock (`TestClock`, a custom one), or one beyond what a
 * timer can hold, each attempt (in the same region) is Effect's own `Effect.timeoutFail` on the
 * caller's fiber, so tests driven by `TestClock` see Effect's own behaviour.
 *
 * The outcome is the same on every path: the first attempt's success; or, after its failure, what
 * `retry` goes on with (a wait, then the next attempt, …); or the failure itself. An attempt past
 * its deadline is interrupted without waiting (on the caller's fiber: its transport is aborted) and
 * fails with `onTimeout()` (there: as the caller maps the transport's failure). Interrupting the
 * caller interrupts the running attempt and waits for it to stop. Defects and interruptions of an attempt
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
import type * as AbortableHttpClient from "../AbortableHttpClient.js"

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
  readonly retry:
    | ((error: E, retry: number, span: Tracer.Span | undefined) => Effect.Effect<void> | undefined)
    | undefined
  /** The call's span: the parent span of every attempt, ended with the call's exit. */
  readonly span: Tracer.Span | undefined
  /**
   * One attempt whose transport stops itself once `deadline` aborts (see `AbortableHttpClient`). When given, the attempts run on the caller's fiber without `locals` or
   * the span as their parent (the transport runs nothing that reads them): under a `Deadline`, or
   * as `attempt` when there is no deadline.
   */
  readonly withDeadline?: ((deadline: Deadline) => Effect.Effect<A, E>) | undefined
}

/**
 * An attempt's deadline as its transport sees it (an `AbortableHttpClient.Abort`): aborted, and
 * its listener told, when it passes (a host timer, cleared with `clear` once the attempt has ended).
 *
 * @internal
 */
export class Deadline implements AbortableHttpClient.Abort {
  aborted = false
  private listener: (() => void) | undefined = undefined
  private readonly timer: ReturnType<typeof setTimeout>

  constructor(millis: number) {
    this.timer = setTimeout(() => this.pass(), millis)
  }

  onAbort(listener: () => void): void {
    this.listener = listener
  }

  clear(): void {
    clearTimeout(this.timer)
    this.listener = undefined
  }

  private pass(): void {
    this.aborted = true
    const listener = this.listener
    this.listener = undefined
    listener?.()
  }
}

type AnyFiber = Fiber.RuntimeFiber<unknown, unknown>

const liveClock = Context.get(DefaultServices.liveServices, Clock.Clock)

// What `setTimeout` can hold (a larger delay fires at once).
const maxTimerMillis = 2 ** 31 - 1

/**
 * End `span` with `exit`, as `Effect.useSpan` does, at the time of `fiber`'s clock (or 0 when the
 * fiber's tracer timing is off); an ended span stays as it is. A success ends it as `Exit.void`:
 * the span records that the call succeeded, not its value (a decoded response is no telemetry, and
 * a span that kept it, as Effect's own spans keep their exit, kept it alive as long as the span).
 *
 * @internal
 */
export const endSpan = (span: Tracer.Span, exit: Exit.Exit<unknown, unknown>, fiber: AnyFiber): void => {
  if (span.status._tag === "Ended") return
  const time = fiber.getFiberRef(FiberRef.currentTracerTimingEnabled)
    ? Context.get(fiber.currentDefaultServices, Clock.Clock).unsafeCurrentTimeNanos()
    : BigInt(0)
  span.end(time, Exit.isSuccess(exit) ? Exit.void : exit)
}

/** @internal */
export const run = <A, E>(options: Options<A, E>): Effect.Effect<A, E> =>
  Effect.withFiberRuntime((parent, status) => runOn(options, parent, status.runtimeFlags))

/**
 * `run`, for a caller that already has its fiber (`parent`) and runtime flags in hand; called as
 * the effect runs (the first attempt's deadline starts at once).
 *
 * @internal
 */
export const runOn = <A, E>(
  options: Options<A, E>,
  parent: AnyFiber,
  runtimeFlags: RuntimeFlags.RuntimeFlags
): Effect.Effect<A, E> => {
  const millis = Duration.toMillis(options.timeout)
  const clock = Context.get(parent.currentDefaultServices, Clock.Clock)
  // No deadline needs no timer, so no clock: the attempt fiber is cheaper than `Effect.locallyWith`
  const timers = millis === Infinity || (clock === liveClock && millis <= maxTimerMillis)
  return Effect.uninterruptibleMask((restore) =>
    new Attempts(options, timers ? millis : undefined, parent, runtimeFlags, restore).run(0)
  )
}

/**
 * The attempts of one call under host timers: each runs interruptibly inside one uninterruptible
 * region on the caller's fiber, whose handlers clear the attempt's timer, start what `retry` goes
 * on with, or end the span with the call's exit (its interruption too), as `Effect.onExit` would,
 * with no effect of their own. An attempt runs on the caller's fiber under a `Deadline` when its
 * transport obeys one (`withDeadline`; as it is without a deadline), else on a fiber of its own.
 */
class Attempts<A, E> {
  private deadline: Deadline | undefined = undefined

  constructor(
    private readonly options: Options<A, E>,
    /** The deadline in host-timer milliseconds (`Infinity`: none); `undefined`: composed attempts. */
    private readonly millis: number | undefined,
    private readonly parent: AnyFiber,
    private readonly runtimeFlags: RuntimeFlags.RuntimeFlags,
    private readonly restore: <X, Y, R>(effect: Effect.Effect<X, Y, R>) => Effect.Effect<X, Y, R>
  ) {}

  /** Attempt number `n` (0-based), then the next or the end. */
  run(n: number): Effect.Effect<A, E> {
    const { options, millis } = this
    const once = millis === undefined
      ? composed(options)
      : options.withDeadline === undefined
      ? Effect.async<A, E>((resume) => new Attempt(options, millis, this.parent, resume).begin(this.runtimeFlags))
      : millis === Infinity
      ? options.attempt
      : options.withDeadline(this.deadline = new Deadline(millis))
    return Effect.matchCauseEffect(this.restore(once), {
      onFailure: (cause) => this.failed(cause, n),
      onSuccess: (value) => {
        this.end(Exit.void)
        return Effect.succeed(value)
      }
    })
  }

  private failed(cause: Cause.Cause<E>, n: number): Effect.Effect<A, E> {
    this.deadline?.clear()
    const { retry } = this.options
    if (retry !== undefined) {
      const failure = Cause.failureOrCause(cause)
      const before = Either.isLeft(failure) ? retry(failure.left, n + 1, this.options.span) : undefined
      if (before !== undefined) {
        return Effect.matchCauseEffect(this.restore(before), {
          onFailure: (cause) => this.ended(cause),
          onSuccess: () => this.run(n + 1)
        })
      }
    }
    return this.ended(cause)
  }

  private ended(cause: Cause.Cause<E>): Effect.Effect<A, E> {
    this.end(Exit.failCause(cause))
    return Effect.failCause(cause)
  }

  private end(exit: Exit.Exit<unknown, unknown>): void {
    this.deadline?.clear()
    if (this.options.span !== undefined) endSpan(this.options.span, exit, this.parent)
  }
}

/**
 * One attempt of Effect's own parts (its deadline an `Effect.timeoutFail`, which sleeps on the
 * fiber's clock), on the caller's fiber: where `TestClock` or a custom clock drives deadlines.
 */
const composed = <A, E>(options: Options<A, E>): Effect.Effect<A, E> => {
  let once = options.attempt
  for (const l of options.locals) once = l.around(once)
  if (options.span !== undefined) once = Effect.withParentSpan(once, options.span)
  return Effect.timeoutFail(once, { duration: options.timeout, onTimeout: () => options.onTimeout() })
}

/**
 * A fiber running `effect` at once, on this stack up to its first wait, with `parent`'s context
 * (and `span` as the parent span), fiber refs and runtime flags, `locals` applied.
 */
const start = <A, E>(
  options: Options<A, E>,
  effect: Effect.Effect<void>,
  parent: AnyFiber,
  runtimeFlags: RuntimeFlags.RuntimeFlags
): Fiber.RuntimeFiber<void> => {
  const id = parent.id()
  let fiberRefs = parent.getFiberRefs()
  for (const l of options.locals) fiberRefs = l.start(fiberRefs, id)
  let context = FiberRefs.getOrDefault(fiberRefs, FiberRef.currentContext)
  if (options.span !== undefined) context = Context.add(context, Tracer.ParentSpan, options.span)
  return Runtime.runFork(Runtime.make({ context, fiberRefs, runtimeFlags }))(effect)
}

/**
 * One attempt on a fiber of its own (with `locals` and the span as its parent), under a host
 * timer when it has a deadline: its outcome resumes the caller.
 *
 * Everything the handlers need is in the `Attempt`, which lets go of all of it once the attempt is
 * settled: the handlers (the fiber's observer, the timer, the interruption handler Effect keeps)
 * reference only it. The attempt's fiber ends with no value (its outcome is handed over), so no
 * fiber or handler keeps the response's decoded value, and the fiber's refs, alive after the
 * call: in V8 such an object, once in the old generation, keeps them through every young
 * collection until a full one (measured: about a third of a request's CPU in collection).
 */
class Attempt<A, E> {
  private settled = false
  private outcome: Exit.Exit<A, E> | undefined = undefined
  private child: Fiber.RuntimeFiber<void> | undefined = undefined
  private timer: ReturnType<typeof setTimeout> | undefined = undefined
  private readonly observer = (exit: Exit.Exit<void>): void => this.exited(exit)

  constructor(
    private options: Options<A, E> | undefined,
    private readonly millis: number,
    private parent: AnyFiber | undefined,
    private resume: ((effect: Effect.Effect<A, E>) => void) | undefined
  ) {}

  /** Start the attempt's fiber (and its timer); the handler of the caller's interruption. */
  begin(runtimeFlags: RuntimeFlags.RuntimeFlags): Effect.Effect<void> {
    const options = this.options!
    if (this.millis !== Infinity) this.timer = timerOf(this, this.millis)
    // Starts at once, on this stack, up to its first wait (the request is sent); an attempt that
    // ends at once is observed at once.
    const fiber = start(options, outcomeOf(this, options.attempt), this.parent!, runtimeFlags)
    if (!this.settled) this.child = fiber
    fiber.addObserver(this.observer)
    return cancelOf(this)
  }

  /** The attempt's outcome (its value, failure or defect), from its fiber. */
  ended(exit: Exit.Exit<A, E>): void {
    this.outcome = exit
  }

  /** The attempt's fiber exited: with its outcome, or interrupted (by no one but the handlers here, which stop observing it first). */
  private exited(exit: Exit.Exit<void>): void {
    if (this.settled) return
    const outcome = this.outcome
    const resume = this.release()
    resume(outcome !== undefined ? outcome : Exit.failCause(Exit.isFailure(exit) ? exit.cause : Cause.empty))
  }

  /** The deadline passed: interrupt the attempt without waiting; it failed with `onTimeout()`. */
  timedOut(): void {
    const fiber = this.child
    const options = this.options
    if (this.settled || fiber === undefined || options === undefined) return
    const parent = this.parent!
    const resume = this.release()
    fiber.removeObserver(this.observer)
    fiber.unsafeInterruptAsFork(parent.id())
    resume(Exit.fail(options.onTimeout()))
  }

  /** The caller is interrupted: interrupt the attempt and wait for it to stop. */
  cancel(): Effect.Effect<void> {
    const fiber = this.child
    if (this.settled || fiber === undefined) return Effect.void
    this.release()
    fiber.removeObserver(this.observer)
    return Effect.asVoid(Fiber.interrupt(fiber))
  }

  /** Settled: let go of everything (the caller's resumption is handed back). */
  private release(): (effect: Effect.Effect<A, E>) => void {
    const resume = this.resume!
    this.settled = true
    clearTimeout(this.timer)
    this.options =
      this.parent =
      this.resume =
      this.child =
      this.timer =
      this.outcome =
        undefined
    return resume
  }
}

// (each handler made apart, so that it references the `Attempt` alone)
const timerOf = <A, E>(self: Attempt<A, E>, millis: number) => setTimeout(() => self.timedOut(), millis)
const outcomeOf = <A, E>(self: Attempt<A, E>, effect: Effect.Effect<A, E>): Effect.Effect<void> =>
  Effect.map(Effect.exit(effect), (exit) => self.ended(exit))
const cancelOf = <A, E>(self: Attempt<A, E>): Effect.Effect<void> => Effect.suspend(() => self.cancel())
