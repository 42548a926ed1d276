/**
 * Fault injection for `/v1/...` requests: added latency, 429 with `Retry-After`, 5xx, and
 * transcript streams dropped mid-way, each at a chosen rate (drawn from the sandbox's seeded
 * random source) and optionally a limited number of times.
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as ApiFailure from "./ApiFailure.js"

const Rate = Schema.Number.pipe(Schema.between(0, 1))
const Times = Schema.Int.pipe(Schema.greaterThanOrEqualTo(0))

/**
 * The fault configuration (also the JSON body of `PUT /sandbox/faults`). Each fault fires with
 * probability `rate`, at most `times` times when given.
 *
 * @example
 * ```ts
 * import { Faults } from "@agentphone-effect/sandbox"
 * import { Schema } from "effect"
 *
 * // Validate a configuration read from a file or a request body.
 * const config = Schema.decodeUnknownSync(Faults.FaultConfig)({ rateLimit: { rate: 1, times: 1 } })
 * ```
 *
 * @since 0.1.0
 */
export const FaultConfig = Schema.Struct({
  /** Only requests whose path starts with this (default `/v1/`). */
  pathPrefix: Schema.optional(Schema.String),
  latency: Schema.optional(Schema.Struct({
    rate: Rate,
    millis: Schema.Int.pipe(Schema.greaterThanOrEqualTo(0)),
    times: Schema.optional(Times)
  })),
  rateLimit: Schema.optional(Schema.Struct({
    rate: Rate,
    retryAfterSeconds: Schema.optional(Schema.Int.pipe(Schema.greaterThanOrEqualTo(0))),
    times: Schema.optional(Times)
  })),
  serverError: Schema.optional(Schema.Struct({
    rate: Rate,
    status: Schema.optional(Schema.Int.pipe(Schema.between(500, 599))),
    times: Schema.optional(Times)
  })),
  dropStream: Schema.optional(Schema.Struct({
    rate: Rate,
    /** Events (turns) sent before the connection is cut. Default 1. */
    afterEvents: Schema.optional(Schema.Int.pipe(Schema.greaterThanOrEqualTo(0))),
    times: Schema.optional(Times)
  }))
})

/**
 * A fault configuration, as `Sandbox.setFaults` takes it.
 *
 * @example
 * ```ts
 * import { Faults, Sandbox } from "@agentphone-effect/sandbox"
 *
 * // The first request gets a 429 with `Retry-After: 2`; every transcript stream drops after 2 turns.
 * const flaky: Faults.FaultConfig = {
 *   rateLimit: { rate: 1, times: 1, retryAfterSeconds: 2 },
 *   dropStream: { rate: 1, afterEvents: 2 }
 * }
 * const inject = Sandbox.setFaults(flaky)
 * ```
 *
 * @since 0.1.0
 */
export type FaultConfig = typeof FaultConfig.Type

/**
 * The fault injector: holds the configuration and decides, per request, whether a fault fires.
 *
 * @example
 * ```ts
 * import { Faults } from "@agentphone-effect/sandbox"
 * import { Effect, Random } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const faults: Faults.Service = Faults.make(Random.make(1).next)
 *   yield* faults.set({ serverError: { rate: 1, status: 502, times: 1 } })
 *   return yield* Effect.either(faults.request("/v1/agents")) // Left(ApiFailure 502)
 * })
 * ```
 *
 * @since 0.1.0
 */
export interface Service {
  readonly get: Effect.Effect<FaultConfig>
  readonly set: (config: FaultConfig) => Effect.Effect<void>
  readonly clear: Effect.Effect<void>
  /** Apply latency / 429 / 5xx to a request on `path`. */
  readonly request: (path: string) => Effect.Effect<void, ApiFailure.ApiFailure>
  /** For a new transcript stream: cut it after this many events, or not. */
  readonly dropAfter: (path: string) => Effect.Effect<number | undefined>
}

/**
 * Build a fault injector drawing from `nextFloat`.
 *
 * @example
 * ```ts
 * import { Faults } from "@agentphone-effect/sandbox"
 * import { Effect, Random } from "effect"
 *
 * const faults = Faults.make(Random.make(1).next)
 * Effect.runSync(faults.set({ serverError: { rate: 1, times: 2 } }))
 * ```
 *
 * @since 0.1.0
 */
export const make = (nextFloat: Effect.Effect<number>): Service => {
  let config: FaultConfig = {}
  let used = { latency: 0, rateLimit: 0, serverError: 0, dropStream: 0 }
  const fires = (kind: keyof typeof used, fault: { readonly rate: number; readonly times?: number | undefined }) =>
    Effect.map(nextFloat, (x) => {
      if (fault.times !== undefined && used[kind] >= fault.times) return false
      if (x >= fault.rate) return false
      used[kind] += 1
      return true
    })
  const applies = (path: string) => path.startsWith(config.pathPrefix ?? "/v1/")
  return {
    get: Effect.sync(() => config),
    set: (next) =>
      Effect.sync(() => {
        config = next
        used = { latency: 0, rateLimit: 0, serverError: 0, dropStream: 0 }
      }),
    clear: Effect.sync(() => {
      config = {}
    }),
    request: (path) =>
      Effect.gen(function*() {
        if (!applies(path)) return
        const { latency, rateLimit, serverError } = config
        if (latency !== undefined && (yield* fires("latency", latency))) {
          yield* Effect.sleep(Duration.millis(latency.millis))
        }
        if (rateLimit !== undefined && (yield* fires("rateLimit", rateLimit))) {
          const seconds = rateLimit.retryAfterSeconds ?? 1
          return yield* ApiFailure.detail(429, `Rate limit exceeded. Retry after ${seconds} seconds.`, {
            "retry-after": String(seconds)
          })
        }
        if (serverError !== undefined && (yield* fires("serverError", serverError))) {
          const status = serverError.status ?? 503
          return yield* ApiFailure.detail(status, "Simulated server error (sandbox fault injection)")
        }
      }),
    dropAfter: (path) =>
      Effect.gen(function*() {
        const drop = config.dropStream
        if (!applies(path) || drop === undefined) return undefined
        return (yield* fires("dropStream", drop)) ? drop.afterEvents ?? 1 : undefined
      })
  }
}
