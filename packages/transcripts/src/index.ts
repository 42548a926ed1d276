/**
 * `@agentphone-effect/transcripts`: live AgentPhone call transcripts as a resumable Effect Stream.
 *
 * @since 0.1.0
 */

/**
 * A fast, spec-exact Server-Sent Events parser (push parser, Channel stage, Stream combinator).
 *
 * @example
 * ```ts
 * import { Sse } from "@agentphone-effect/transcripts"
 * import { Stream } from "effect"
 *
 * declare const body: Stream.Stream<Uint8Array>
 * const events = body.pipe(Sse.decode({ maxEventSize: 1024 * 1024 }))
 * ```
 *
 * @since 0.1.0
 */
export * as Sse from "./Sse.js"

/**
 * The typed failures of the transcript stream.
 *
 * @example
 * ```ts
 * import { TranscriptError, TranscriptStream } from "@agentphone-effect/transcripts"
 * import { Effect, Stream } from "effect"
 *
 * const program = TranscriptStream.stream("call_123").pipe(
 *   Stream.runDrain,
 *   Effect.catchTag("TranscriptDisconnectedError", (e: TranscriptError.TranscriptDisconnectedError) =>
 *     Effect.logWarning(e.message))
 * )
 * ```
 *
 * @since 0.1.0
 */
export * as TranscriptError from "./TranscriptError.js"

/**
 * The transcript event union (`Turn`, `StoredTurn`, `Connected`, `Ended`, `Unknown`) and its decoder.
 *
 * @example
 * ```ts
 * import { TranscriptEvent } from "@agentphone-effect/transcripts"
 *
 * const lines = TranscriptEvent.toLines(TranscriptEvent.Turn.make({ role: "agent", content: "Hello!" }), 0)
 * ```
 *
 * @since 0.1.0
 */
export * as TranscriptEvent from "./TranscriptEvent.js"

/**
 * The resumable transcript stream of a call, and the convenience collectors.
 *
 * @example
 * ```ts
 * import { TranscriptStream } from "@agentphone-effect/transcripts"
 * import { Effect, Stream } from "effect"
 *
 * const live = TranscriptStream.turns("call_123").pipe(Stream.runForEach((turn) => Effect.log(turn)))
 * ```
 *
 * @since 0.1.0
 */
export * as TranscriptStream from "./TranscriptStream.js"
