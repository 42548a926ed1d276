/**
 * The sandbox's simulation clock: Effect's `Clock` plus an offset that `advance` moves forward and
 * a `pause` that freezes simulated time. Under `TestClock` the simulation follows
 * `TestClock.adjust`; in a running sandbox `advance` skips ahead without waiting.
 *
 * Every wait is for an absolute instant (`sleepUntil`), so moving the clock before a waiter has
 * started to wait never loses a wake-up.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

/**
 * The simulation clock service (`Sandbox.Service.clock`): simulated time, waits on it, and the
 * controls that move it.
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * // Pause the simulation, then skip a minute of it at once.
 * const program = Effect.gen(function*() {
 *   const { clock } = yield* Sandbox.Sandbox
 *   yield* clock.pause
 *   const before = yield* clock.now
 *   yield* clock.advance("1 minute")
 *   return (yield* clock.now) - before // 60000
 * })
 * ```
 *
 * @since 0.1.0
 */
export interface Service {
  /** Simulated time, epoch milliseconds. */
  readonly now: Effect.Effect<number>
  /** Wait until simulated time reaches `at` (epoch ms); returns at once if it already has. */
  readonly sleepUntil: (at: number) => Effect.Effect<void>
  /** Wait `duration` of simulated time. */
  readonly sleep: (duration: Duration.DurationInput) => Effect.Effect<void>
  /** Move simulated time forward (also while paused). */
  readonly advance: (duration: Duration.DurationInput) => Effect.Effect<void>
  /** Freeze simulated time: only `advance` moves it. */
  readonly pause: Effect.Effect<void>
  /** Let simulated time follow the underlying clock again (from where it stands). */
  readonly resume: Effect.Effect<void>
  readonly isPaused: Effect.Effect<boolean>
}

/**
 * The simulation clock as a service, for code that runs on a sandbox's simulated time.
 *
 * @example
 * ```ts
 * import { SimClock } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * const tenSecondsLater = Effect.gen(function*() {
 *   const clock = yield* SimClock.SimClock
 *   yield* clock.sleep("10 seconds")
 *   return yield* clock.now
 * })
 * ```
 *
 * @since 0.1.0
 */
export class SimClock extends Context.Tag("@agentphone-effect/sandbox/SimClock")<SimClock, Service>() {}

/**
 * Build a simulation clock on the current `Clock` (captured once, so the `TestClock` of a test is
 * used by every fiber of the sandbox).
 *
 * @example
 * ```ts
 * import { SimClock } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const clock = yield* SimClock.make({ startAt: 0, paused: true })
 *   yield* clock.advance("5 seconds")
 *   return yield* clock.now // 5000
 * })
 * ```
 *
 * @since 0.1.0
 */
export const make = (options: {
  /** Simulated time at start (epoch ms); default: the underlying clock's time. */
  readonly startAt?: number | undefined
  readonly paused?: boolean | undefined
} = {}): Effect.Effect<Service> =>
  Effect.gen(function*() {
    const clock = yield* Effect.clock
    const base0 = yield* clock.currentTimeMillis
    const state = {
      offset: options.startAt === undefined ? 0 : options.startAt - base0,
      pausedAt: undefined as number | undefined,
      signal: yield* Deferred.make<void>()
    }
    if (options.paused === true) state.pausedAt = base0 + state.offset
    const now = Effect.map(clock.currentTimeMillis, (base) => state.pausedAt ?? base + state.offset)
    const changed = Effect.flatMap(Deferred.make<void>(), (next) => {
      const previous = state.signal
      state.signal = next
      return Deferred.succeed(previous, undefined)
    })
    const sleepUntil = (at: number): Effect.Effect<void> =>
      Effect.flatMap(now, (current) => {
        if (current >= at) return Effect.void
        const signal = Deferred.await(state.signal)
        const wait = state.pausedAt !== undefined
          ? signal
          : Effect.raceFirst(clock.sleep(Duration.millis(at - current)), signal)
        return Effect.zipRight(wait, Effect.suspend(() => sleepUntil(at)))
      })
    return {
      now,
      sleepUntil,
      sleep: (duration) => Effect.flatMap(now, (current) => sleepUntil(current + Duration.toMillis(duration))),
      advance: (duration) =>
        Effect.suspend(() => {
          const ms = Duration.toMillis(duration)
          if (state.pausedAt !== undefined) state.pausedAt += ms
          else state.offset += ms
          return changed
        }),
      pause: Effect.flatMap(now, (current) => {
        state.pausedAt = current
        return changed
      }),
      resume: Effect.flatMap(clock.currentTimeMillis, (base) => {
        if (state.pausedAt === undefined) return Effect.void
        state.offset = state.pausedAt - base
        state.pausedAt = undefined
        return changed
      }),
      isPaused: Effect.sync(() => state.pausedAt !== undefined)
    }
  })

/**
 * A `SimClock` layer (see `make` for the options).
 *
 * @example
 * ```ts
 * import { SimClock } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * const now = Effect.flatMap(SimClock.SimClock, (clock) => clock.now).pipe(
 *   Effect.provide(SimClock.layer({ startAt: Date.UTC(2026, 0, 1), paused: true }))
 * ) // 1767225600000
 * ```
 *
 * @since 0.1.0
 */
export const layer = (options?: Parameters<typeof make>[0]): Layer.Layer<SimClock> =>
  Layer.effect(SimClock, make(options))

/**
 * An instant as the API writes it (ISO-8601, UTC, milliseconds kept so cursors stay exact).
 *
 * @example
 * ```ts
 * import { SimClock } from "@agentphone-effect/sandbox"
 *
 * SimClock.toIso(0) // "1970-01-01T00:00:00.000Z"
 * ```
 *
 * @since 0.1.0
 */
export const toIso = (ms: number): string => new Date(ms).toISOString()
