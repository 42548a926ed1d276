/**
 * Conversations: message threads between a number and a participant (or an iMessage group), with
 * their messages, metadata, typing indicators and chat backgrounds. Models and the endpoint table
 * of the `conversations` group (`ap.conversations.*`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "./Endpoint.js"
import * as Model from "./Model.js"

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

/**
 * @example
 * ```ts
 * import * as Conversations from "@agentphone-effect/core/Conversations"
 *
 * // the request object of `Conversations.listConversations` (wire names, as the official SDK takes it)
 * const request: typeof Conversations.ListConversationsRequest.Type = {}
 * const result = Conversations.listConversations(request)
 * ```
 *
 * @since 0.1.0
 */
export const ListConversationsRequest = Schema.Struct({
  ...Model.subAccountHeader,
  offset: Model.optional(Schema.Int)
})

/**
 * @example
 * ```ts
 * import * as Conversations from "@agentphone-effect/core/Conversations"
 *
 * // the request object of `Conversations.getConversation` (wire names, as the official SDK takes it)
 * const request: typeof Conversations.GetConversationRequest.Type = { conversation_id: "conv_55d1" }
 * const result = Conversations.getConversation(request)
 * ```
 *
 * @since 0.1.0
 */
export const GetConversationRequest = Schema.Struct({
  conversation_id: Schema.String,
  message_limit: Model.optional(Schema.Int)
})

/**
 * `metadata` replaces the stored object (webhooks see it as `conversationState`); `group_name`
 * renames an iMessage group. Omitted fields are left as they are.
 *
 * @example
 * ```ts
 * import * as Conversations from "@agentphone-effect/core/Conversations"
 *
 * // the request object of `Conversations.updateConversation` (wire names, as the official SDK takes it)
 * const request: typeof Conversations.UpdateConversationRequest.Type = { conversation_id: "conv_55d1" }
 * const result = Conversations.updateConversation(request)
 * ```
 *
 * @since 0.1.0
 */
export const UpdateConversationRequest = Schema.Struct({
  conversation_id: Schema.String,
  metadata: Model.optionalNullable(Model.JsonObject),
  group_name: Model.optionalNullable(Schema.String)
})

/**
 * A conversation's messages, paged by timestamp cursors (`before` / `after`, ISO date-times).
 *
 * @example
 * ```ts
 * import * as Conversations from "@agentphone-effect/core/Conversations"
 *
 * // the request object of `Conversations.getConversationMessages` (wire names, as the official SDK takes it)
 * const request: typeof Conversations.GetConversationMessagesRequest.Type = { conversation_id: "conv_55d1" }
 * const result = Conversations.getConversationMessages(request)
 * ```
 *
 * @since 0.1.0
 */
export const GetConversationMessagesRequest = Schema.Struct({
  conversation_id: Schema.String,
  limit: Model.optional(Schema.Int),
  before: Model.optionalNullable(Schema.String),
  after: Model.optionalNullable(Schema.String)
})

/**
 * @example
 * ```ts
 * import * as Conversations from "@agentphone-effect/core/Conversations"
 *
 * // the request object of `Conversations.sendTypingIndicator` (wire names, as the official SDK takes it)
 * const request: typeof Conversations.ConversationIdRequest.Type = { conversation_id: "conv_55d1" }
 * const result = Conversations.sendTypingIndicator(request)
 * ```
 *
 * @since 0.1.0
 */
export const ConversationIdRequest = Schema.Struct({
  conversation_id: Schema.String
})

/**
 * `image_url`: an HTTPS image (JPEG, PNG, GIF, WebP or HEIC, at most 10 MB).
 *
 * @example
 * ```ts
 * import * as Conversations from "@agentphone-effect/core/Conversations"
 *
 * // the request object of `Conversations.setChatBackground` (wire names, as the official SDK takes it)
 * const request: typeof Conversations.SetBackgroundRequest.Type = { conversation_id: "conv_55d1", image_url: "https://cdn.acme-outfitters.example/wallpapers/sunset.jpg" }
 * const result = Conversations.setChatBackground(request)
 * ```
 *
 * @since 0.1.0
 */
