/**
 * A per-attempt timeout with `Effect.timeoutFail`'s outcome at about half its cost.
 *
 * `Effect.timeoutFail` races the effect against a sleep: it forks both into child fibers and joins
 * the winner's fiber refs back. A fork copies the parent's fiber refs and a join diffs them (the
 * context with every service and the span among them), so under a span with a few services the
 * race cost ~60 µs per request in the request-overhead bench — more than the rest of the executor.
 *
 * Here, when the fiber's clock is Effect's live clock, only the effect is forked, its exit is
 * observed, and the deadline is a timer of the host (what the live clock's `sleep` uses); the child's
 * fiber refs are not joined back (an attempt changes none the caller reads). With any other clock
 * (`TestClock`, a custom one) or a deadline beyond what a timer can hold, it is
 * `Effect.timeoutFail` itself, so tests driven by `TestClock` see exactly Effect's behaviour.
 *
 * An infinite duration runs the effect as it is.
 *
 * `locals` are fiber-ref changes the effect runs with (the call's span as parent, the transport's
 * own span turned off). Where the effect runs on a fiber of its own they are set on that fiber as it
 * starts (its fiber refs are not joined back, so nothing needs restoring); otherwise the effect runs
 * under `Effect.locallyWith` for each.
 *
 * Outcome, as `Effect.timeoutFail`: the effect's exit if it ends first; otherwise the failure from
 * `onTimeout`, with the effect interrupted without waiting. Interrupting the caller interrupts the
 * effect and waits for it to stop.
 *
 * @internal
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as DefaultServices from "effect/DefaultServices"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import type * as FiberId from "effect/FiberId"
import * as FiberRef from "effect/FiberRef"
import * as FiberRefs from "effect/FiberRefs"

/** A fiber-ref change the effect runs with (make one with `local`). */
export interface Local {
  /** `self` with the change, undone after it. */
  readonly around: <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  /** The change, made on the current fiber (for a fresh fiber: nothing to undo). */
  readonly enter: Effect.Effect<void>
  /** The change, made to what a new fiber will start with (`id`: the fiber it is forked from). */
  readonly start: (into: Start, id: FiberId.Runtime) => void
}

/** What a new fiber starts with: its fiber refs (its context among them). */
export interface Start {
  fiberRefs: FiberRefs.FiberRefs
}

/** The change of `ref` by `f`. */
export const local = <A>(ref: FiberRef.FiberRef<A>, f: (value: A) => A): Local => ({
  around: (self) => Effect.locallyWith(self, ref, f),
  enter: FiberRef.update(ref, f),
  start: (into, fiberId) => {
    into.fiberRefs = FiberRefs.updateAs(into.fiberRefs, {
      fiberId,
      fiberRef: ref,
      value: f(FiberRefs.getOrDefault(into.fiberRefs, ref))
    })
  }
})

const noLocals: ReadonlyArray<Local> = []

/** @internal */
export const locally = <A, E, R>(
  self: Effect.Effect<A, E, R>,
  locals: ReadonlyArray<Local>
): Effect.Effect<A, E, R> => {
  let out = self
  for (const l of locals) out = l.around(out)
  return out
}

// Set on the fiber the effect starts on (a fresh fiber: nothing to restore).
const entered = <A, E, R>(self: Effect.Effect<A, E, R>, locals: ReadonlyArray<Local>): Effect.Effect<A, E, R> => {
  let out = self
  for (const l of locals) out = Effect.zipRight(l.enter, out)
  return out
}

/** @internal */
export const liveClock = Context.get(DefaultServices.liveServices, Clock.Clock)

/** What `setTimeout` can hold (a larger delay fires at once). @internal */
export const maxTimerMillis = 2 ** 31 - 1

/** @internal */
export const timeoutFail = <A, E, R, E1>(
  self: Effect.Effect<A, E, R>,
  duration: Duration.Duration,
  onTimeout: () => E1,
  locals: ReadonlyArray<Local> = noLocals
): Effect.Effect<A, E | E1, R> =>
  Effect.withFiberRuntime((parent) => {
    const millis = Duration.toMillis(duration)
    // No deadline, no machinery (a race against a sleep that never ends would still cost a fork).
    if (millis === Infinity) return locally(self, locals)
    const clock = Context.get(parent.getFiberRef(DefaultServices.currentServices), Clock.Clock)
    if (clock !== liveClock || !(millis <= maxTimerMillis)) {
      return Effect.timeoutFail(locally(self, locals), { duration, onTimeout })
    }
    return Effect.uninterruptibleMask((restore) =>
      Effect.flatMap(Effect.fork(restore(entered(self, locals))), (child) =>
        restore(Effect.async<A, E | E1>((resume) => {
          let settled = false
          const observer = (exit: Exit.Exit<A, E>) => {
            if (settled) return
            settled = true
            clearTimeout(timer)
            resume(exit)
          }
          const timer = setTimeout(() => {
            if (settled) return
            settled = true
            child.removeObserver(observer)
            child.unsafeInterruptAsFork(parent.id())
            resume(Effect.fail(onTimeout()))
          }, millis)
          child.addObserver(observer)
          return Effect.suspend(() => {
            settled = true
            clearTimeout(timer)
            child.removeObserver(observer)
            return Effect.asVoid(Fiber.interrupt(child))
          })
        })))
    )
  })
