/**
 * Registration: A2P 10DLC brand and campaign registration (required to send SMS at volume in the
 * US) and its status. Models and the endpoint table of the `registration` group
 * (`ap.registration.*`). The wire names are snake_case.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "./Endpoint.js"
import * as Model from "./Model.js"

/**
 * @example
 * ```ts
 * import * as Registration from "@agentphone-effect/core/Registration"
 *
 * // one of the values the API sends or accepts
 * const value: typeof Registration.RegistrationType.Type = "sole_proprietor"
 * ```
 *
 * @since 0.1.0
 */
export const RegistrationType = Schema.Literal("sole_proprietor", "standard_brand")

/**
 * @example
 * ```ts
 * import * as Registration from "@agentphone-effect/core/Registration"
 *
 * // one of the values the API sends or accepts
 * const value: typeof Registration.OrganizationType.Type = "sole_proprietor"
 * ```
 *
 * @since 0.1.0
 */
export const OrganizationType = Schema.Literal(
  "sole_proprietor",
  "private_corporation",
  "public_corporation",
  "llc",
  "partnership",
  "non_profit",
  "co_op",
  "government"
)

/**
 * @example
 * ```ts
 * import * as Registration from "@agentphone-effect/core/Registration"
 *
 * // one of the values the API sends or accepts
 * const value: typeof Registration.ContactTitle.Type = "ceo"
 * ```
 *
 * @since 0.1.0
 */
export const ContactTitle = Schema.Literal("ceo", "cfo", "cto", "coo", "vp", "gm", "director", "other")

/**
 * @example
 * ```ts
 * import * as Registration from "@agentphone-effect/core/Registration"
 *
 * // one of the values the API sends or accepts
 * const value: typeof Registration.UseCase.Type = "account_notification"
 * ```
 *
 * @since 0.1.0
 */
export const UseCase = Schema.Literal(
  "account_notification",
  "customer_care",
  "delivery_notification",
  "fraud_alert",
  "higher_education",
  "marketing",
  "polling_voting",
  "public_service_announcement",
  "security_alert",
  "two_factor_authentication"
)

/**
 * @example
 * ```ts
 * import * as Registration from "@agentphone-effect/core/Registration"
 *
 * // one of the values the API sends or accepts
 * const value: typeof Registration.Volume.Type = "low"
 * ```
 *
 * @since 0.1.0
 */
export const Volume = Schema.Literal("low", "high")

/**
 * @example
 * ```ts
 * import * as Registration from "@agentphone-effect/core/Registration"
 *
 * // one of the values the API sends or accepts
 * const value: typeof Registration.CampaignInclude.Type = "links"
 * ```
 *
 * @since 0.1.0
 */
export const CampaignInclude = Schema.Literal("links", "phone_numbers", "age_gated", "direct_lending")

/**
 * @example
 * ```ts
 * import * as Registration from "@agentphone-effect/core/Registration"
 *
 * // the request object of `Registration.getRegistrationStatus` (wire names, as the official SDK takes it)
 * const request: typeof Registration.GetRegistrationStatusRequest.Type = {}
 * const result = Registration.getRegistrationStatus(request)
 * ```
 *
 * @since 0.1.0
 */
export const GetRegistrationStatusRequest = Schema.Struct({
  ...Model.subAccountHeader
})

const standardBrandFields = [
  "business_name",
  "organization_type",
  "contact_title",
  "ein",
  "privacy_policy_url",
  "terms_of_service_url"
] as const