export const SetBackgroundRequest = Schema.Struct({
  conversation_id: Schema.String,
  image_url: Schema.String
})

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

/**
 * @example
 * ```ts
 * import * as Conversations from "@agentphone-effect/core/Conversations"
 * import { Schema } from "effect"
 *
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Conversations.GroupParticipant)
 * ```
 *
 * @since 0.1.0
 */
export class GroupParticipant extends Schema.Class<GroupParticipant>("GroupParticipant")({
  identifier: Schema.String,
  name: Model.optionalNullable(Schema.String)
}) {}

const conversationFields = {
  id: Schema.String,
  agentId: Model.optionalNullable(Schema.String),
  phoneNumberId: Schema.String,
  phoneNumber: Schema.String,
  participant: Schema.String,
  isGroup: Model.optional(Schema.Boolean),
  groupId: Model.optionalNullable(Schema.String),
  groupName: Model.optionalNullable(Schema.String),
  groupIconUrl: Model.optionalNullable(Schema.String),
  participants: Model.optionalNullable(Schema.Array(GroupParticipant)),
  lastMessageAt: Schema.String,
  messageCount: Schema.Finite,
  metadata: Model.optionalNullable(Model.JsonObject),
  createdAt: Schema.String
}

/**
 * A conversation as listed for the account (group fields and metadata included).
 *
 * @example
 * ```ts
 * import * as Conversations from "@agentphone-effect/core/Conversations"
 * import { Schema } from "effect"
 *
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Conversations.ConversationSummary)
 * ```
 *
 * @since 0.1.0
 */
export class ConversationSummary extends Schema.Class<ConversationSummary>("ConversationSummary")({
  ...conversationFields,
  lastMessagePreview: Schema.String
}) {}

/**
 * @example
 * ```ts
 * import * as Conversations from "@agentphone-effect/core/Conversations"
 * import { Schema } from "effect"
 *
 * // what `Conversations.listConversations` succeeds with
 * const response = Conversations.listConversations({})
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Conversations.ConversationListResponse)
 * ```
 *
 * @since 0.1.0
 */
export class ConversationListResponse extends Schema.Class<ConversationListResponse>("ConversationListResponse")({
  data: Schema.Array(ConversationSummary),
  hasMore: Schema.Boolean,
  total: Schema.Finite
}) {}

/**
 * @example
 * ```ts
 * import * as Conversations from "@agentphone-effect/core/Conversations"
 * import { Schema } from "effect"
 *
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Conversations.ReactionInConversation)
 * ```
 *
 * @since 0.1.0
 */
export class ReactionInConversation extends Schema.Class<ReactionInConversation>("ReactionInConversation")({
  id: Schema.String,
  reactionType: Schema.String,
  fromNumber: Schema.String,
  direction: Model.openEnum("inbound", "outbound"),
  createdAt: Schema.String
}) {}

/**
 * @example
 * ```ts
 * import * as Conversations from "@agentphone-effect/core/Conversations"
 * import { Schema } from "effect"
 *
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Conversations.ReplyToInConversation)
 * ```
 *
 * @since 0.1.0
 */
export class ReplyToInConversation extends Schema.Class<ReplyToInConversation>("ReplyToInConversation")({
  messageId: Schema.String,
  message: Schema.String,
  mediaUrls: Model.optional(Schema.Array(Schema.String))
}) {}

/**
 * A message inside a conversation (`senderIdentifier` names the sender in a group chat).
 *
 * @example
 * ```ts
 * import * as Conversations from "@agentphone-effect/core/Conversations"
 * import { Schema } from "effect"
 *
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Conversations.MessageInConversation)
 * ```
 *
 * @since 0.1.0
 */
export class MessageInConversation extends Schema.Class<MessageInConversation>("MessageInConversation")({
  id: Schema.String,
  body: Schema.String,
  fromNumber: Schema.String,
  toNumber: Schema.String,
  direction: Model.openEnum("inbound", "outbound"),
  senderIdentifier: Model.optionalNullable(Schema.String),
  channel: Model.optionalNullable(Model.openEnum("sms", "mms", "imessage", "voice")),
  mediaUrl: Model.optionalNullable(Schema.String),
  mediaUrls: Model.optional(Schema.Array(Schema.String)),
  receivedAt: Schema.String,
  reactions: Model.optional(Schema.Array(ReactionInConversation)),
  replyTo: Model.optionalNullable(ReplyToInConversation)
}) {}

