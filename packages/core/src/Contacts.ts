/**
 * Contacts: saved people (E.164 number, name, email, notes). Models and the endpoint table of the
 * `contacts` group (`ap.contacts.*`).
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
 * import * as Contacts from "@agentphone-effect/core/Contacts"
 *
 * // the request object of `Contacts.listContacts` (wire names, as the official SDK takes it)
 * const request: typeof Contacts.ListContactsRequest.Type = {}
 * const result = Contacts.listContacts(request)
 * ```
 *
 * @since 0.1.0
 */
export const ListContactsRequest = Schema.Struct({
  ...Model.subAccountHeader,
  limit: Model.optional(Schema.Int),
  offset: Model.optional(Schema.Int)
})

/**
 * @example
 * ```ts
 * import * as Contacts from "@agentphone-effect/core/Contacts"
 *
 * // the request object of `Contacts.createContact` (wire names, as the official SDK takes it)
 * const request: typeof Contacts.CreateContactRequest.Type = { phoneNumber: "+14155550123", name: "Jordan Lee" }
 * const result = Contacts.createContact(request)
 * ```
 *
 * @since 0.1.0
 */
export const CreateContactRequest = Schema.Struct({
  phoneNumber: Schema.String,
  name: Schema.String,
  email: Model.optionalNullable(Schema.String),
  notes: Model.optionalNullable(Schema.String)
})

/**
 * @example
 * ```ts
 * import * as Contacts from "@agentphone-effect/core/Contacts"
 *
 * // the request object of `Contacts.getContactCapabilities` (wire names, as the official SDK takes it)
 * const request: typeof Contacts.ContactCapabilitiesRequest.Type = { phone_number: "+14155550123" }
 * const result = Contacts.getContactCapabilities(request)
 * ```
 *
 * @since 0.1.0
 */
export const ContactCapabilitiesRequest = Schema.Struct({
  phone_number: Schema.String
})

/**
 * @example
 * ```ts
 * import * as Contacts from "@agentphone-effect/core/Contacts"
 *
 * // the request object of `Contacts.getContact` (wire names, as the official SDK takes it)
 * const request: typeof Contacts.ContactIdRequest.Type = { contact_id: "ct_3e8f" }
 * const result = Contacts.getContact(request)
 * ```
 *
 * @since 0.1.0
 */
export const ContactIdRequest = Schema.Struct({
  contact_id: Schema.String
})

/**
 * @example
 * ```ts
 * import * as Contacts from "@agentphone-effect/core/Contacts"
 *
 * // the request object of `Contacts.updateContact` (wire names, as the official SDK takes it)
 * const request: typeof Contacts.UpdateContactRequest.Type = { contact_id: "ct_3e8f" }
 * const result = Contacts.updateContact(request)
 * ```
 *
 * @since 0.1.0
 */
export const UpdateContactRequest = Schema.Struct({
  contact_id: Schema.String,
  phoneNumber: Model.optionalNullable(Schema.String),
  name: Model.optionalNullable(Schema.String),
  email: Model.optionalNullable(Schema.String),
  notes: Model.optionalNullable(Schema.String)
})

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

/**
 * A saved contact.
 *
 * @example
 * ```ts
 * import * as Contacts from "@agentphone-effect/core/Contacts"
 * import { Schema } from "effect"
 *
 * // what `Contacts.createContact` succeeds with
 * const response = Contacts.createContact({ phoneNumber: "+14155550123", name: "Jordan Lee" })
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Contacts.ContactResponse)
 * ```
 *
 * @since 0.1.0
 */
export class ContactResponse extends Schema.Class<ContactResponse>("ContactResponse")({
  id: Schema.String,
  phoneNumber: Schema.String,
  name: Schema.String,
  email: Model.optionalNullable(Schema.String),
  notes: Model.optionalNullable(Schema.String),
  createdAt: Schema.String,
  updatedAt: Schema.String
}) {}

/**
 * @example
 * ```ts
 * import * as Contacts from "@agentphone-effect/core/Contacts"
 * import { Schema } from "effect"
 *
 * // what `Contacts.listContacts` succeeds with
 * const response = Contacts.listContacts({})
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Contacts.ContactListResponse)
 * ```
 *
 * @since 0.1.0
 */
export class ContactListResponse extends Schema.Class<ContactListResponse>("ContactListResponse")({
  data: Schema.Array(ContactResponse),
  hasMore: Schema.Boolean,
  total: Schema.Finite
}) {}

/**
 * @example
 * ```ts
 * import * as Contacts from "@agentphone-effect/core/Contacts"
 * import { Schema } from "effect"
 *
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Contacts.ContactCapabilityFlags)
 * ```
 *
 * @since 0.1.0
 */