/**
 * A registration. The limits the official SDK documents are checked before sending: `description`
 * and `consent_flow` at least 40 characters, 1–5 `use_cases`, 2–5 `message_samples` of 20–1024
 * characters each, and for `standard_brand` the business fields (`business_name`,
 * `organization_type`, `contact_title`, `ein`, `privacy_policy_url`, `terms_of_service_url`).
 *
 * @example
 * ```ts
 * import * as Registration from "@agentphone-effect/core/Registration"
 *
 * // the request object of `Registration.registerA2P` (wire names, as the official SDK takes it)
 * const request: typeof Registration.RegistrationRequest.Type = { registration_type: "sole_proprietor", first_name: "Dana", last_name: "Whitfield", email: "dana@whitfieldbakery.example", phone_number: "+15125550147", street_address: "418 Congress Ave", city: "Austin", state: "TX", zip_code: "78701", description: "Whitfield Bakery is a neighborhood bakery that texts customers when their pre-ordered pastries are ready for pickup.", use_cases: ["customer_care"], message_samples: ["Whitfield Bakery: your order of 12 croissants is ready for pickup at 418 Congress Ave.", "Whitfield Bakery: thanks for your order! Reply STOP to opt out of pickup alerts."], consent_flow: "Customers tick an unchecked SMS consent box on the online pre-order form before submitting their order.", opt_in_image_url: "https://whitfieldbakery.example/static/sms-optin.png" }
 * const result = Registration.registerA2P(request)
 * ```
 *
 * @since 0.1.0
 */
export const RegistrationRequest = Schema.Struct({
  registration_type: RegistrationType,
  first_name: Schema.String,
  last_name: Schema.String,
  email: Schema.String,
  /** E.164. */
  phone_number: Schema.String,
  business_name: Model.optionalNullable(Schema.String),
  brand_name: Model.optionalNullable(Schema.String),
  organization_type: Model.optionalNullable(OrganizationType),
  contact_title: Model.optionalNullable(ContactTitle),
  contact_title_other: Model.optionalNullable(Schema.String),
  ein: Model.optionalNullable(Schema.String),
  website_url: Model.optionalNullable(Schema.String),
  industry: Model.optionalNullable(Schema.String),
  business_regions: Model.optional(Schema.Array(Schema.String)),
  street_address: Schema.String,
  street_address_2: Model.optionalNullable(Schema.String),
  city: Schema.String,
  state: Schema.String,
  zip_code: Schema.String,
  country: Model.optional(Schema.String),
  planned_numbers: Model.optional(Schema.Int),
  description: Schema.String.pipe(Schema.minLength(40)),
  use_cases: Schema.Array(UseCase).pipe(Schema.minItems(1), Schema.maxItems(5)),
  volume: Model.optional(Volume),
  message_samples: Schema.Array(Schema.String.pipe(Schema.minLength(20), Schema.maxLength(1024))).pipe(
    Schema.minItems(2),
    Schema.maxItems(5)
  ),
  consent_flow: Schema.String.pipe(Schema.minLength(40)),
  privacy_policy_url: Model.optionalNullable(Schema.String),
  terms_of_service_url: Model.optionalNullable(Schema.String),
  opt_in_image_url: Schema.String,
  includes: Model.optional(Schema.Array(CampaignInclude)),
  link_sample: Model.optionalNullable(Schema.String),
  create_sub_account: Model.optional(Schema.Boolean)
}).pipe(
  Schema.filter((r) =>
    r.registration_type !== "standard_brand"
      ? undefined
      : standardBrandFields.flatMap((key) =>
        r[key] === undefined || r[key] === null
          ? [{ path: [key], message: `is required when registration_type is "standard_brand"` }]
          : []
      )
  )
)

/**
 * @example
 * ```ts
 * import * as Registration from "@agentphone-effect/core/Registration"
 *
 * // the request of `Registration.registerA2P`, built in a typed helper
 * const register = (request: Registration.RegistrationRequest) => Registration.registerA2P(request)
 * ```
 *
 * @since 0.1.0
 */
export type RegistrationRequest = typeof RegistrationRequest.Type

/**
 * The A2P campaign status (`campaign_status`: `none`, `pending`, `approved`, …; `stage` gives
 * finer progress).
 *
 * @example
 * ```ts
 * import * as Registration from "@agentphone-effect/core/Registration"
 * import { Schema } from "effect"
 *
 * // what `Registration.getRegistrationStatus` succeeds with
 * const response = Registration.getRegistrationStatus({})
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Registration.CampaignStatusResponse)
 * ```
 *
 * @since 0.1.0
 */