/**
 * One conversation with its latest messages (as many as `message_limit`).
 *
 * @example
 * ```ts
 * import * as Conversations from "@agentphone-effect/core/Conversations"
 * import { Schema } from "effect"
 *
 * // what `Conversations.getConversation` succeeds with
 * const response = Conversations.getConversation({ conversation_id: "conv_55d1" })
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Conversations.ConversationDetail)
 * ```
 *
 * @since 0.1.0
 */
export class ConversationDetail extends Schema.Class<ConversationDetail>("ConversationDetail")({
  ...conversationFields,
  messages: Schema.Array(MessageInConversation)
}) {}

/**
 * A page of a conversation's messages (no `total`; `hasMore` says whether older ones exist).
 *
 * @example
 * ```ts
 * import * as Conversations from "@agentphone-effect/core/Conversations"
 * import { Schema } from "effect"
 *
 * // what `Conversations.getConversationMessages` succeeds with
 * const response = Conversations.getConversationMessages({ conversation_id: "conv_55d1" })
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Conversations.MessagesListResponse)
 * ```
 *
 * @since 0.1.0
 */
export class MessagesListResponse extends Schema.Class<MessagesListResponse>("MessagesListResponse")({
  data: Schema.Array(MessageInConversation),
  hasMore: Schema.Boolean
}) {}

/**
 * @example
 * ```ts
 * import * as Conversations from "@agentphone-effect/core/Conversations"
 * import { Schema } from "effect"
 *
 * // what `Conversations.sendTypingIndicator` succeeds with
 * const response = Conversations.sendTypingIndicator({ conversation_id: "conv_55d1" })
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Conversations.SendTypingResponse)
 * ```
 *
 * @since 0.1.0
 */
export class SendTypingResponse extends Schema.Class<SendTypingResponse>("SendTypingResponse")({
  conversationId: Schema.String,
  channel: Schema.String,
  status: Schema.String
}) {}

/**
 * @example
 * ```ts
 * import * as Conversations from "@agentphone-effect/core/Conversations"
 * import { Schema } from "effect"
 *
 * // what `Conversations.setChatBackground` succeeds with
 * const response = Conversations.setChatBackground({ conversation_id: "conv_55d1", image_url: "https://cdn.acme-outfitters.example/wallpapers/sunset.jpg" })
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Conversations.SetBackgroundResponse)
 * ```
 *
 * @since 0.1.0
 */
export class SetBackgroundResponse extends Schema.Class<SetBackgroundResponse>("SetBackgroundResponse")({
  conversationId: Schema.String,
  channel: Schema.String,
  hasBackground: Schema.Boolean,
  backgroundId: Model.optionalNullable(Schema.String),
  backgroundVersion: Model.optionalNullable(Schema.Finite),
  changed: Schema.Boolean
}) {}

// ---------------------------------------------------------------------------------------------
// Endpoints
// ---------------------------------------------------------------------------------------------

/**
 * `GET /v1/conversations`: the row of `ap.conversations.listConversations`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Conversations from "@agentphone-effect/core/Conversations"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Conversations.listConversations({})
 * // every item of every page, fetched as far as you pull
 * const items = Conversations.listConversations.stream({})
 * ```
 *
 * @since 0.1.0
 */
export const listConversations = Endpoint.make("GET", "/v1/conversations", {
  name: "conversations.listConversations",
  request: ListConversationsRequest,
  query: ["offset"],
  response: Endpoint.json(ConversationListResponse),
  paginate: Endpoint.offsetPaged((page: ConversationListResponse) => page.data)
})

/**
 * `GET /v1/conversations/{conversation_id}`: the row of `ap.conversations.getConversation`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Conversations from "@agentphone-effect/core/Conversations"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Conversations.getConversation({ conversation_id: "conv_55d1" })
 * ```
 *
 * @since 0.1.0
 */
