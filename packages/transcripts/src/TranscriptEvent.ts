/**
 * The events of a call's live transcript stream (`GET /v1/calls/{call_id}/transcript/stream`),
 * Schema-decoded into a tagged union:
 *
 * - `Turn`: a live turn `{role, content, createdAt}` (the `turn` event of the public Go client);
 * - `StoredTurn`: a stored turn `{id, transcript, confidence, response, createdAt}` (caller
 *   utterance plus the agent's reply, as `getCall().transcripts` and `getCallTranscript` return);
 * - `Connected`: the `connected` greeting (call id, status, agent, numbers, start time);
 * - `Ended`: the terminal `ended` event (status, end time, duration);
 * - `Unknown`: anything else (an event name we do not know, or a turn whose data does not decode).
 *   Never a failure, so a server that adds an event type cannot break a consumer.
 *
 * Turns arrive as named `turn` events or as unnamed (`message`) events; both shapes are accepted in
 * both.
 *
 * @since 0.1.0
 */
import * as Model from "@agentphone-effect/core/Model"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type * as Sse from "./Sse.js"

// `optional(NullOr(...))` and normalising null in code: about 4x faster to decode than
// `optionalWith(..., { nullable: true })`
const OptionalString = Schema.optional(Schema.NullOr(Schema.String))
const OptionalNumber = Schema.optional(Schema.NullOr(Schema.Number))

/**
 * A live turn: one utterance by the caller (`role: "user"`) or the agent (`role: "agent"`).
 *
 * @example
 * ```ts
 * import { TranscriptEvent } from "@agentphone-effect/transcripts"
 *
 * const turn = TranscriptEvent.Turn.make({ role: "agent", content: "Hello!", createdAt: "2026-01-01T00:00:00Z" })
 * ```
 *
 * @since 0.1.0
 */
export const Turn = Schema.TaggedStruct("Turn", {
  /** The turn's id, when the server sends one (in the data, or as the SSE `id:`). */
  id: Schema.optional(Schema.String),
  /** `"user"` (the caller) or `"agent"`; other values pass through. */
  role: Schema.String,
  /** What was said. */
  content: Schema.String,
  /** ISO-8601, when sent. */
  createdAt: Schema.optional(Schema.String)
}).annotations({ identifier: "Turn" })

/**
 * @example
 * ```ts
 * import { TranscriptEvent } from "@agentphone-effect/transcripts"
 *
 * const turn: TranscriptEvent.Turn = TranscriptEvent.Turn.make({ role: "user", content: "Hi" })
 * ```
 *
 * @since 0.1.0
 */
export interface Turn extends Schema.Schema.Type<typeof Turn> {}

/**
 * A stored turn: the caller's utterance (`transcript`) and the agent's reply (`response`).
 *
 * @example
 * ```ts
 * import { TranscriptEvent } from "@agentphone-effect/transcripts"
 *
 * const turn = TranscriptEvent.StoredTurn.make({ id: "t_1", transcript: "Hi", response: "Hello!" })
 * ```
 *
 * @since 0.1.0
 */
export const StoredTurn = Schema.TaggedStruct(
  "StoredTurn",
  {
    id: Schema.String,
    /** The caller's utterance. */
    transcript: Schema.String,
    /** Speech-recognition confidence, 0–1. */
    confidence: Schema.optional(Schema.Number),
    /** The agent's reply, when there was one. */
    response: Schema.optional(Schema.NullOr(Schema.String)),
    /** ISO-8601, when sent. */
    createdAt: Schema.optional(Schema.String)
  }
).annotations({ identifier: "StoredTurn" })

/**
 * @example
 * ```ts
 * import { TranscriptEvent } from "@agentphone-effect/transcripts"
 *
 * const turn: TranscriptEvent.StoredTurn = TranscriptEvent.StoredTurn.make({ id: "t_1", transcript: "Hi" })
 * ```
 *
 * @since 0.1.0
 */
export interface StoredTurn extends Schema.Schema.Type<typeof StoredTurn> {}

/**
 * The `connected` event: what the server knows about the call when the stream opens. Sent on
 * every (re)connection.
 *
 * @example
 * ```ts
 * import { TranscriptEvent } from "@agentphone-effect/transcripts"
 *
 * const connected = TranscriptEvent.Connected.make({ callId: "call_1", status: "in-progress" })
 * ```
 *
 * @since 0.1.0
 */
export const Connected = Schema.TaggedStruct(
  "Connected",
  {
    callId: Schema.optional(Schema.String),
    status: Schema.optional(Schema.String),
    agentId: Schema.optional(Schema.String),
    agentName: Schema.optional(Schema.String),
    direction: Schema.optional(Schema.String),
    fromNumber: Schema.optional(Schema.String),
    toNumber: Schema.optional(Schema.String),
    startedAt: Schema.optional(Schema.String)
  }
).annotations({ identifier: "Connected" })