export class CampaignStatusResponse extends Schema.Class<CampaignStatusResponse>("CampaignStatusResponse")({
  campaign_status: Model.openEnum("none", "pending", "approved"),
  message: Schema.String,
  stage: Model.optionalNullable(Schema.String)
}) {}

/**
 * The submitted registration (`fee_cents`: the one-time fee).
 *
 * @example
 * ```ts
 * import * as Registration from "@agentphone-effect/core/Registration"
 * import { Schema } from "effect"
 *
 * // what `Registration.registerA2P` succeeds with
 * const response = Registration.registerA2P({ registration_type: "sole_proprietor", first_name: "Dana", last_name: "Whitfield", email: "dana@whitfieldbakery.example", phone_number: "+15125550147", street_address: "418 Congress Ave", city: "Austin", state: "TX", zip_code: "78701", description: "Whitfield Bakery is a neighborhood bakery that texts customers when their pre-ordered pastries are ready for pickup.", use_cases: ["customer_care"], message_samples: ["Whitfield Bakery: your order of 12 croissants is ready for pickup at 418 Congress Ave.", "Whitfield Bakery: thanks for your order! Reply STOP to opt out of pickup alerts."], consent_flow: "Customers tick an unchecked SMS consent box on the online pre-order form before submitting their order.", opt_in_image_url: "https://whitfieldbakery.example/static/sms-optin.png" })
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Registration.RegistrationResponse)
 * ```
 *
 * @since 0.1.0
 */
export class RegistrationResponse extends Schema.Class<RegistrationResponse>("RegistrationResponse")({
  ok: Schema.Boolean,
  message: Schema.String,
  campaign_status: Model.openEnum("none", "pending", "approved"),
  sub_account_id: Model.optionalNullable(Schema.String),
  fee_cents: Model.optional(Schema.Finite)
}) {}

/**
 * `GET /v1/register/status`: the row of `ap.registration.getRegistrationStatus`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Registration from "@agentphone-effect/core/Registration"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Registration.getRegistrationStatus({})
 * ```
 *
 * @since 0.1.0
 */
export const getRegistrationStatus = Endpoint.make("GET", "/v1/register/status", {
  name: "registration.getRegistrationStatus",
  request: GetRegistrationStatusRequest,
  response: Endpoint.json(CampaignStatusResponse)
})

/**
 * `POST /v1/register`: the row of `ap.registration.registerA2P`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Registration from "@agentphone-effect/core/Registration"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Registration.registerA2P({ registration_type: "sole_proprietor", first_name: "Dana", last_name: "Whitfield", email: "dana@whitfieldbakery.example", phone_number: "+15125550147", street_address: "418 Congress Ave", city: "Austin", state: "TX", zip_code: "78701", description: "Whitfield Bakery is a neighborhood bakery that texts customers when their pre-ordered pastries are ready for pickup.", use_cases: ["customer_care"], message_samples: ["Whitfield Bakery: your order of 12 croissants is ready for pickup at 418 Congress Ave.", "Whitfield Bakery: thanks for your order! Reply STOP to opt out of pickup alerts."], consent_flow: "Customers tick an unchecked SMS consent box on the online pre-order form before submitting their order.", opt_in_image_url: "https://whitfieldbakery.example/static/sms-optin.png" })
 * ```
 *
 * @since 0.1.0
 */
export const registerA2P = Endpoint.make("POST", "/v1/register", {
  name: "registration.registerA2P",
  request: RegistrationRequest,
  response: Endpoint.json(RegistrationResponse)
})

/**
 * The `registration` group: one row per official method.
 *
 * @example
 * ```ts
 * import * as Registration from "@agentphone-effect/core/Registration"
 *
 * // every row of the group: method, path and official name
 * const routes = Object.values(Registration.endpoints).map((row) => `${row.name}: ${row.method} ${row.path}`)
 * ```
 *
 * @since 0.1.0
 */
export const endpoints = {
  getRegistrationStatus,
  registerA2P
} as const