export const getConversation = Endpoint.make("GET", "/v1/conversations/{conversation_id}", {
  name: "conversations.getConversation",
  request: GetConversationRequest,
  query: ["message_limit"],
  response: Endpoint.json(ConversationDetail)
})

/**
 * `PATCH /v1/conversations/{conversation_id}`: the row of `ap.conversations.updateConversation`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Conversations from "@agentphone-effect/core/Conversations"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Conversations.updateConversation({ conversation_id: "conv_55d1" })
 * ```
 *
 * @since 0.1.0
 */
export const updateConversation = Endpoint.make("PATCH", "/v1/conversations/{conversation_id}", {
  name: "conversations.updateConversation",
  request: UpdateConversationRequest,
  response: Endpoint.json(ConversationDetail)
})

/**
 * `GET /v1/conversations/{conversation_id}/messages`: the row of `ap.conversations.getConversationMessages`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Conversations from "@agentphone-effect/core/Conversations"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Conversations.getConversationMessages({ conversation_id: "conv_55d1" })
 * // every item of every page, fetched as far as you pull
 * const items = Conversations.getConversationMessages.stream({ conversation_id: "conv_55d1" })
 * ```
 *
 * @since 0.1.0
 */
export const getConversationMessages = Endpoint.make("GET", "/v1/conversations/{conversation_id}/messages", {
  name: "conversations.getConversationMessages",
  request: GetConversationMessagesRequest,
  query: ["limit", "before", "after"],
  response: Endpoint.json(MessagesListResponse),
  paginate: Endpoint.cursorPaged((page: MessagesListResponse) => page.data, (message) => message.receivedAt)
})

/**
 * `POST /v1/conversations/{conversation_id}/typing`: the row of `ap.conversations.sendTypingIndicator`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Conversations from "@agentphone-effect/core/Conversations"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Conversations.sendTypingIndicator({ conversation_id: "conv_55d1" })
 * ```
 *
 * @since 0.1.0
 */
export const sendTypingIndicator = Endpoint.make("POST", "/v1/conversations/{conversation_id}/typing", {
  name: "conversations.sendTypingIndicator",
  request: ConversationIdRequest,
  body: "none",
  response: Endpoint.json(SendTypingResponse)
})

/**
 * `POST /v1/conversations/{conversation_id}/background`: the row of `ap.conversations.setChatBackground`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Conversations from "@agentphone-effect/core/Conversations"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Conversations.setChatBackground({ conversation_id: "conv_55d1", image_url: "https://cdn.acme-outfitters.example/wallpapers/sunset.jpg" })
 * ```
 *
 * @since 0.1.0
 */
export const setChatBackground = Endpoint.make("POST", "/v1/conversations/{conversation_id}/background", {
  name: "conversations.setChatBackground",
  request: SetBackgroundRequest,
  response: Endpoint.json(SetBackgroundResponse)
})

/**
 * `DELETE /v1/conversations/{conversation_id}/background`: the row of `ap.conversations.removeChatBackground`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Conversations from "@agentphone-effect/core/Conversations"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Conversations.removeChatBackground({ conversation_id: "conv_55d1" })
 * ```
 *
 * @since 0.1.0
 */
export const removeChatBackground = Endpoint.make("DELETE", "/v1/conversations/{conversation_id}/background", {
  name: "conversations.removeChatBackground",
  request: ConversationIdRequest,
  response: Endpoint.empty
})

/**
 * The `conversations` group: one row per official method, plus `listConversationsStream` and
 * `getConversationMessagesStream`.
 *
 * @example
 * ```ts
 * import * as Conversations from "@agentphone-effect/core/Conversations"
 *
 * // every row of the group: method, path and official name
 * const routes = Object.values(Conversations.endpoints).map((row) => `${row.name}: ${row.method} ${row.path}`)
 * ```
 *
 * @since 0.1.0
 */
export const endpoints = {
  listConversations,
  getConversation,
  updateConversation,
  getConversationMessages,
  sendTypingIndicator,
  setChatBackground,
  removeChatBackground
} as const
