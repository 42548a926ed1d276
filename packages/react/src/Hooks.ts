/**
 * Generic hooks: run any `AgentPhone` Effect as a query, follow any Stream, run mutations that
 * refresh the queries they touch. Built on `useSyncExternalStore` and the provider's store:
 * every fiber a hook starts is interrupted when the last component reading its key unmounts or
 * moves to another key, and errors keep their type in `Result`.
 *
 * @example
 * ```tsx
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { Result, useAgentPhone } from "@agentphone-effect/react"
 *
 * export const AgentCount = () => {
 *   const agents = useAgentPhone(["agents"], (ap) => ap.agents.listAgents())
 *   return Result.match(agents, {
 *     onInitial: () => "Loading…",
 *     onSuccess: (list) => `${list.total} agents`,
 *     onFailure: (error) => error.message
 *   })
 * }
 * ```
 *
 * @since 0.1.0
 */
import * as AgentPhone from "@agentphone-effect/core/AgentPhone"
import * as Effect from "effect/Effect"
import type * as Exit from "effect/Exit"
import type * as Fiber from "effect/Fiber"
import * as FiberId from "effect/FiberId"
import * as Stream from "effect/Stream"
import * as React from "react"
import { useAgentPhoneStore } from "./AgentPhoneProvider.js"
import * as Result from "./Result.js"
import * as Store from "./Store.js"

const useKeyed = <A, E>(key: Store.Key, make: Store.Make<A, E>): Result.Result<A, E> => {
  const store = useAgentPhoneStore()
  const hash = Store.hashKey(key)
  const makeRef = React.useRef(make)
  makeRef.current = make
  const keyRef = React.useRef(key)
  keyRef.current = key
  const subscribe = React.useCallback(
    (listener: () => void) => store.subscribe(keyRef.current, (emit) => makeRef.current(emit), listener),
    [store, hash]
  )
  const getSnapshot = React.useCallback(() => store.get<A, E>(keyRef.current), [store, hash])
  return React.useSyncExternalStore(subscribe, getSnapshot, getSnapshot)
}

/**
 * Run an Effect that needs `AgentPhone` and follow its result. The `key` names the data: every
 * component with the same key shares one request; a new key interrupts the old request and
 * starts a new one; `useInvalidate()(key)` refreshes it.
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { useQuery } from "@agentphone-effect/react"
 * import { Effect } from "effect"
 *
 * const useAgent = (id: string) =>
 *   useQuery(["agents", id], Effect.flatMap(AgentPhone.AgentPhone, (ap) => ap.agents.getAgent({ agent_id: id })))
 * ```
 */
export const useQuery = <A, E>(
  key: Store.Key,
  effect: Effect.Effect<A, E, AgentPhone.AgentPhone>
): Result.Result<A, E> => useKeyed(key, () => effect)

/**
 * `useQuery` with the service in hand: `useAgentPhone(key, (ap) => ap.calls.listCalls())`.
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { useAgentPhone } from "@agentphone-effect/react"
 * const useContacts = () => useAgentPhone(["contacts"], (ap) => ap.contacts.listContacts())
 * ```
 */
export const useAgentPhone = <A, E>(
  key: Store.Key,
  f: (service: AgentPhone.Service) => Effect.Effect<A, E, AgentPhone.AgentPhone>
): Result.Result<A, E> => useKeyed(key, () => Effect.flatMap(AgentPhone.AgentPhone, f))

/**
 * How `useStream` folds elements into the value it shows (without it, every element is kept in
 * an array).
 *
 * @example
 * ```ts
 * import { type StreamOptions, useStream } from "@agentphone-effect/react"
 * import { Stream } from "effect"
 *
 * // Show only a running total, not every element.
 * const total: StreamOptions<number, number> = { initial: 0, reduce: (sum, n) => sum + n }
 * const useTotal = () => useStream(["total"], Stream.make(1, 2, 3), total)
 * ```
 *
 * @since 0.1.0
 */
export interface StreamOptions<S, A> {
  readonly initial: S
  readonly reduce: (state: S, element: A) => S
}

/**
 * Follow a Stream: the result is `Success` with `waiting: true` while the stream is open
 * (folded with `reduce`, or collected into an array), then settles when it ends or fails.
 * Under StrictMode the stream starts once; it is interrupted (closing its connection) when the
 * last reader unmounts or the key changes.
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { useStream } from "@agentphone-effect/react"
 * import { Stream } from "effect"
 * const useTicks = () => useStream(["ticks"], Stream.make(1, 2, 3))
 * ```
 */
export const useStream: {
  <A, E>(key: Store.Key, stream: Stream.Stream<A, E, AgentPhone.AgentPhone>): Result.Result<ReadonlyArray<A>, E>
  <A, E, S>(
    key: Store.Key,
    stream: Stream.Stream<A, E, AgentPhone.AgentPhone>,
    options: StreamOptions<S, A>
  ): Result.Result<S, E>
} = <A, E, S>(
  key: Store.Key,
  stream: Stream.Stream<A, E, AgentPhone.AgentPhone>,
  options?: StreamOptions<S, A>
): Result.Result<S | ReadonlyArray<A>, E> => {
  const fold = <T>(o: StreamOptions<T, A>): Store.Make<T, E> => (emit) =>
    Stream.runFoldEffect(stream, o.initial, (state, element) =>
      Effect.sync(() => {
        const next = o.reduce(state, element)
        emit(next)
        return next
      }))
  // One `useKeyed` call on either branch, so the hook order never changes.
  return options === undefined
    ? useKeyed(key, fold<ReadonlyArray<A>>({ initial: [], reduce: (s, a) => [...s, a] }))
    : useKeyed(key, fold(options))
}

