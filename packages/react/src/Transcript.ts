/**
 * `useTranscript(callId)`: follow a call's live transcript. Turns accumulate as they arrive;
 * the result stays `waiting` until the call's `ended` event, then settles. The connection
 * (with its reconnects) is closed when the last component reading the call unmounts.
 *
 * @example
 * ```tsx
 * import { Result, useTranscript } from "@agentphone-effect/react"
 *
 * export const Transcript = (props: { readonly callId: string }) => {
 *   const transcript = useTranscript(props.callId)
 *   return Result.match(transcript, {
 *     onInitial: () => <p>Connecting…</p>,
 *     onSuccess: (t, live) => (
 *       <ol>
 *         {t.lines.map((line) => <li key={line.key}>{line.role}: {line.text}</li>)}
 *         {live ? <li>…</li> : <li>Call ended</li>}
 *       </ol>
 *     ),
 *     onFailure: (error) => <p role="alert">{error.message}</p>
 *   })
 * }
 * ```
 *
 * @since 0.1.0
 */
import type * as TranscriptError from "@agentphone-effect/transcripts/TranscriptError"
import * as TranscriptEvent from "@agentphone-effect/transcripts/TranscriptEvent"
import * as TranscriptStream from "@agentphone-effect/transcripts/TranscriptStream"
import { useStream } from "./Hooks.js"
import { Keys } from "./Keys.js"
import type * as Result from "./Result.js"

/**
 * What `useTranscript` shows: the turns so far, their rendered lines, and the call's
 * `connected` / `ended` events once seen.
 *
 * @example
 * ```tsx
 * import { type LiveTranscript, Result, useTranscript } from "@agentphone-effect/react"
 *
 * const Lines = ({ transcript }: { readonly transcript: LiveTranscript }) => (
 *   <ol>
 *     {transcript.lines.map((line) => <li key={line.key}>{line.role}: {line.text}</li>)}
 *     {transcript.ended === undefined ? null : <li>(call ended)</li>}
 *   </ol>
 * )
 * export const Transcript = ({ callId }: { readonly callId: string }) => {
 *   const live = useTranscript(callId)
 *   return Result.isSuccess(live) ? <Lines transcript={live.value} /> : <p>Connecting…</p>
 * }
 * ```
 *
 * @since 0.1.0
 */
export interface LiveTranscript {
  readonly callId: string
  readonly turns: ReadonlyArray<TranscriptEvent.AnyTurn>
  /** One line per speaker turn (stored turns render as the caller's line and the agent's reply). */
  readonly lines: ReadonlyArray<TranscriptEvent.Line>
  readonly connected: TranscriptEvent.Connected | undefined
  readonly ended: TranscriptEvent.Ended | undefined
}

/**
 * An empty transcript of a call.
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { emptyTranscript } from "@agentphone-effect/react"
 * const blank = emptyTranscript("call_1")
 * ```
 */
export const emptyTranscript = (callId: string): LiveTranscript => ({
  callId,
  turns: [],
  lines: [],
  connected: undefined,
  ended: undefined
})

/**
 * Fold one transcript event into the state (the reducer `useTranscript` uses).
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { emptyTranscript, reduceTranscript } from "@agentphone-effect/react"
 * import { TranscriptEvent } from "@agentphone-effect/transcripts"
 * const next = reduceTranscript(emptyTranscript("c1"), TranscriptEvent.Turn.make({ role: "agent", content: "Hi" }))
 * ```
 */
export const reduceTranscript = (state: LiveTranscript, event: TranscriptEvent.TranscriptEvent): LiveTranscript => {
  switch (event._tag) {
    case "Turn":
    case "StoredTurn":
      return {
        ...state,
        turns: [...state.turns, event],
        lines: [...state.lines, ...TranscriptEvent.toLines(event, state.turns.length)]
      }
    case "Connected":
      return { ...state, connected: event }
    case "Ended":
      return { ...state, ended: event }
    default:
      return state
  }
}

/**
 * Follow a call's live transcript (see the module docs). Options go to
 * `TranscriptStream.stream` (reconnects, idle timeout) and are read when the stream starts.
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { useTranscript } from "@agentphone-effect/react"
 * import { Result } from "@agentphone-effect/react"
 *
 * // The rendered lines so far, and whether the call is over.
 * const useLines = (callId: string) => {
 *   const live = useTranscript(callId)
 *   return Result.isSuccess(live) ? { lines: live.value.lines, ended: live.value.ended !== undefined } : undefined
 * }
 * ```
 */
export const useTranscript = (
  callId: string,
  options?: TranscriptStream.Options
): Result.Result<LiveTranscript, TranscriptError.TranscriptError> =>
  useStream(Keys.transcript(callId), TranscriptStream.stream(callId, options), {
    initial: emptyTranscript(callId),
    reduce: reduceTranscript
  })
