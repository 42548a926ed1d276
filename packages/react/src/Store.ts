/**
 * The keyed store behind the hooks: one entry per query/stream key, shared by every component
 * that reads the key, with the fiber that feeds it. A fiber starts with the first subscriber and
 * is interrupted when the last one leaves (checked after a microtask, so React StrictMode's
 * unsubscribe/resubscribe at mount neither restarts it nor leaves it running).
 *
 * Apps rarely touch it directly: `AgentPhoneProvider` creates one and the hooks use it.
 *
 * @example
 * ```ts
 * import { Store } from "@agentphone-effect/react"
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { FetchHttpClient } from "@effect/platform"
 * import { Layer, ManagedRuntime, Redacted } from "effect"
 *
 * const runtime = ManagedRuntime.make(
 *   AgentPhone.layer({ apiKey: Redacted.make("sk_...") }).pipe(Layer.provide(FetchHttpClient.layer))
 * )
 * const store = Store.make(runtime)
 * store.invalidate(["calls"])
 * ```
 *
 * @since 0.1.0
 */
import type * as AgentPhone from "@agentphone-effect/core/AgentPhone"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type * as Fiber from "effect/Fiber"
import * as FiberId from "effect/FiberId"
import type * as ManagedRuntime from "effect/ManagedRuntime"
import * as Option from "effect/Option"
import * as Result from "./Result.js"

/**
 * A query key: a list of JSON-serialisable parts, most general first (`["calls"]`,
 * `["calls", "call_1"]`). Invalidating a key refreshes every entry whose key starts with it.
 *
 * @example
 * ```ts
 * import { type Store, useAgentPhone } from "@agentphone-effect/react"
 *
 * // Under ["agents"], so `invalidate(["agents"])` refreshes it too.
 * const key = (agentId: string): Store.Key => ["agents", agentId, "conversations"]
 * const useAgentConversations = (agentId: string) =>
 *   useAgentPhone(key(agentId), (ap) => ap.agents.listAgentConversations({ agent_id: agentId }))
 * ```
 *
 * @since 0.1.0
 */
export type Key = ReadonlyArray<unknown>

/**
 * The runtime the hooks run on: it must provide `AgentPhone` (more services are fine).
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import type { Store } from "@agentphone-effect/react"
 * import { FetchHttpClient } from "@effect/platform"
 * import { Layer, ManagedRuntime } from "effect"
 *
 * // Configured from the environment; pass it to <AgentPhoneProvider runtime={runtime}>.
 * const runtime: Store.Runtime = ManagedRuntime.make(
 *   AgentPhone.layerConfig().pipe(Layer.provide(FetchHttpClient.layer))
 * )
 * ```
 *
 * @since 0.1.0
 */
export type Runtime = ManagedRuntime.ManagedRuntime<AgentPhone.AgentPhone, unknown>

/**
 * The work behind an entry: `emit` publishes an intermediate value (streams); the Effect's own
 * result settles the entry.
 *
 * @example
 * ```ts
 * import type { Store } from "@agentphone-effect/react"
 * import { Effect } from "effect"
 *
 * // Emits 1, 2, then settles with 3.
 * const countdown: Store.Make<number, never> = (emit) =>
 *   Effect.sync(() => {
 *     emit(1)
 *     emit(2)
 *     return 3
 *   })
 * ```
 *
 * @since 0.1.0
 */
export type Make<A, E> = (emit: (value: A) => void) => Effect.Effect<A, E, AgentPhone.AgentPhone>

/**
 * The stable `JSON.stringify` form of a key (object keys sorted).
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { Store } from "@agentphone-effect/react"
 * Store.hashKey(["calls", { limit: 5 }]) // '["calls",{"limit":5}]'
 * ```
 */
