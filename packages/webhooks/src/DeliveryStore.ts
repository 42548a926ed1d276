/**
 * Duplicate-delivery protection. AgentPhone retries a delivery (same `X-Webhook-ID`) until it gets
 * a 2xx, so a receiver must run its handler at most once per id. The receiver claims the id before
 * the handler runs, marks it done after, and releases it when the handler fails (so the retry runs
 * it again).
 *
 * The default store is in memory, bounded and TTL-based, with time from the `Clock`. For several
 * server instances, provide your own `DeliveryStore` (e.g. Redis `SET id pending NX EX ttl`).
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { DeliveryStoreError } from "./WebhookError.js"

/**
 * What `claim` found: a `New` id (run the handler), a `Duplicate` already handled, or one
 * `InFlight` in another request right now.
 *
 * @example
 * ```ts
 * import { DeliveryStore } from "@agentphone-effect/webhooks"
 *
 * const shouldRun = (claim: DeliveryStore.ClaimResult): boolean => claim === "New"
 * ```
 *
 * @since 0.1.0
 */
export type ClaimResult = "New" | "Duplicate" | "InFlight"

/**
 * The store's operations.
 *
 * @example
 * ```ts
 * import { DeliveryStore } from "@agentphone-effect/webhooks"
 * import { Effect, Layer } from "effect"
 *
 * // A toy store; a real multi-instance one would use e.g. Redis `SET id pending NX EX ttl`.
 * const handled = new Set<string>()
 * const store: DeliveryStore.Service = {
 *   claim: (id) => Effect.sync(() => handled.has(id) ? "Duplicate" : (handled.add(id), "New")),
 *   complete: () => Effect.void,
 *   release: (id) => Effect.sync(() => void handled.delete(id))
 * }
 * const StoreLive = Layer.succeed(DeliveryStore.DeliveryStore, store)
 * ```
 *
 * @since 0.1.0
 */
export interface Service {
  /** Atomically claim an id; only a `New` claim may run the handler. */
  readonly claim: (id: string) => Effect.Effect<ClaimResult, DeliveryStoreError>
  /** The handler succeeded: later deliveries of `id` are `Duplicate` until the TTL passes. */
  readonly complete: (id: string) => Effect.Effect<void, DeliveryStoreError>
  /** The handler failed or was interrupted: forget the claim so a retry runs it again. */
  readonly release: (id: string) => Effect.Effect<void, DeliveryStoreError>
}

/**
 * The duplicate-delivery store the receivers use. When none is provided, each receiver keeps its
 * own in-memory store (`makeMemory()` defaults).
 *
 * @example
 * ```ts
 * import { DeliveryStore } from "@agentphone-effect/webhooks"
 *
 * // share one bigger store between every receiver of the app
 * const StoreLive = DeliveryStore.layerMemory({ capacity: 100_000, ttl: "48 hours" })
 * ```
 *
 * @since 0.1.0
 */
export class DeliveryStore extends Context.Tag("@agentphone-effect/webhooks/DeliveryStore")<DeliveryStore, Service>() {}

/**
 * @example
 * ```ts
 * import { DeliveryStore } from "@agentphone-effect/webhooks"
 *
 * const options: DeliveryStore.MemoryOptions = { capacity: 50_000, ttl: "24 hours", inFlightTtl: "2 minutes" }
 * const StoreLive = DeliveryStore.layerMemory(options)
 * ```
 *
 * @since 0.1.0
 */
export interface MemoryOptions {
  /** Most ids remembered; the oldest are forgotten first (default 10 000). */
  readonly capacity?: number | undefined
  /** How long a handled id is remembered (default 24 hours; AgentPhone retries 5 times with backoff). */
  readonly ttl?: Duration.DurationInput | undefined
  /** How long an in-flight claim blocks duplicates before it is presumed dead (default 5 minutes). */
  readonly inFlightTtl?: Duration.DurationInput | undefined
}

interface Entry {
  done: boolean
  expiresAt: number
}

