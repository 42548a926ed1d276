/**
 * Numbers: the phone numbers an account owns (provision, release, read their messages). Models and
 * the endpoint table of the `numbers` group (`ap.numbers.*`).
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
 * import * as Numbers from "@agentphone-effect/core/Numbers"
 *
 * // the request object of `Numbers.listNumbers` (wire names, as the official SDK takes it)
 * const request: typeof Numbers.ListNumbersRequest.Type = {}
 * const result = Numbers.listNumbers(request)
 * ```
 *
 * @since 0.1.0
 */
export const ListNumbersRequest = Schema.Struct({
  ...Model.subAccountHeader,
  offset: Model.optional(Schema.Int)
})

/**
 * Provision a number; every field optional (`{}` buys a US number).
 *
 * @example
 * ```ts
 * import * as Numbers from "@agentphone-effect/core/Numbers"
 *
 * // the request object of `Numbers.createNumber` (wire names, as the official SDK takes it)
 * const request: typeof Numbers.CreateNumberRequest.Type = {}
 * const result = Numbers.createNumber(request)
 * ```
 *
 * @since 0.1.0
 */
export const CreateNumberRequest = Schema.Struct({
  ...Model.subAccountHeader,
  country: Model.optional(Schema.String),
  areaCode: Model.optionalNullable(Schema.String),
  agentId: Model.optionalNullable(Schema.String)
})

/**
 * @example
 * ```ts
 * import * as Numbers from "@agentphone-effect/core/Numbers"
 *
 * // the request object of `Numbers.getNumber` (wire names, as the official SDK takes it)
 * const request: typeof Numbers.NumberIdRequest.Type = { number_id: "num_12ab" }
 * const result = Numbers.getNumber(request)
 * ```
 *
 * @since 0.1.0
 */
export const NumberIdRequest = Schema.Struct({
  number_id: Schema.String
})

/**
 * @example
 * ```ts
 * import * as Numbers from "@agentphone-effect/core/Numbers"
 *
 * // the request object of `Numbers.deleteNumber` (wire names, as the official SDK takes it)
 * const request: typeof Numbers.DeleteNumberRequest.Type = { number_id: "num_12ab" }
 * const result = Numbers.deleteNumber(request)
 * ```
 *
 * @since 0.1.0
 */
export const DeleteNumberRequest = Schema.Struct({
  number_id: Schema.String,
  ...Model.subAccountHeader
})

/**
 * Messages on one number, paged by timestamp cursors (`before` / `after`, ISO date-times).
 *
 * @example
 * ```ts
 * import * as Numbers from "@agentphone-effect/core/Numbers"
 *
 * // the request object of `Numbers.getMessages` (wire names, as the official SDK takes it)
 * const request: typeof Numbers.GetMessagesRequest.Type = { number_id: "num_12ab" }
 * const result = Numbers.getMessages(request)
 * ```
 *
 * @since 0.1.0
 */
export const GetMessagesRequest = Schema.Struct({
  number_id: Schema.String,
  limit: Model.optional(Schema.Int),
  before: Model.optionalNullable(Schema.String),
  after: Model.optionalNullable(Schema.String)
})

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

/**
 * A phone number owned by the account (`status` is e.g. `active` or `released`).
 *
 * @example
 * ```ts
 * import * as Numbers from "@agentphone-effect/core/Numbers"
 * import { Schema } from "effect"
 *
 * // what `Numbers.createNumber` succeeds with
 * const response = Numbers.createNumber({})
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Numbers.PhoneNumberResponse)
 * ```
 *
 * @since 0.1.0
 */
export class PhoneNumberResponse extends Schema.Class<PhoneNumberResponse>("PhoneNumberResponse")({
  id: Schema.String,
  phoneNumber: Schema.String,
  country: Schema.String,
  status: Model.openEnum("active", "released"),
  type: Model.optional(Schema.String),
  agentId: Model.optionalNullable(Schema.String),
  createdAt: Schema.String
}) {}

/**
 * @example
 * ```ts
 * import * as Numbers from "@agentphone-effect/core/Numbers"
 * import { Schema } from "effect"
 *
 * // what `Numbers.listNumbers` succeeds with
 * const response = Numbers.listNumbers({})
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Numbers.PhoneNumberListResponse)
 * ```
 *
 * @since 0.1.0
 */
export class PhoneNumberListResponse extends Schema.Class<PhoneNumberListResponse>("PhoneNumberListResponse")({
  data: Schema.Array(PhoneNumberResponse),
  hasMore: Schema.Boolean,
  total: Schema.Finite
}) {}

/**
 * A message on a number (the older message shape: `from_` with a trailing underscore, `to`).
 *
 * @example
 * ```ts
 * import * as Numbers from "@agentphone-effect/core/Numbers"
 * import { Schema } from "effect"
 *
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Numbers.MessageResponse)
 * ```
 *
 * @since 0.1.0
 */