export const hashKey = (key: Key): string =>
  JSON.stringify(key, (_, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v)

const startsWith = (key: Key, prefix: Key): boolean =>
  prefix.length <= key.length && prefix.every((part, i) => hashKey([part]) === hashKey([key[i]]))

/**
 * The result every entry reports before its first value (a shared object, so a fresh entry
 * causes no extra render).
 *
 * @example
 * ```ts
 * import { Store } from "@agentphone-effect/react"
 *
 * // Nobody reads the key yet.
 * const notStarted = (store: Store.Store) => store.get(["calls"]) === Store.loading
 * ```
 *
 * @since 0.1.0
 */
export const loading: Result.Result<never, never> = Result.initial(true)

interface Entry {
  readonly key: Key
  readonly make: Make<any, any>
  result: Result.Result<any, any>
  readonly listeners: Set<() => void>
  fiber: Fiber.RuntimeFiber<any, any> | undefined
  generation: number
}

/**
 * The store: subscribe to keys, read their results, refresh and invalidate them. The hooks use it
 * through `useAgentPhoneStore`; code outside React (a router loader, a websocket handler) can too.
 *
 * @example
 * ```ts
 * import { Store } from "@agentphone-effect/react"
 *
 * // A push notification says a call ended: refresh every call query on screen.
 * const onCallEnded = (store: Store.Store) => store.invalidate(["calls"])
 * ```
 *
 * @since 0.1.0
 */
export interface Store {
  readonly runtime: Runtime
  /** The current result of `key` (`loading` when no component reads it). */
  readonly get: <A, E>(key: Key) => Result.Result<A, E>
  /** Read `key`, starting `make` if nobody else does; the returned function unsubscribes. */
  readonly subscribe: <A, E>(key: Key, make: Make<A, E>, listener: () => void) => () => void
  /** Interrupt and restart every entry whose key starts with `prefix`; values stay while it runs. */
  readonly invalidate: (prefix: Key) => void
  /** Run an Effect on the store's runtime; layer failures surface as defects. */
  readonly fork: <A, E>(effect: Effect.Effect<A, E, AgentPhone.AgentPhone>) => Fiber.RuntimeFiber<A, E>
  /** How many fibers the store is running (for tests and devtools). */
  readonly running: () => number
  /** Interrupt every fiber and forget every entry. */
  readonly dispose: () => void
}

/**
 * A store over a runtime. The runtime's layer errors are turned into defects, so the hooks'
 * error channel holds only the Effect's own typed errors.
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { Store } from "@agentphone-effect/react"
 * declare const runtime: Store.Runtime
 * const store = Store.make(runtime)
 * ```
 */
export const make = (runtime: Runtime): Store => {
  const entries = new Map<string, Entry>()
  let disposed = false

  const fork = <A, E>(effect: Effect.Effect<A, E, AgentPhone.AgentPhone>): Fiber.RuntimeFiber<A, E> =>
    Effect.runFork(Effect.flatMap(Effect.orDie(runtime.runtimeEffect), (rt) => Effect.provide(effect, rt)))

  const publish = (entry: Entry, result: Result.Result<any, any>) => {
    if (entry.result === result) return
    entry.result = result
    for (const listener of Array.from(entry.listeners)) listener()
  }

  const stop = (entry: Entry) => {
    entry.generation++
    const fiber = entry.fiber
    entry.fiber = undefined
    if (fiber !== undefined) fiber.unsafeInterruptAsFork(FiberId.none)
  }

  const start = (entry: Entry) => {
    stop(entry)
    if (disposed) return
    const generation = entry.generation
    publish(entry, Result.setWaiting(entry.result, true))
    const fiber = fork(entry.make((value) => {
      if (entry.generation === generation) publish(entry, Result.success(value, true))
    }))
    entry.fiber = fiber
    fiber.addObserver((exit) => {
      if (entry.generation !== generation) return
      entry.fiber = undefined
      publish(
        entry,
        Exit.isSuccess(exit)
          ? Result.success(exit.value)
          : Result.failure(exit.cause, { previous: Result.value(entry.result) })
      )
    })
  }

  return {
    runtime,
    fork,
    get: <A, E>(key: Key) => (entries.get(hashKey(key))?.result ?? loading) as Result.Result<A, E>,
    subscribe: (key, make, listener) => {
      const hash = hashKey(key)
      let entry = entries.get(hash)
      if (entry === undefined) {
        entry = { key, make, result: loading, listeners: new Set(), fiber: undefined, generation: 0 }
        entries.set(hash, entry)
        entry.listeners.add(listener)
        start(entry)
      } else {
        entry.listeners.add(listener)
      }
      const current = entry
      return () => {
        current.listeners.delete(listener)
        if (current.listeners.size > 0) return
        queueMicrotask(() => {
          if (current.listeners.size > 0 || entries.get(hash) !== current) return
          entries.delete(hash)
          stop(current)
        })
      }
    },
    invalidate: (prefix) => {
      for (const entry of entries.values()) {
        if (startsWith(entry.key, prefix) && entry.listeners.size > 0) start(entry)
      }
    },
    running: () => {
      let n = 0
      for (const entry of entries.values()) if (entry.fiber !== undefined) n++
      return n
    },
    dispose: () => {
      disposed = true
      for (const entry of entries.values()) stop(entry)
      entries.clear()
    }
  }
}

/**
 * `Some(value)` of a key that has a value now.
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { Store } from "@agentphone-effect/react"
 * declare const store: Store.Store
 * const calls = Store.peek(store, ["calls"])
 * ```
 */
export const peek = <A>(store: Store, key: Key): Option.Option<A> => Result.value(store.get<A, unknown>(key))
