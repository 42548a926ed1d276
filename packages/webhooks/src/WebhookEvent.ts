/**
 * The events AgentPhone POSTs to a webhook, as one Schema union discriminated by `_tag` (added on
 * decode from `event` and, for `agent.message`, `channel`):
 *
 * | `_tag` | wire `event` / `channel` |
 * |---|---|
 * | `Message` | `agent.message` / `sms`, `mms`, `imessage` |
 * | `VoiceMessage` | `agent.message` / `voice` (a caller's turn: answer with a `VoiceReply`) |
 * | `Reaction` | `agent.reaction` (iMessage tapbacks) |
 * | `CallEnded` | `agent.call_ended` (full transcript and analysis; fire-and-forget) |
 * | `Test` | `test`, `webhook.test` |
 * | `Unknown` | anything else: passed on with every field, never rejected |
 *
 * The test endpoints (`webhooks.testWebhook`) send a sample `agent.message`, which decodes as a
 * `Message`. Extra fields are accepted everywhere; enums stay open (a new `reactionType` decodes
 * as a plain string).
 *
 * @since 0.1.0
 */
import * as Model from "@agentphone-effect/core/Model"
import type * as Effect from "effect/Effect"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type * as SchemaAST from "effect/SchemaAST"

const optional = Model.optional
const optionalNullable = Model.optionalNullable

/** @since 0.1.0 */
export const Direction = Model.openEnum("inbound", "outbound")

/** @since 0.1.0 */
export const MessageChannel = Model.openEnum("sms", "mms", "imessage", "voice")

/**
 * A contact attached to a message (`null` when the sender is not a saved contact).
 *
 * @since 0.1.0
 */
export const Contact = Schema.Struct({
  id: Schema.String,
  name: optionalNullable(Schema.String),
  email: optionalNullable(Schema.String),
  phoneNumber: optionalNullable(Schema.String)
})

/**
 * One entry of `recentHistory` (the latest messages of the conversation, `contextLimit` long).
 *
 * @since 0.1.0
 */
export const HistoryItem = Schema.Struct({
  content: Schema.String,
  direction: Direction,
  channel: optional(MessageChannel),
  at: optional(Schema.String),
  messageId: optionalNullable(Schema.String)
})

const envelope = {
  /** ISO time the event happened. */
  timestamp: optional(Schema.String),
  /** The agent the event belongs to. */
  agentId: optionalNullable(Schema.String)
}

const conversationFields = {
  /** Free-form state you stored on the conversation, or `null`. */
  conversationState: optionalNullable(Model.JsonObject),
  /** The latest messages of the conversation (empty when absent or `contextLimit` is 0). */
  recentHistory: Schema.optionalWith(Schema.Array(HistoryItem), { nullable: true, default: () => [] })
}

/**
 * `data` of an SMS, MMS or iMessage `agent.message`.
 *
 * @since 0.1.0
 */
export const MessageData = Schema.Struct({
  messageId: optionalNullable(Schema.String),
  conversationId: optionalNullable(Schema.String),
  numberId: optionalNullable(Schema.String),
  from: Schema.String,
  to: Schema.String,
  contact: optionalNullable(Contact),
  /** The text (empty for a media-only message). */
  message: Schema.optionalWith(Schema.String, { nullable: true, default: () => "" }),
  mediaUrl: optionalNullable(Schema.String),
  mediaUrls: Schema.optionalWith(Schema.Array(Schema.String), { nullable: true, default: () => [] }),
  /** `outbound` for echoes of messages your agent sent. */
  direction: Direction,
  receivedAt: optionalNullable(Schema.String),
  replyTo: optional(Schema.Unknown),
  group: optional(Schema.Unknown),
  senderIdentifier: optionalNullable(Schema.String)
})

/**
 * `data` of a voice `agent.message`: one transcribed caller turn of a live call.
 *
 * @since 0.1.0
 */
