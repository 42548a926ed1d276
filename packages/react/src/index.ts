/**
 * `@agentphone-effect/react`: React hooks over the AgentPhone Effect client.
 *
 * @since 0.1.0
 */

/**
 * The result type of every hook: initial / success / failure (typed error) with a waiting flag.
 *
 * @since 0.1.0
 */
export * as Result from "./Result.js"

/**
 * The keyed store behind the hooks (keys, invalidation, the running fibers).
 *
 * @since 0.1.0
 */
export * as Store from "./Store.js"

/**
 * The provider and the hooks that read it.
 *
 * @since 0.1.0
 */
export * from "./AgentPhoneProvider.js"

/**
 * Generic hooks: queries, streams, mutations, invalidation.
 *
 * @since 0.1.0
 */
export * from "./Hooks.js"

/**
 * The query keys of the ready-made hooks.
 *
 * @since 0.1.0
 */
export * from "./Keys.js"

/**
 * Hooks for the main resources (calls, conversations, contacts, agents, numbers, usage).
 *
 * @since 0.1.0
 */
export * from "./Resources.js"

/**
 * `useTranscript`: a call's live transcript.
 *
 * @since 0.1.0
 */
export * from "./Transcript.js"