/**
 * A function that refreshes every query whose key starts with the given prefix.
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { useInvalidate } from "@agentphone-effect/react"
 * const useReloadCalls = () => {
 *   const invalidate = useInvalidate()
 *   return () => invalidate(["calls"])
 * }
 * ```
 */
export const useInvalidate = (): (prefix: Store.Key) => void => {
  const store = useAgentPhoneStore()
  return React.useCallback((prefix: Store.Key) => store.invalidate(prefix), [store])
}

/**
 * What `useMutation` returns: the last run's result, `run` (resolves with the `Exit`, so the
 * error type is kept; never rejects) and `reset`.
 *
 * @example
 * ```tsx
 * import { Result, useCreateContact } from "@agentphone-effect/react"
 * import { Exit } from "effect"
 *
 * export const SaveContact = ({ phoneNumber }: { readonly phoneNumber: string }) => {
 *   const save = useCreateContact()
 *   const onClick = async () => {
 *     const exit = await save.run({ phoneNumber, name: "New contact" })
 *     if (Exit.isSuccess(exit)) save.reset()
 *   }
 *   return (
 *     <button disabled={save.result.waiting} onClick={onClick}>
 *       {Result.isFailure(save.result) ? "Retry" : "Save"}
 *     </button>
 *   )
 * }
 * ```
 *
 * @since 0.1.0
 */
export interface Mutation<I, A, E> {
  readonly result: Result.Result<A, E>
  readonly run: (input: I) => Promise<Exit.Exit<A, E>>
  readonly reset: () => void
}

/**
 * Options of `useMutation`: which queries to refresh after a success (fixed keys, or computed from
 * the value and the input).
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { Keys, useMutation } from "@agentphone-effect/react"
 * import { Effect } from "effect"
 *
 * // After hanging up, refresh that call's detail and transcript (not every call query).
 * const useHangUp = () =>
 *   useMutation(
 *     (callId: string) => Effect.flatMap(AgentPhone.AgentPhone, (ap) => ap.calls.endCall({ call_id: callId })),
 *     { invalidates: (_ended, callId) => [Keys.call(callId), Keys.transcript(callId)] }
 *   )
 * ```
 *
 * @since 0.1.0
 */
export interface MutationOptions<I, A> {
  /** Keys (prefixes) to refresh after a success. */
  readonly invalidates?: ReadonlyArray<Store.Key> | ((value: A, input: I) => ReadonlyArray<Store.Key>) | undefined
}

/**
 * A write: `run(input)` starts the Effect (interrupting a previous run still in flight), then
 * refreshes `invalidates` on success. A run still in flight when the component unmounts is
 * interrupted.
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { useMutation } from "@agentphone-effect/react"
 * import { Effect } from "effect"
 *
 * const useDeleteContact = () =>
 *   useMutation(
 *     (id: string) => Effect.flatMap(AgentPhone.AgentPhone, (ap) => ap.contacts.deleteContact({ contact_id: id })),
 *     { invalidates: [["contacts"]] }
 *   )
 * ```
 */
export const useMutation = <I, A, E>(
  f: (input: I) => Effect.Effect<A, E, AgentPhone.AgentPhone>,
  options?: MutationOptions<I, A>
): Mutation<I, A, E> => {
  const store = useAgentPhoneStore()
  const [result, setResult] = React.useState<Result.Result<A, E>>(() => Result.initial())
  const current = React.useRef<Fiber.RuntimeFiber<A, E> | undefined>(undefined)
  const latest = React.useRef({ f, options })
  latest.current = { f, options }

  React.useEffect(() => () => {
    const fiber = current.current
    current.current = undefined
    if (fiber !== undefined) fiber.unsafeInterruptAsFork(FiberId.none)
  }, [store])

  const run = React.useCallback((input: I): Promise<Exit.Exit<A, E>> => {
    const previous = current.current
    if (previous !== undefined) previous.unsafeInterruptAsFork(FiberId.none)
    setResult((r) => Result.setWaiting(r, true))
    const { f, options } = latest.current
    const fiber = store.fork(f(input))
    current.current = fiber
    return new Promise((resolve) => {
      fiber.addObserver((exit) => {
        if (current.current === fiber) {
          current.current = undefined
          setResult((r) => Result.fromExit(exit, r))
          if (exit._tag === "Success" && options?.invalidates !== undefined) {
            const keys = typeof options.invalidates === "function"
              ? options.invalidates(exit.value, input)
              : options.invalidates
            for (const key of keys) store.invalidate(key)
          }
        }
        resolve(exit)
      })
    })
  }, [store])

  const reset = React.useCallback(() => setResult(Result.initial()), [])
  return React.useMemo(() => ({ result, run, reset }), [result, run, reset])
}