export const VoiceMessageData = Schema.Struct({
  callId: Schema.String,
  numberId: optionalNullable(Schema.String),
  from: Schema.String,
  to: Schema.String,
  status: optionalNullable(Schema.String),
  /** What the caller said (a string here; an array in `agent.call_ended`). */
  transcript: Schema.String,
  confidence: optionalNullable(Schema.Number),
  direction: Direction
})

/**
 * One turn of a finished call's transcript.
 *
 * @since 0.1.0
 */
export const TranscriptTurn = Schema.Struct({
  role: Model.openEnum("agent", "user"),
  content: Schema.String
})

/**
 * `data` of `agent.call_ended`.
 *
 * @since 0.1.0
 */
export const CallEndedData = Schema.Struct({
  callId: Schema.String,
  numberId: optionalNullable(Schema.String),
  from: Schema.String,
  to: Schema.String,
  contact: optionalNullable(Contact),
  direction: Direction,
  status: optionalNullable(Schema.String),
  startedAt: optionalNullable(Schema.String),
  endedAt: optionalNullable(Schema.String),
  durationSeconds: optionalNullable(Schema.Number),
  disconnectionReason: optionalNullable(Schema.String),
  transcript: Schema.optionalWith(Schema.Array(TranscriptTurn), { nullable: true, default: () => [] }),
  summary: optionalNullable(Schema.String),
  userSentiment: optionalNullable(Schema.String),
  callSuccessful: optionalNullable(Schema.Boolean)
})

/** @since 0.1.0 */
export const ReactionType = Model.openEnum("love", "like", "dislike", "laugh", "emphasize", "question")

/**
 * `data` of `agent.reaction` (an iMessage tapback on a message your agent sent).
 *
 * @since 0.1.0
 */
export const ReactionData = Schema.Struct({
  conversationId: optionalNullable(Schema.String),
  numberId: optionalNullable(Schema.String),
  reactionType: ReactionType,
  fromNumber: optionalNullable(Schema.String),
  direction: Direction,
  messageId: optionalNullable(Schema.String),
  messageBody: optionalNullable(Schema.String),
  messageMediaUrl: optionalNullable(Schema.String),
  messageMediaUrls: Schema.optionalWith(Schema.Array(Schema.String), { nullable: true, default: () => [] }),
  createdAt: optionalNullable(Schema.String)
})

/**
 * An inbound (or echoed outbound) SMS, MMS or iMessage.
 *
 * @example
 * ```ts
 * import { WebhookEvent } from "@agentphone-effect/webhooks"
 *
 * const text = (e: WebhookEvent.WebhookEvent) => e._tag === "Message" ? e.data.message : undefined
 * ```
 *
 * @since 0.1.0
 */
export const Message = Schema.Struct({
  event: Schema.Literal("agent.message"),
  channel: Schema.Literal("sms", "mms", "imessage"),
  ...envelope,
  data: MessageData,
  ...conversationFields
}).pipe(Schema.attachPropertySignature("_tag", "Message"))

/** @since 0.1.0 */
export type Message = typeof Message.Type

/**
 * A caller's turn in a live call. The HTTP response is what the agent says next: answer with
 * `VoiceReply.stream` (NDJSON) or `VoiceReply.say`.
 *
 * @since 0.1.0
 */
export const VoiceMessage = Schema.Struct({
  event: Schema.Literal("agent.message"),
  channel: Schema.Literal("voice"),
  ...envelope,
  data: VoiceMessageData,
  ...conversationFields
}).pipe(Schema.attachPropertySignature("_tag", "VoiceMessage"))

/** @since 0.1.0 */
export type VoiceMessage = typeof VoiceMessage.Type

/**
 * An iMessage reaction (tapback).
 *
 * @since 0.1.0
 */
export const Reaction = Schema.Struct({
  event: Schema.Literal("agent.reaction"),
  channel: optional(Schema.String),
  ...envelope,
  data: ReactionData
}).pipe(Schema.attachPropertySignature("_tag", "Reaction"))

