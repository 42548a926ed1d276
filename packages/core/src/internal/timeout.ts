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

const liveClock = Context.get(DefaultServices.liveServices, Clock.Clock)

// What `setTimeout` can hold (a larger delay fires at once).
const maxTimerMillis = 2 ** 31 - 1

/** @internal */
export const timeoutFail = <A, E, R, E1>(
  self: Effect.Effect<A, E, R>,
  duration: Duration.Duration,
  onTimeout: () => E1
): Effect.Effect<A, E | E1, R> =>
  Effect.withFiberRuntime((parent) => {
    const millis = Duration.toMillis(duration)
    // No deadline, no machinery (a race against a sleep that never ends would still cost a fork).
    if (millis === Infinity) return self
    const clock = Context.get(parent.getFiberRef(DefaultServices.currentServices), Clock.Clock)
    if (clock !== liveClock || !(millis <= maxTimerMillis)) {
      return Effect.timeoutFail(self, { duration, onTimeout })
    }
    return Effect.uninterruptibleMask((restore) =>
      Effect.flatMap(Effect.fork(restore(self)), (child) =>
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
