/**
 * Contact cards: the iMessage contact card (name, avatar) a number shows to its recipients. Models
 * and the endpoint table of the `contactCards` group (`ap.contactCards.*`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "./Endpoint.js"
import * as Model from "./Model.js"

/** @since 0.1.0 */
export const NumberIdRequest = Schema.Struct({
  number_id: Schema.String
})

/**
 * Create or replace the card; `avatarUrl` is a public image URL.
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
 * const result = ContactCards.getContactCard({ number_id:  "num_12ab" })
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
 * const result = ContactCards.putContactCard({ number_id:  "num_12ab" })
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
 * const result = ContactCards.deleteContactCard({ number_id:  "num_12ab" })
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
 * @since 0.1.0
 */
export const endpoints = {
  getContactCard,
  putContactCard,
  deleteContactCard
} as const
