/**
 * The Schemas the sandbox validates requests with and encodes responses with. Where the client
 * (`@agentphone-effect/core`) has a model it is used as is, so the two cannot drift; the request
 * bodies of groups the client does not model yet are defined here from `models.md`.
 *
 * @since 0.1.0
 */
import { Agents, Contacts } from "@agentphone-effect/core"
import * as Schema from "effect/Schema"
import * as Http from "./Http.js"

const optional = <S extends Schema.Schema.All>(s: S) => Schema.optionalWith(s, { exact: true })
const optionalNullable = <S extends Schema.Schema.All>(s: S) => Schema.optionalWith(Schema.NullOr(s), { exact: true })
const JsonObject = Schema.Record({ key: Schema.String, value: Schema.Unknown })
const Variables = Schema.Record({ key: Schema.String, value: Schema.NullOr(Schema.String) })

// ---------------------------------------------------------------------------------------------
// Agents and contacts: the client's own models
// ---------------------------------------------------------------------------------------------

/** @since 0.1.0 */
export const CreateAgentBody = Http.bodySchema(Agents.CreateAgentRequest)
/** @since 0.1.0 */
export const UpdateAgentBody = Http.bodySchema(Agents.UpdateAgentRequest, "agent_id")
/** @since 0.1.0 */
export const AttachNumberBody = Http.bodySchema(Agents.AttachNumberRequest, "agent_id")
/** @since 0.1.0 */
export const AgentResponse = Agents.AgentResponse
/** @since 0.1.0 */
export const AgentListResponse = Agents.AgentListResponse
/** @since 0.1.0 */
export const DeleteAgentResponse = Agents.DeleteAgentResponse
/** @since 0.1.0 */
export const AttachNumberResponse = Agents.AttachNumberResponse
/** @since 0.1.0 */
export const DetachNumberResponse = Agents.DetachNumberResponse
/** @since 0.1.0 */
export const ListVoicesResponse = Agents.ListVoicesResponse
/** @since 0.1.0 */
export const AgentConversationListResponse = Agents.AgentConversationListResponse
/** @since 0.1.0 */
export const CallListResponse = Agents.CallListResponse

/** @since 0.1.0 */
export const CreateContactBody = Http.bodySchema(Contacts.CreateContactRequest)
/** @since 0.1.0 */
export const UpdateContactBody = Http.bodySchema(Contacts.UpdateContactRequest, "contact_id")
/** @since 0.1.0 */
export const ContactResponse = Contacts.ContactResponse
/** @since 0.1.0 */
export const ContactListResponse = Contacts.ContactListResponse
/** @since 0.1.0 */
export const ContactCapabilitiesResponse = Contacts.ContactCapabilitiesResponse

// ---------------------------------------------------------------------------------------------
// Other groups: request bodies per endpoints.md (§B4–§B7)
// ---------------------------------------------------------------------------------------------

/** @since 0.1.0 */
export const CreateNumberBody = Schema.Struct({
  country: optional(Schema.String),
  areaCode: optionalNullable(Schema.String),
  agentId: optionalNullable(Schema.String)
})

/** @since 0.1.0 */
export const WebhookCreateBody = Schema.Struct({
  url: Schema.String,
  contextLimit: optionalNullable(Schema.Int.pipe(Schema.between(0, 50))),
  timeout: optionalNullable(Schema.Int.pipe(Schema.between(5, 120)))
})

/** @since 0.1.0 */
export const CreateOutboundCallBody = Schema.Struct({
  agentId: Schema.String,
  toNumber: Schema.String,
  fromNumberId: optionalNullable(Schema.String),
  initialGreeting: optionalNullable(Schema.String),
  voice: optionalNullable(Schema.String),
  systemPrompt: optionalNullable(Schema.String),
  modelTier: optional(Agents.ModelTier),
  variables: optionalNullable(Variables),
  callScreeningIdentity: optionalNullable(Schema.String),
  callScreeningPurpose: optionalNullable(Schema.String)
})

/** @since 0.1.0 */
export const CreateWebCallBody = Schema.Struct({
  agentId: Schema.String,
  metadata: optionalNullable(JsonObject),
  variables: optionalNullable(Variables)
})

/** @since 0.1.0 */
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

/** @since 0.1.0 */
export const SendMessageBody = Schema.Struct({
  body: Schema.String,
  agent_id: optionalNullable(Schema.String),
  to_number: optionalNullable(Schema.String),
  recipients: optionalNullable(Schema.Array(Schema.String)),
  media_url: optionalNullable(Schema.String),
  media_urls: optionalNullable(Schema.Array(Schema.String)),
  number_id: optionalNullable(Schema.String),
  from_number: optionalNullable(Schema.String),
  send_style: optional(SendStyle),
  reply_to_message_id: optionalNullable(Schema.String)
})