export class ContactCapabilityFlags extends Schema.Class<ContactCapabilityFlags>("ContactCapabilityFlags")({
  imessage: Schema.Boolean,
  sms: Schema.Boolean
}) {}

/**
 * Whether a number can receive iMessage and/or SMS, checked live.
 *
 * @example
 * ```ts
 * import * as Contacts from "@agentphone-effect/core/Contacts"
 * import { Schema } from "effect"
 *
 * // what `Contacts.getContactCapabilities` succeeds with
 * const response = Contacts.getContactCapabilities({ phone_number: "+14155550123" })
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Contacts.ContactCapabilitiesResponse)
 * ```
 *
 * @since 0.1.0
 */
export class ContactCapabilitiesResponse
  extends Schema.Class<ContactCapabilitiesResponse>("ContactCapabilitiesResponse")({
    phoneNumber: Schema.String,
    capabilities: ContactCapabilityFlags,
    checkedAt: Schema.String
  })
{}

// ---------------------------------------------------------------------------------------------
// Endpoints
// ---------------------------------------------------------------------------------------------

/**
 * `GET /v1/contacts`: the row of `ap.contacts.listContacts`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Contacts from "@agentphone-effect/core/Contacts"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Contacts.listContacts({})
 * // every item of every page, fetched as far as you pull
 * const items = Contacts.listContacts.stream({})
 * ```
 *
 * @since 0.1.0
 */
export const listContacts = Endpoint.make("GET", "/v1/contacts", {
  name: "contacts.listContacts",
  request: ListContactsRequest,
  query: ["limit", "offset"],
  response: Endpoint.json(ContactListResponse),
  paginate: Endpoint.offsetPaged((page: ContactListResponse) => page.data)
})

/**
 * `POST /v1/contacts`: the row of `ap.contacts.createContact`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Contacts from "@agentphone-effect/core/Contacts"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Contacts.createContact({ phoneNumber: "+14155550123", name: "Jordan Lee" })
 * ```
 *
 * @since 0.1.0
 */
export const createContact = Endpoint.make("POST", "/v1/contacts", {
  name: "contacts.createContact",
  request: CreateContactRequest,
  response: Endpoint.json(ContactResponse)
})

/**
 * `GET /v1/contacts/capabilities`: the row of `ap.contacts.getContactCapabilities`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Contacts from "@agentphone-effect/core/Contacts"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Contacts.getContactCapabilities({ phone_number: "+14155550123" })
 * ```
 *
 * @since 0.1.0
 */
export const getContactCapabilities = Endpoint.make("GET", "/v1/contacts/capabilities", {
  name: "contacts.getContactCapabilities",
  request: ContactCapabilitiesRequest,
  query: ["phone_number"],
  response: Endpoint.json(ContactCapabilitiesResponse)
})

/**
 * `GET /v1/contacts/{contact_id}`: the row of `ap.contacts.getContact`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Contacts from "@agentphone-effect/core/Contacts"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Contacts.getContact({ contact_id: "ct_3e8f" })
 * ```
 *
 * @since 0.1.0
 */
export const getContact = Endpoint.make("GET", "/v1/contacts/{contact_id}", {
  name: "contacts.getContact",
  request: ContactIdRequest,
  response: Endpoint.json(ContactResponse)
})

/**
 * `DELETE /v1/contacts/{contact_id}`: the row of `ap.contacts.deleteContact`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Contacts from "@agentphone-effect/core/Contacts"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Contacts.deleteContact({ contact_id: "ct_3e8f" })
 * ```
 *
 * @since 0.1.0
 */
export const deleteContact = Endpoint.make("DELETE", "/v1/contacts/{contact_id}", {
  name: "contacts.deleteContact",
  request: ContactIdRequest,
  response: Endpoint.empty
})

/**
 * `PATCH /v1/contacts/{contact_id}`: the row of `ap.contacts.updateContact`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Contacts from "@agentphone-effect/core/Contacts"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Contacts.updateContact({ contact_id: "ct_3e8f" })
 * ```
 *
 * @since 0.1.0
 */
export const updateContact = Endpoint.make("PATCH", "/v1/contacts/{contact_id}", {
  name: "contacts.updateContact",
  request: UpdateContactRequest,
  response: Endpoint.json(ContactResponse)
})

/**
 * The `contacts` group: one row per official method, plus `listContactsStream`.
 *
 * @example
 * ```ts
 * import * as Contacts from "@agentphone-effect/core/Contacts"
 *
 * // every row of the group: method, path and official name
 * const routes = Object.values(Contacts.endpoints).map((row) => `${row.name}: ${row.method} ${row.path}`)
 * ```
 *
 * @since 0.1.0
 */
export const endpoints = {
  listContacts,
  createContact,
  getContactCapabilities,
  getContact,
  deleteContact,
  updateContact
} as const