/**
 * @example
 * ```ts
 * import { TranscriptEvent } from "@agentphone-effect/transcripts"
 *
 * const connected: TranscriptEvent.Connected = TranscriptEvent.Connected.make({ callId: "call_123" })
 * ```
 *
 * @since 0.1.0
 */
export interface Connected extends Schema.Schema.Type<typeof Connected> {}

/**
 * The terminal `ended` event: the call is over and the server closes the stream.
 *
 * @example
 * ```ts
 * import { TranscriptEvent } from "@agentphone-effect/transcripts"
 *
 * const ended = TranscriptEvent.Ended.make({ callId: "call_1", status: "completed", durationSeconds: 42 })
 * ```
 *
 * @since 0.1.0
 */
export const Ended = Schema.TaggedStruct("Ended", {
  callId: Schema.optional(Schema.String),
  status: Schema.optional(Schema.String),
  endedAt: Schema.optional(Schema.String),
  durationSeconds: Schema.optional(Schema.Number)
}).annotations({ identifier: "Ended" })

/**
 * @example
 * ```ts
 * import { TranscriptEvent } from "@agentphone-effect/transcripts"
 *
 * const ended: TranscriptEvent.Ended = TranscriptEvent.Ended.make({ status: "completed", durationSeconds: 42 })
 * ```
 *
 * @since 0.1.0
 */
export interface Ended extends Schema.Schema.Type<typeof Ended> {}

/**
 * An event this SDK does not understand: an unknown event name (`reason: "UnknownEvent"`), or a
 * turn whose data did not decode (`reason: "UndecodableTurn"`, with `detail` saying why). The raw
 * SSE fields are kept.
 *
 * @example
 * ```ts
 * import { TranscriptEvent } from "@agentphone-effect/transcripts"
 *
 * const unknown = TranscriptEvent.Unknown.make({ event: "sentiment", data: "{}", reason: "UnknownEvent" })
 * ```
 *
 * @since 0.1.0
 */
export const Unknown = Schema.TaggedStruct("Unknown", {
  /** The SSE event type. */
  event: Schema.String,
  /** The SSE last event id, if any. */
  id: Schema.optional(Schema.String),
  /** The raw `data`. */
  data: Schema.String,
  reason: Schema.Literal("UnknownEvent", "UndecodableTurn"),
  /** Why decoding failed (for `UndecodableTurn`). */
  detail: Schema.optional(Schema.String)
}).annotations({ identifier: "Unknown" })

/**
 * @example
 * ```ts
 * import { TranscriptEvent } from "@agentphone-effect/transcripts"
 *
 * const unknown: TranscriptEvent.Unknown = TranscriptEvent.Unknown.make({
 *   event: "sentiment",
 *   data: "{}",
 *   reason: "UnknownEvent"
 * })
 * ```
 *
 * @since 0.1.0
 */
export interface Unknown extends Schema.Schema.Type<typeof Unknown> {}

/**
 * Every event of the transcript stream.
 *
 * @example
 * ```ts
 * import { TranscriptEvent } from "@agentphone-effect/transcripts"
 *
 * const label = (event: TranscriptEvent.TranscriptEvent): string => {
 *   switch (event._tag) {
 *     case "Turn":
 *       return `${event.role}: ${event.content}`
 *     case "StoredTurn":
 *       return `user: ${event.transcript}`
 *     case "Connected":
 *     case "Ended":
 *       return event._tag
 *     case "Unknown":
 *       return `(${event.event})`
 *   }
 * }
 * ```
 *
 * @since 0.1.0
 */
export type TranscriptEvent = Turn | StoredTurn | Connected | Ended | Unknown

/**
 * The Schema of the union (its encoded side is the tagged form, not the wire form).
 *
 * @example
 * ```ts
 * import { TranscriptEvent } from "@agentphone-effect/transcripts"
 * import { Schema } from "effect"
 *
 * const isEvent = Schema.is(TranscriptEvent.TranscriptEvent)
 * isEvent({ _tag: "Ended" }) // true
 * ```
 *
 * @since 0.1.0
 */
export const TranscriptEvent: Schema.Union<
  [typeof Turn, typeof StoredTurn, typeof Connected, typeof Ended, typeof Unknown]
> = Schema.Union(Turn, StoredTurn, Connected, Ended, Unknown)

/**
 * A turn of either shape.
 *
 * @example
 * ```ts
 * import { TranscriptEvent } from "@agentphone-effect/transcripts"
 *
 * const said = (turn: TranscriptEvent.AnyTurn): string => turn._tag === "Turn" ? turn.content : turn.transcript
 * ```
 *
 * @since 0.1.0
 */
export type AnyTurn = Turn | StoredTurn

