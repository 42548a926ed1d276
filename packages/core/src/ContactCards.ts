/**
 * Contact cards: the iMessage contact card (name, avatar) a number shows to its recipients. Models
 * and the endpoint table of the `contactCards` group (`ap.contactCards.*`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "./Endpoint.js"
import * as Model from "./Model.js"

/**
 * @example
 * ```ts
 * import * as ContactCards from "@agentphone-effect/core/ContactCards"
 *
 * // the request object of `ContactCards.getContactCard` (wire names, as the official SDK takes it)
 * const request: typeof ContactCards.NumberIdRequest.Type = { number_id: "num_12ab" }
 * const result = ContactCards.getContactCard(request)
 * ```
 *
 * @since 0.1.0
 */
export const NumberIdRequest = Schema.Struct({
  number_id: Schema.String
})

/**
 * Create or replace the card; `avatarUrl` is a public image URL.
 *
 * @example
 * ```ts
 * import * as ContactCards from "@agentphone-effect/core/ContactCards"
 *
 * // the request object of `ContactCards.putContactCard` (wire names, as the official SDK takes it)
 * const request: typeof ContactCards.ContactCardWriteRequest.Type = { number_id: "num_12ab" }
 * const result = ContactCards.putContactCard(request)
 * ```
 *
 * @since 0.1.0
 */
export const ContactCardWriteRequest = Schema.Struct({
  number_id: Schema.String,
  firstName: Model.optionalNullable(Schema.String),
  lastName: Model.optionalNullable(Schema.String),
  displayName: Model.optionalNullable(Schema.String),
  avatarUrl: Model.optionalNullable(Schema.String)
})

/**
 * A number's contact card; every field may be absent (`hasAvatar` stands for the written
 * `avatarUrl`).
 *
 * @example
 * ```ts
 * import * as ContactCards from "@agentphone-effect/core/ContactCards"
 * import { Schema } from "effect"
 *
 * // what `ContactCards.getContactCard` succeeds with
 * const response = ContactCards.getContactCard({ number_id: "num_12ab" })
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(ContactCards.ContactCardResponse)
 * ```
 *
 * @since 0.1.0
 */
export class ContactCardResponse extends Schema.Class<ContactCardResponse>("ContactCardResponse")({
  firstName: Model.optionalNullable(Schema.String),
  lastName: Model.optionalNullable(Schema.String),
  displayName: Model.optionalNullable(Schema.String),
  hasAvatar: Model.optional(Schema.Boolean)
}) {}

/**
 * `GET /v1/numbers/{number_id}/contact-card`: the row of `ap.contactCards.getContactCard`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as ContactCards from "@agentphone-effect/core/ContactCards"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = ContactCards.getContactCard({ number_id: "num_12ab" })
 * ```
 *
 * @since 0.1.0
 */
export const getContactCard = Endpoint.make("GET", "/v1/numbers/{number_id}/contact-card", {
  name: "contactCards.getContactCard",
  request: NumberIdRequest,
  response: Endpoint.json(ContactCardResponse)
})

/**
 * `PUT /v1/numbers/{number_id}/contact-card`: the row of `ap.contactCards.putContactCard`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as ContactCards from "@agentphone-effect/core/ContactCards"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = ContactCards.putContactCard({ number_id: "num_12ab" })
 * ```
 *
 * @since 0.1.0
 */
export const putContactCard = Endpoint.make("PUT", "/v1/numbers/{number_id}/contact-card", {
  name: "contactCards.putContactCard",
  request: ContactCardWriteRequest,
  response: Endpoint.json(ContactCardResponse)
})

/**
 * `DELETE /v1/numbers/{number_id}/contact-card`: the row of `ap.contactCards.deleteContactCard`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as ContactCards from "@agentphone-effect/core/ContactCards"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = ContactCards.deleteContactCard({ number_id: "num_12ab" })
 * ```
 *
 * @since 0.1.0
 */
export const deleteContactCard = Endpoint.make("DELETE", "/v1/numbers/{number_id}/contact-card", {
  name: "contactCards.deleteContactCard",
  request: NumberIdRequest,
  response: Endpoint.empty
})

/**
 * The `contactCards` group: one row per official method.
 *
 * @example
 * ```ts
 * import * as ContactCards from "@agentphone-effect/core/ContactCards"
 *
 * // every row of the group: method, path and official name
 * const routes = Object.values(ContactCards.endpoints).map((row) => `${row.name}: ${row.method} ${row.path}`)
 * ```
 *
 * @since 0.1.0
 */
export const endpoints = {
  getContactCard,
  putContactCard,
  deleteContactCard
} as const