/**
 * An in-memory store (synchronous constructor; the receivers use it as their default).
 *
 * @example
 * ```ts
 * import { DeliveryStore } from "@agentphone-effect/webhooks"
 *
 * const store = DeliveryStore.unsafeMakeMemory({ capacity: 1_000 })
 * const first = store.claim("wh_1") // Effect of "New"
 * ```
 *
 * @since 0.1.0
 */
export const unsafeMakeMemory = (options?: MemoryOptions): Service => {
  const capacity = Math.max(1, options?.capacity ?? 10_000)
  const ttl = Duration.toMillis(Duration.decode(options?.ttl ?? Duration.hours(24)))
  const inFlightTtl = Duration.toMillis(Duration.decode(options?.inFlightTtl ?? Duration.minutes(5)))
  // Insertion order = age: re-inserting on every state change keeps the oldest first.
  const entries = new Map<string, Entry>()
  const evict = (now: number) => {
    for (const [id, entry] of entries) {
      if (entry.expiresAt > now && entries.size <= capacity) break
      if (entry.expiresAt <= now || entries.size > capacity) entries.delete(id)
    }
  }
  const put = (id: string, entry: Entry, now: number) => {
    entries.delete(id)
    entries.set(id, entry)
    evict(now)
  }
  return {
    claim: (id) =>
      Effect.map(Clock.currentTimeMillis, (now): ClaimResult => {
        const entry = entries.get(id)
        if (entry !== undefined && entry.expiresAt > now) return entry.done ? "Duplicate" : "InFlight"
        put(id, { done: false, expiresAt: now + inFlightTtl }, now)
        return "New"
      }),
    complete: (id) =>
      Effect.map(Clock.currentTimeMillis, (now) => {
        put(id, { done: true, expiresAt: now + ttl }, now)
      }),
    release: (id) =>
      Effect.sync(() => {
        const entry = entries.get(id)
        if (entry !== undefined && !entry.done) entries.delete(id)
      })
  }
}

/**
 * An in-memory store, bounded (`capacity`) and TTL-based (`ttl`), timed by the `Clock`.
 *
 * @example
 * ```ts
 * import { DeliveryStore } from "@agentphone-effect/webhooks"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const store = yield* DeliveryStore.makeMemory({ ttl: "1 hour" })
 *   return yield* store.claim("wh_1") // "New"
 * })
 * ```
 *
 * @since 0.1.0
 */
export const makeMemory = (options?: MemoryOptions): Effect.Effect<Service> =>
  Effect.sync(() => unsafeMakeMemory(options))

/**
 * A layer with an in-memory store.
 *
 * @example
 * ```ts
 * import { DeliveryStore } from "@agentphone-effect/webhooks"
 * import { Effect } from "effect"
 *
 * const program = Effect.flatMap(DeliveryStore.DeliveryStore, (store) => store.claim("wh_1")).pipe(
 *   Effect.provide(DeliveryStore.layerMemory({ ttl: "48 hours" }))
 * )
 * ```
 *
 * @since 0.1.0
 */
export const layerMemory = (options?: MemoryOptions): Layer.Layer<DeliveryStore> =>
  Layer.effect(DeliveryStore, makeMemory(options))

/**
 * A store that remembers nothing: every delivery runs the handler (turns dedupe off).
 *
 * @example
 * ```ts
 * import { DeliveryStore, WebhookReceiver } from "@agentphone-effect/webhooks"
 * import { Effect, Redacted } from "effect"
 *
 * // every delivery runs the handler, retries included
 * const app = WebhookReceiver.toHttpApp({ secrets: Redacted.make("whsec_...") }, () => Effect.void).pipe(
 *   Effect.provide(DeliveryStore.layerDisabled)
 * )
 * ```
 *
 * @since 0.1.0
 */
export const layerDisabled: Layer.Layer<DeliveryStore> = Layer.succeed(DeliveryStore, {
  claim: () => Effect.succeed("New"),
  complete: () => Effect.void,
  release: () => Effect.void
})