/** @since 0.1.0 */
export const SendReactionBody = Schema.Struct({ reaction: Schema.String })

/** @since 0.1.0 */
export const UpdateConversationBody = Schema.Struct({
  metadata: optionalNullable(JsonObject),
  group_name: optionalNullable(Schema.String)
})

/** @since 0.1.0 */
export const SetBackgroundBody = Schema.Struct({ image_url: Schema.String })

/** @since 0.1.0 */
export const PutContactCardBody = Schema.Struct({
  firstName: optionalNullable(Schema.String),
  lastName: optionalNullable(Schema.String),
  displayName: optionalNullable(Schema.String),
  avatarUrl: optionalNullable(Schema.String)
})

/** @since 0.1.0 */
export const SubAccountBody = Schema.Struct({
  name: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(100))
})

/** @since 0.1.0 */
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

/** @since 0.1.0 */
export const RegistrationBody = Schema.Struct({
  registration_type: Schema.Literal("sole_proprietor", "standard_brand"),
  first_name: Schema.String,
  last_name: Schema.String,
  email: Schema.String,
  phone_number: Schema.String,
  business_name: optionalNullable(Schema.String),
  brand_name: optionalNullable(Schema.String),
  organization_type: optionalNullable(
    Schema.Literal(
      "sole_proprietor",
      "private_corporation",
      "public_corporation",
      "llc",
      "partnership",
      "non_profit",
      "co_op",
      "government"
    )
  ),
  contact_title: optionalNullable(Schema.Literal("ceo", "cfo", "cto", "coo", "vp", "gm", "director", "other")),
  contact_title_other: optionalNullable(Schema.String),
  ein: optionalNullable(Schema.String),
  website_url: optionalNullable(Schema.String),
  industry: optionalNullable(Schema.String),
  business_regions: optional(Schema.Array(Schema.String)),
  street_address: Schema.String,
  street_address_2: optionalNullable(Schema.String),
  city: Schema.String,
  state: Schema.String,
  zip_code: Schema.String,
  country: optional(Schema.String),
  planned_numbers: optional(Schema.Int),
  description: Schema.String.pipe(Schema.minLength(40)),
  use_cases: Schema.Array(UseCase).pipe(Schema.minItems(1), Schema.maxItems(5)),
  volume: optional(Schema.Literal("low", "high")),
  message_samples: Schema.Array(Schema.String.pipe(Schema.minLength(20), Schema.maxLength(1024))).pipe(
    Schema.minItems(2),
    Schema.maxItems(5)
  ),
  consent_flow: Schema.String.pipe(Schema.minLength(40)),
  privacy_policy_url: optionalNullable(Schema.String),
  terms_of_service_url: optionalNullable(Schema.String),
  opt_in_image_url: Schema.String,
  includes: optional(Schema.Array(Schema.Literal("links", "phone_numbers", "age_gated", "direct_lending"))),
  link_sample: optionalNullable(Schema.String),
  create_sub_account: optional(Schema.Boolean)
})

// ---------------------------------------------------------------------------------------------
// Sandbox control bodies
// ---------------------------------------------------------------------------------------------

/** @since 0.1.0 */
export const ScriptStepBody = Schema.Union(
  Schema.String,
  Schema.Struct({ caller: Schema.String, agent: optionalNullable(Schema.String) })
)

/** @since 0.1.0 */
export const InboundMessageBody = Schema.Struct({
  from: Schema.String,
  to: optional(Schema.String),
  numberId: optional(Schema.String),
  body: Schema.String,
  channel: optional(Schema.Literal("sms", "mms", "imessage")),
  mediaUrls: optional(Schema.Array(Schema.String)),
  subAccountId: optional(Schema.String)
})

/** @since 0.1.0 */
export const InboundReactionBody = Schema.Struct({
  messageId: Schema.String,
  reaction: Schema.String,
  from: optional(Schema.String),
  subAccountId: optional(Schema.String)
})

/** @since 0.1.0 */
export const InboundCallBody = Schema.Struct({
  from: Schema.String,
  to: optional(Schema.String),
  numberId: optional(Schema.String),
  agentId: optional(Schema.String),
  script: optional(Schema.Array(ScriptStepBody)),
  subAccountId: optional(Schema.String)
})

/** @since 0.1.0 */
export const AdvanceBody = Schema.Struct({
  millis: optional(Schema.Number.pipe(Schema.nonNegative())),
  duration: optional(Schema.String)
})