/**
 * Whether an event is a turn (live or stored).
 *
 * @example
 * ```ts
 * import { TranscriptEvent } from "@agentphone-effect/transcripts"
 *
 * declare const events: ReadonlyArray<TranscriptEvent.TranscriptEvent>
 * const turns = events.filter(TranscriptEvent.isTurn)
 * ```
 *
 * @since 0.1.0
 */
export const isTurn = (event: TranscriptEvent): event is AnyTurn => event._tag === "Turn" || event._tag === "StoredTurn"

// ---------------------------------------------------------------------------------------------
// Wire shapes
// ---------------------------------------------------------------------------------------------

/**
 * The live turn as sent: `{role, content, createdAt}` (an `id` is kept when present).
 *
 * @example
 * ```ts
 * import { TranscriptEvent } from "@agentphone-effect/transcripts"
 * import { Schema } from "effect"
 *
 * const wire = Schema.decodeUnknownSync(TranscriptEvent.TurnWire)({ role: "agent", content: "Hello!" })
 * ```
 *
 * @since 0.1.0
 */
export const TurnWire = Schema.Struct({
  id: OptionalString,
  role: Schema.String,
  content: Schema.String,
  createdAt: OptionalString
})

/**
 * The stored turn as sent: `{id, transcript, confidence, response, createdAt}`.
 *
 * @example
 * ```ts
 * import { TranscriptEvent } from "@agentphone-effect/transcripts"
 * import { Schema } from "effect"
 *
 * const wire = Schema.decodeUnknownSync(TranscriptEvent.StoredTurnWire)({ id: "t_1", transcript: "Hi", response: null })
 * ```
 *
 * @since 0.1.0
 */
export const StoredTurnWire = Schema.Struct({
  id: Schema.String,
  transcript: Schema.String,
  confidence: OptionalNumber,
  response: Schema.optional(Schema.NullOr(Schema.String)),
  createdAt: OptionalString
})

const ConnectedWire = Schema.Struct({
  callId: OptionalString,
  status: OptionalString,
  agentId: OptionalString,
  agentName: OptionalString,
  direction: OptionalString,
  fromNumber: OptionalString,
  toNumber: OptionalString,
  startedAt: OptionalString
})

const EndedWire = Schema.Struct({
  callId: OptionalString,
  status: OptionalString,
  endedAt: OptionalString,
  durationSeconds: OptionalNumber
})

const decodeJson = Schema.decodeUnknownEither(Model.JsonText)
const decodeTurnWire = Schema.decodeUnknownEither(TurnWire)
const decodeStoredTurnWire = Schema.decodeUnknownEither(StoredTurnWire)
const decodeConnected = Schema.decodeUnknownEither(Model.parseJson(ConnectedWire))
const decodeEnded = Schema.decodeUnknownEither(Model.parseJson(EndedWire))

const storedTurn = (w: typeof StoredTurnWire.Type): StoredTurn => {
  const out: { -readonly [K in keyof StoredTurn]: StoredTurn[K] } = {
    _tag: "StoredTurn",
    id: w.id,
    transcript: w.transcript
  }
  if (w.confidence != null) out.confidence = w.confidence
  if (w.response !== undefined) out.response = w.response
  if (w.createdAt != null) out.createdAt = w.createdAt
  return out
}

/**
 * A live turn, from its wire shape.
 *
 * @example
 * ```ts
 * import { TranscriptEvent } from "@agentphone-effect/transcripts"
 *
 * const turn = TranscriptEvent.turnFromWire({ role: "agent", content: "Hello!", createdAt: null })
 * // { _tag: "Turn", role: "agent", content: "Hello!" }
 * ```
 *
 * @since 0.1.0
 */
export const turnFromWire = (w: typeof TurnWire.Type): Turn => {
  const out: { -readonly [K in keyof Turn]: Turn[K] } = { _tag: "Turn", role: w.role, content: w.content }
  if (w.id != null) out.id = w.id
  if (w.createdAt != null) out.createdAt = w.createdAt
  return out
}

/**
 * A stored turn, from its wire shape (also for `getCall().transcripts` and `getCallTranscript`).
 *
 * @example
 * ```ts
 * import { TranscriptEvent } from "@agentphone-effect/transcripts"
 * import { Schema } from "effect"
 *
 * const turn = Schema.decodeUnknownSync(TranscriptEvent.StoredTurnFromWire)({ id: "t_1", transcript: "Hi", response: null })
 * // { _tag: "StoredTurn", id: "t_1", transcript: "Hi", response: null }
 * ```
 *
 * @since 0.1.0
 */
export const StoredTurnFromWire: Schema.Schema<StoredTurn, typeof StoredTurnWire.Encoded> = Schema.transform(
  StoredTurnWire,
  Schema.typeSchema(StoredTurn),
  {
    strict: true,
    decode: (w) => storedTurn(w),
    encode: ({ _tag: _, ...fields }) => fields
  }
)