export class MessageResponse extends Schema.Class<MessageResponse>("MessageResponse")({
  id: Schema.String,
  from_: Schema.String,
  to: Schema.String,
  body: Schema.String,
  direction: Model.openEnum("inbound", "outbound"),
  channel: Model.optionalNullable(Model.openEnum("sms", "mms", "imessage", "voice")),
  receivedAt: Schema.String
}) {}

/**
 * A page of a number's messages (no `total`; `hasMore` says whether older ones exist).
 *
 * @example
 * ```ts
 * import * as Numbers from "@agentphone-effect/core/Numbers"
 * import { Schema } from "effect"
 *
 * // what `Numbers.getMessages` succeeds with
 * const response = Numbers.getMessages({ number_id: "num_12ab" })
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Numbers.MessageListResponse)
 * ```
 *
 * @since 0.1.0
 */
export class MessageListResponse extends Schema.Class<MessageListResponse>("MessageListResponse")({
  data: Schema.Array(MessageResponse),
  hasMore: Schema.Boolean
}) {}

// ---------------------------------------------------------------------------------------------
// Endpoints
// ---------------------------------------------------------------------------------------------

/**
 * `GET /v1/numbers`: the row of `ap.numbers.listNumbers`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Numbers from "@agentphone-effect/core/Numbers"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Numbers.listNumbers({})
 * // every item of every page, fetched as far as you pull
 * const items = Numbers.listNumbers.stream({})
 * ```
 *
 * @since 0.1.0
 */
export const listNumbers = Endpoint.make("GET", "/v1/numbers", {
  name: "numbers.listNumbers",
  request: ListNumbersRequest,
  query: ["offset"],
  response: Endpoint.json(PhoneNumberListResponse),
  paginate: Endpoint.offsetPaged((page: PhoneNumberListResponse) => page.data)
})

/**
 * `POST /v1/numbers`: the row of `ap.numbers.createNumber`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Numbers from "@agentphone-effect/core/Numbers"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Numbers.createNumber({})
 * ```
 *
 * @since 0.1.0
 */
export const createNumber = Endpoint.make("POST", "/v1/numbers", {
  name: "numbers.createNumber",
  request: CreateNumberRequest,
  response: Endpoint.json(PhoneNumberResponse)
})

/**
 * `GET /v1/numbers/{number_id}`: the row of `ap.numbers.getNumber`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Numbers from "@agentphone-effect/core/Numbers"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Numbers.getNumber({ number_id: "num_12ab" })
 * ```
 *
 * @since 0.1.0
 */
export const getNumber = Endpoint.make("GET", "/v1/numbers/{number_id}", {
  name: "numbers.getNumber",
  request: NumberIdRequest,
  response: Endpoint.json(PhoneNumberResponse)
})

/**
 * `DELETE /v1/numbers/{number_id}`: the row of `ap.numbers.deleteNumber`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Numbers from "@agentphone-effect/core/Numbers"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Numbers.deleteNumber({ number_id: "num_12ab" })
 * ```
 *
 * @since 0.1.0
 */
export const deleteNumber = Endpoint.make("DELETE", "/v1/numbers/{number_id}", {
  name: "numbers.deleteNumber",
  request: DeleteNumberRequest,
  response: Endpoint.json(Model.Acknowledgement)
})

/**
 * `GET /v1/numbers/{number_id}/messages`: the row of `ap.numbers.getMessages`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Numbers from "@agentphone-effect/core/Numbers"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Numbers.getMessages({ number_id: "num_12ab" })
 * // every item of every page, fetched as far as you pull
 * const items = Numbers.getMessages.stream({ number_id: "num_12ab" })
 * ```
 *
 * @since 0.1.0
 */
export const getMessages = Endpoint.make("GET", "/v1/numbers/{number_id}/messages", {
  name: "numbers.getMessages",
  request: GetMessagesRequest,
  query: ["limit", "before", "after"],
  response: Endpoint.json(MessageListResponse),
  paginate: Endpoint.cursorPaged((page: MessageListResponse) => page.data, (message) => message.receivedAt)
})

/**
 * The `numbers` group: one row per official method. `listNumbers` and `getMessages` also have
 * streaming forms (`listNumbersStream`, `getMessagesStream`).
 *
 * @example
 * ```ts
 * import * as Numbers from "@agentphone-effect/core/Numbers"
 *
 * // every row of the group: method, path and official name
 * const routes = Object.values(Numbers.endpoints).map((row) => `${row.name}: ${row.method} ${row.path}`)
 * ```
 *
 * @since 0.1.0
 */
export const endpoints = {
  listNumbers,
  createNumber,
  getNumber,
  deleteNumber,
  getMessages
} as const
