/**
 * Messages: send SMS / MMS / iMessage (media, carousels, effects, inline replies, new groups) and
 * iMessage reactions. Models and the endpoint table of the `messages` group (`ap.messages.*`).
 * The wire names are snake_case.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "./Endpoint.js"
import * as Model from "./Model.js"

/**
 * The iMessage expressive effects.
 *
 * @example
 * ```ts
 * import * as Messages from "@agentphone-effect/core/Messages"
 *
 * // one of the values the API sends or accepts
 * const value: typeof Messages.SendStyle.Type = "celebration"
 * ```
 *
 * @since 0.1.0
 */
export const SendStyle = Schema.Literal(
  "celebration",
  "fireworks",
  "lasers",
  "love",
  "confetti",
  "balloons",
  "spotlight",
  "echo",
  "invisible",
  "gentle",
  "loud",
  "slam"
)

/**
 * Send a message. `body` is required (send `""` for an iMessage carousel); address it with
 * `to_number` (a phone, short code, email or group id `grp_…`) or start a new iMessage group with
 * `recipients` (two or more).
 *
 * @example
 * ```ts
 * import * as Messages from "@agentphone-effect/core/Messages"
 *
 * // the request object of `Messages.sendMessage` (wire names, as the official SDK takes it)
 * const request: typeof Messages.SendMessageRequest.Type = { body: "Your order A-10042 has shipped." }
 * const result = Messages.sendMessage(request)
 * ```
 *
 * @since 0.1.0
 */
export const SendMessageRequest = Schema.Struct({
  agent_id: Model.optionalNullable(Schema.String),
  to_number: Model.optionalNullable(Schema.String),
  recipients: Model.optionalNullable(Schema.Array(Schema.String)),
  body: Schema.String,
  media_url: Model.optionalNullable(Schema.String),
  media_urls: Model.optionalNullable(Schema.Array(Schema.String)),
  number_id: Model.optionalNullable(Schema.String),
  from_number: Model.optionalNullable(Schema.String),
  send_style: Model.optional(SendStyle),
  reply_to_message_id: Model.optionalNullable(Schema.String)
})

/**
 * A tapback (`love`, `like`, `dislike`, `laugh`, `emphasize`, `question`) or, on newer lines, an
 * emoji.
 *
 * @example
 * ```ts
 * import * as Messages from "@agentphone-effect/core/Messages"
 *
 * // the request object of `Messages.sendReaction` (wire names, as the official SDK takes it)
 * const request: typeof Messages.SendReactionRequest.Type = { message_id: "msg_0a1b", reaction: "love" }
 * const result = Messages.sendReaction(request)
 * ```
 *
 * @since 0.1.0
 */
export const SendReactionRequest = Schema.Struct({
  message_id: Schema.String,
  reaction: Schema.String
})

/**
 * The accepted message (snake_case). For a new group, `to_number` is the new group id.
 *
 * @example
 * ```ts
 * import * as Messages from "@agentphone-effect/core/Messages"
 * import { Schema } from "effect"
 *
 * // what `Messages.sendMessage` succeeds with
 * const response = Messages.sendMessage({ body: "Your order A-10042 has shipped." })
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Messages.SendMessageResponse)
 * ```
 *
 * @since 0.1.0
 */
export class SendMessageResponse extends Schema.Class<SendMessageResponse>("SendMessageResponse")({
  id: Schema.String,
  status: Model.openEnum("queued", "sent", "delivered", "failed"),
  channel: Model.openEnum("sms", "mms", "imessage"),
  from_number: Schema.String,
  to_number: Schema.String,
  conversation_id: Model.optionalNullable(Schema.String),
  media_urls: Model.optional(Schema.Array(Schema.String)),
  reply_to_message_id: Model.optionalNullable(Schema.String),
  reply_parent_unresolved: Model.optionalNullable(Schema.Boolean)
}) {}

/**
 * @example
 * ```ts
 * import * as Messages from "@agentphone-effect/core/Messages"
 * import { Schema } from "effect"
 *
 * // what `Messages.sendReaction` succeeds with
 * const response = Messages.sendReaction({ message_id: "msg_0a1b", reaction: "love" })
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Messages.SendReactionResponse)
 * ```
 *
 * @since 0.1.0
 */
export class SendReactionResponse extends Schema.Class<SendReactionResponse>("SendReactionResponse")({
  id: Schema.String,
  reaction_type: Schema.String,
  message_id: Schema.String,
  channel: Schema.String
}) {}

/**
 * `POST /v1/messages`: the row of `ap.messages.sendMessage`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Messages from "@agentphone-effect/core/Messages"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Messages.sendMessage({ body: "Your order A-10042 has shipped." })
 * ```
 *
 * @since 0.1.0
 */
export const sendMessage = Endpoint.make("POST", "/v1/messages", {
  name: "messages.sendMessage",
  request: SendMessageRequest,
  response: Endpoint.json(SendMessageResponse)
})

/**
 * `POST /v1/messages/{message_id}/reactions`: the row of `ap.messages.sendReaction`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Messages from "@agentphone-effect/core/Messages"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Messages.sendReaction({ message_id: "msg_0a1b", reaction: "love" })
 * ```
 *
 * @since 0.1.0
 */
export const sendReaction = Endpoint.make("POST", "/v1/messages/{message_id}/reactions", {
  name: "messages.sendReaction",
  request: SendReactionRequest,
  response: Endpoint.json(SendReactionResponse)
})

/**
 * The `messages` group: one row per official method.
 *
 * @example
 * ```ts
 * import * as Messages from "@agentphone-effect/core/Messages"
 *
 * // every row of the group: method, path and official name
 * const routes = Object.values(Messages.endpoints).map((row) => `${row.name}: ${row.method} ${row.path}`)
 * ```
 *
 * @since 0.1.0
 */
export const endpoints = {
  sendMessage,
  sendReaction
} as const
