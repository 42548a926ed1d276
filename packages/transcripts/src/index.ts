/**
 * `@agentphone-effect/transcripts`: live AgentPhone call transcripts as a resumable Effect Stream.
 *
 * @since 0.1.0
 */

/**
 * A fast, spec-exact Server-Sent Events parser (push parser, Channel stage, Stream combinator).
 *
 * @since 0.1.0
 */
export * as Sse from "./Sse.js"

/**
 * The typed failures of the transcript stream.
 *
 * @since 0.1.0
 */
export * as TranscriptError from "./TranscriptError.js"

/**
 * The transcript event union (`Turn`, `StoredTurn`, `Connected`, `Ended`, `Unknown`) and its decoder.
 *
 * @since 0.1.0
 */
export * as TranscriptEvent from "./TranscriptEvent.js"

/**
 * The resumable transcript stream of a call, and the convenience collectors.
 *
 * @since 0.1.0
 */
export * as TranscriptStream from "./TranscriptStream.js"