/** @since 0.1.0 */
export type Reaction = typeof Reaction.Type

/**
 * A finished call with its full transcript and analysis. The response body is ignored.
 *
 * @since 0.1.0
 */
export const CallEnded = Schema.Struct({
  event: Schema.Literal("agent.call_ended"),
  channel: optional(Schema.String),
  ...envelope,
  data: CallEndedData
}).pipe(Schema.attachPropertySignature("_tag", "CallEnded"))

/** @since 0.1.0 */
export type CallEnded = typeof CallEnded.Type

/**
 * The `event` names treated as test pings.
 *
 * @since 0.1.0
 */
export const testEventNames = ["test", "webhook.test"] as const

/**
 * A test ping. (The API's test endpoints send a sample `agent.message` instead, which decodes as
 * a `Message`.)
 *
 * @since 0.1.0
 */
export const Test = Schema.Struct({
  event: Schema.Literal(...testEventNames),
  channel: optional(Schema.String),
  ...envelope,
  data: optional(Schema.Unknown)
}).pipe(Schema.attachPropertySignature("_tag", "Test"))

/** @since 0.1.0 */
export type Test = typeof Test.Type

const knownMessageChannels: ReadonlySet<string> = new Set(["sms", "mms", "imessage", "voice"])
const knownEvents: ReadonlySet<string> = new Set(["agent.reaction", "agent.call_ended", ...testEventNames])

/**
 * Whether an `event`/`channel` pair belongs to one of the known members. A known event that
 * breaks its shape is a decode error, never an `Unknown`.
 *
 * @since 0.1.0
 */
export const isKnown = (event: string, channel: unknown): boolean =>
  event === "agent.message" ?
    typeof channel === "string" && knownMessageChannels.has(channel) :
    knownEvents.has(event)

/**
 * An event type this version does not know (a new event, or `agent.message` on a new channel),
 * with every field of the body kept.
 *
 * @since 0.1.0
 */
export const Unknown = Schema.Struct(
  {
    event: Schema.String,
    channel: optional(Schema.Unknown),
    data: optional(Schema.Unknown)
  },
  Schema.Record({ key: Schema.String, value: Schema.Unknown })
).pipe(
  Schema.filter((e) => !isKnown(e.event, e.channel), {
    identifier: "UnknownEvent",
    message: () => "a known event type"
  }),
  Schema.attachPropertySignature("_tag", "Unknown")
)

/** @since 0.1.0 */
export type Unknown = typeof Unknown.Type

/**
 * Every webhook event, discriminated by `_tag`.
 *
 * @example
 * ```ts
 * import { WebhookEvent } from "@agentphone-effect/webhooks"
 * import { Schema } from "effect"
 *
 * const event = Schema.decodeUnknownSync(WebhookEvent.WebhookEvent)({
 *   event: "agent.reaction",
 *   channel: "imessage",
 *   data: { reactionType: "love", direction: "inbound" }
 * })
 * event._tag // "Reaction"
 * ```
 *
 * @since 0.1.0
 */
export const WebhookEvent = Schema.Union(Message, VoiceMessage, Reaction, CallEnded, Test, Unknown)

/** @since 0.1.0 */
export type WebhookEvent = typeof WebhookEvent.Type

/**
 * The JSON text of a delivery body → a `WebhookEvent`.
 *
 * @since 0.1.0
 */
export const WebhookEventFromJson: Schema.Schema<WebhookEvent, string> = Model.parseJson(WebhookEvent)

/**
 * Decode a delivery's JSON text (already verified) into a `WebhookEvent`.
 *
 * @since 0.1.0
 */
export const decodeJson: (
  text: string,
  options?: SchemaAST.ParseOptions
) => Effect.Effect<WebhookEvent, ParseResult.ParseError> = Schema.decode(WebhookEventFromJson)
