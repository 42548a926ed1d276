/**
 * The typed failures of the transcript stream.
 *
 * A dropped connection, a clean close before `ended`, an idle connection (watchdog), a 5xx, a 408
 * or a transient 429 are not failures: the stream reconnects. It fails only when
 *
 * - reconnecting gave up (`TranscriptDisconnectedError`, after the configured attempts in a row),
 * - the server refused the stream for good (`UnauthorizedError`, `NotFoundError`, `ApiError`, a
 *   quota `RateLimitedError`, ... from `@agentphone-effect/core`),
 * - an event exceeded the parser's size cap (`EventTooLargeError`).
 *
 * @since 0.1.0
 */
import type { AgentPhoneError } from "@agentphone-effect/core"
import * as Schema from "effect/Schema"
import { EventTooLargeError } from "./Sse.js"

export {
  /**
   * An SSE event exceeded `maxEventSize` (re-exported from `Sse`).
   *
   * @example
   * ```ts
   * import { TranscriptError } from "@agentphone-effect/transcripts"
   *
   * const error = new TranscriptError.EventTooLargeError({ maxEventSize: 1024, size: 4096 })
   * ```
   *
   * @since 0.1.0
   */
  EventTooLargeError
}

/**
 * The stream lost its connection and every reconnection attempt allowed in a row failed.
 *
 * @example
 * ```ts
 * import { TranscriptStream } from "@agentphone-effect/transcripts"
 * import { Effect, Stream } from "effect"
 *
 * const program = TranscriptStream.stream("call_123").pipe(
 *   Stream.runDrain,
 *   Effect.catchTag("TranscriptDisconnectedError", (e) => Effect.logWarning(e.message))
 * )
 * ```
 *
 * @since 0.1.0
 */
export class TranscriptDisconnectedError
  extends Schema.TaggedError<TranscriptDisconnectedError>()("TranscriptDisconnectedError", {
    callId: Schema.String,
    /** Reconnection attempts made in a row before giving up. */
    attempts: Schema.Number,
    /** Why the last attempt failed. */
    reason: Schema.String,
    /** The last event id seen, to resume from later (`lastEventId` option). */
    lastEventId: Schema.optional(Schema.String)
  })
{
  override get message(): string {
    return `The transcript stream of call ${this.callId} disconnected and ${this.attempts} reconnection attempts ` +
      `failed (last: ${this.reason}). Check the network and the API status, or raise reconnect.maxAttempts.`
  }
}

/**
 * Every way the transcript stream can fail.
 *
 * @example
 * ```ts
 * import { TranscriptError, TranscriptStream } from "@agentphone-effect/transcripts"
 * import { Effect, Stream } from "effect"
 *
 * const describe = (error: TranscriptError.TranscriptError): string => `${error._tag}: ${error.message}`
 * const program = TranscriptStream.stream("call_123").pipe(
 *   Stream.runDrain,
 *   Effect.catchAll((error) => Effect.logError(describe(error)))
 * )
 * ```
 *
 * @since 0.1.0
 */
export type TranscriptError =
  | TranscriptDisconnectedError
  | EventTooLargeError
  | AgentPhoneError.AgentPhoneError
