/**
 * `@agentphone-effect/react`: React hooks over the AgentPhone Effect client.
 *
 * @since 0.1.0
 */

/**
 * The result type of every hook: initial / success / failure (typed error) with a waiting flag.
 *
 * @example
 * ```ts
 * import { Result } from "@agentphone-effect/react"
 *
 * const label = (result: Result.Result<number, Error>) =>
 *   Result.match(result, { onInitial: () => "…", onSuccess: (n) => String(n), onFailure: (e) => e.message })
 * ```
 *
 * @since 0.1.0
 */
export * as Result from "./Result.js"

/**
 * The keyed store behind the hooks (keys, invalidation, the running fibers).
 *
 * @example
 * ```ts
 * import { Store, useAgentPhoneStore } from "@agentphone-effect/react"
 *
 * // Read a query's cached value outside its component.
 * const useCachedCallCount = () => Store.peek<{ readonly total: number }>(useAgentPhoneStore(), ["calls"])
 * ```
 *
 * @since 0.1.0
 */
export * as Store from "./Store.js"

/**
 * The provider and the hooks that read it.
 *
 * @example
 * ```tsx
 * import { AgentPhoneProvider } from "@agentphone-effect/react"
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { FetchHttpClient } from "@effect/platform"
 * import { Layer, Redacted } from "effect"
 *
 * const AgentPhoneLive = AgentPhone.layer({ apiKey: Redacted.make("sk_...") }).pipe(Layer.provide(FetchHttpClient.layer))
 * export const Root = ({ children }: { readonly children: React.ReactNode }) => (
 *   <AgentPhoneProvider layer={AgentPhoneLive}>{children}</AgentPhoneProvider>
 * )
 * ```
 *
 * @since 0.1.0
 */
export * from "./AgentPhoneProvider.js"

/**
 * Generic hooks: queries, streams, mutations, invalidation.
 *
 * @example
 * ```ts
 * import { useAgentPhone } from "@agentphone-effect/react"
 *
 * const useVoices = () => useAgentPhone(["voices"], (ap) => ap.agents.listVoices())
 * ```
 *
 * @since 0.1.0
 */
export * from "./Hooks.js"

/**
 * The query keys of the ready-made hooks.
 *
 * @example
 * ```ts
 * import { Keys, useInvalidate } from "@agentphone-effect/react"
 *
 * // After writing contacts some other way, refresh the hooks that show them.
 * const useContactsChanged = () => {
 *   const invalidate = useInvalidate()
 *   return () => invalidate(Keys.contacts)
 * }
 * ```
 *
 * @since 0.1.0
 */
export * from "./Keys.js"

/**
 * Hooks for the main resources (calls, conversations, contacts, agents, numbers, usage).
 *
 * @example
 * ```tsx
 * import { Result, useAgents } from "@agentphone-effect/react"
 *
 * export const AgentNames = () =>
 *   Result.match(useAgents(), {
 *     onInitial: () => <p>Loading…</p>,
 *     onSuccess: (agents) => <ul>{agents.data.map((a) => <li key={a.id}>{a.name}</li>)}</ul>,
 *     onFailure: (error) => <p role="alert">{error.message}</p>
 *   })
 * ```
 *
 * @since 0.1.0
 */
export * from "./Resources.js"

/**
 * `useTranscript`: a call's live transcript.
 *
 * @example
 * ```ts
 * import { Result, useTranscript } from "@agentphone-effect/react"
 *
 * const useLastLine = (callId: string) => {
 *   const transcript = useTranscript(callId)
 *   return Result.isSuccess(transcript) ? transcript.value.lines.at(-1)?.text : undefined
 * }
 * ```
 *
 * @since 0.1.0
 */
export * from "./Transcript.js"