const unknown = (sse: Sse.Event, reason: Unknown["reason"], detail?: string): Unknown => {
  const out: { -readonly [K in keyof Unknown]: Unknown[K] } = {
    _tag: "Unknown",
    event: sse.event,
    data: sse.data,
    reason
  }
  if (sse.id !== undefined) out.id = sse.id
  if (detail !== undefined) out.detail = detail
  return out
}

/** A copy without the keys whose value is `undefined` or `null` (so absent stays absent). */
const defined = <A extends object>(a: A): { readonly [K in keyof A]: Exclude<A[K], null> } => {
  const out: Record<string, unknown> = {}
  for (const k in a) if (a[k] !== undefined && a[k] !== null) out[k] = a[k]
  return out as { readonly [K in keyof A]: Exclude<A[K], null> }
}

/**
 * Decode one SSE event into a `TranscriptEvent`. Never fails: what does not decode becomes
 * `Unknown`. `turn` and unnamed (`message`) events carry turns; a `connected` or `ended` event with
 * data that does not decode is still `Connected`/`Ended` (without fields), so the stream's end is
 * never missed.
 *
 * @example
 * ```ts
 * import { TranscriptEvent } from "@agentphone-effect/transcripts"
 *
 * const event = TranscriptEvent.fromSse({
 *   event: "turn",
 *   id: "3",
 *   data: "{\"role\":\"user\",\"content\":\"Hi\",\"createdAt\":\"2026-01-01T00:00:00Z\"}"
 * })
 * // Turn { id: "3", role: "user", content: "Hi", ... }
 * ```
 *
 * @since 0.1.0
 */
export const fromSse = (sse: Sse.Event): TranscriptEvent => {
  switch (sse.event) {
    case "turn":
    case "message":
    case "transcript": {
      const json = decodeJson(sse.data)
      if (Either.isLeft(json)) {
        return unknown(sse, "UndecodableTurn", Model.describeParseError(json.left))
      }
      const value = json.right
      // the stored shape has `transcript`; anything else is read as a live turn
      if (typeof value === "object" && value !== null && "transcript" in value) {
        const stored = decodeStoredTurnWire(value)
        return Either.isLeft(stored)
          ? unknown(sse, "UndecodableTurn", Model.describeParseError(stored.left))
          : storedTurn(stored.right)
      }
      const live = decodeTurnWire(value)
      return Either.isLeft(live)
        ? unknown(sse, "UndecodableTurn", Model.describeParseError(live.left))
        : turnFromWire(live.right)
    }
    case "connected": {
      const decoded = decodeConnected(sse.data)
      return { _tag: "Connected", ...(Either.isRight(decoded) ? defined(decoded.right) : {}) }
    }
    case "ended": {
      const decoded = decodeEnded(sse.data)
      return { _tag: "Ended", ...(Either.isRight(decoded) ? defined(decoded.right) : {}) }
    }
    default:
      return unknown(sse, "UnknownEvent")
  }
}

/**
 * One line of a rendered transcript: who spoke and what they said.
 *
 * @example
 * ```ts
 * import { TranscriptEvent } from "@agentphone-effect/transcripts"
 *
 * const render = (line: TranscriptEvent.Line): string => `${line.role}: ${line.text}`
 * ```
 *
 * @since 0.1.0
 */
export interface Line {
  /** A stable key for UI lists (the turn id, or its position, plus the side). */
  readonly key: string
  readonly role: string
  readonly text: string
  readonly createdAt: string | undefined
}

/**
 * The lines a turn renders as: a live turn is one line; a stored turn is the caller's line and,
 * when there was one, the agent's reply. `position` keys turns that have no id.
 *
 * @example
 * ```ts
 * import { TranscriptEvent } from "@agentphone-effect/transcripts"
 *
 * const lines = TranscriptEvent.toLines(
 *   TranscriptEvent.StoredTurn.make({ id: "t_1", transcript: "Hi", response: "Hello!" }),
 *   0
 * )
 * // [{ key: "t_1:user", role: "user", text: "Hi" }, { key: "t_1:agent", role: "agent", text: "Hello!" }]
 * ```
 *
 * @since 0.1.0
 */
export const toLines = (turn: AnyTurn, position: number): ReadonlyArray<Line> => {
  const base = turn.id ?? `#${position}`
  if (turn._tag === "Turn") {
    return [{ key: `${base}:${turn.role}`, role: turn.role, text: turn.content, createdAt: turn.createdAt }]
  }
  const user: Line = { key: `${base}:user`, role: "user", text: turn.transcript, createdAt: turn.createdAt }
  return turn.response === undefined || turn.response === null || turn.response === ""
    ? [user]
    : [user, { key: `${base}:agent`, role: "agent", text: turn.response, createdAt: turn.createdAt }]
}
