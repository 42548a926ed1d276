/**
 * The Schemas the sandbox validates requests with and encodes responses with: the client's own
 * models (`@agentphone-effect/core`), so the sandbox and the client cannot drift apart. Only the
 * sandbox's control bodies are defined here.
 *
 * @since 0.1.0
 */
import {
  Agents,
  AgentWebhooks,
  Calls,
  ContactCards,
  Contacts,
  Conversations,
  Location,
  Messages,
  Model,
  Numbers,
  Registration,
  SubAccounts,
  Usage,
  Webhooks
} from "@agentphone-effect/core"
import * as Schema from "effect/Schema"
import * as Http from "./Http.js"

const optional = <S extends Schema.Schema.All>(s: S) => Schema.optionalWith(s, { exact: true })
const optionalNullable = <S extends Schema.Schema.All>(s: S) => Schema.optionalWith(Schema.NullOr(s), { exact: true })

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
// The other groups: the client's models
// ---------------------------------------------------------------------------------------------

/** @since 0.1.0 */
export const CreateNumberBody = Http.bodySchema(Numbers.CreateNumberRequest)
/** @since 0.1.0 */
export const PhoneNumberResponse = Numbers.PhoneNumberResponse
/** @since 0.1.0 */
export const PhoneNumberListResponse = Numbers.PhoneNumberListResponse
/** @since 0.1.0 */
export const MessageListResponse = Numbers.MessageListResponse
/** @since 0.1.0 */
export const Acknowledgement = Model.Acknowledgement

/** @since 0.1.0 */
export const WebhookCreateBody = Webhooks.WebhookCreateRequest
/** @since 0.1.0 */
export const WebhookResponse = Webhooks.WebhookResponse
/** @since 0.1.0 */
export const PaginatedDeliveriesResponse = Webhooks.PaginatedDeliveriesResponse
/** @since 0.1.0 */
export const WebhookDeliveryStatsResponse = Webhooks.WebhookDeliveryStatsResponse
/** @since 0.1.0 */
export const AllTimeStatsResponse = Webhooks.AllTimeStatsResponse
/** @since 0.1.0 */
export const AgentDeliveriesResponse = AgentWebhooks.AgentDeliveriesResponse

/** @since 0.1.0 */
export const CreateOutboundCallBody = Http.bodySchema(Calls.CreateOutboundCallRequest)
/** @since 0.1.0 */
export const CreateWebCallBody = Calls.CreateWebCallRequest
/** @since 0.1.0 */
export const Call = Calls.Call
/** @since 0.1.0 */
export const CallDetail = Calls.CallDetail
/** @since 0.1.0 */
export const ListCallsResponse = Calls.ListCallsResponse
/** @since 0.1.0 */
export const WebCallResponse = Calls.WebCallResponse
/** @since 0.1.0 */
export const CallTranscript = Calls.CallTranscript

/** @since 0.1.0 */
export const SendMessageBody = Messages.SendMessageRequest
/** @since 0.1.0 */
export const SendReactionBody = Http.bodySchema(Messages.SendReactionRequest, "message_id")
/** @since 0.1.0 */
export const SendMessageResponse = Messages.SendMessageResponse
/** @since 0.1.0 */
export const SendReactionResponse = Messages.SendReactionResponse

/** @since 0.1.0 */
export const UpdateConversationBody = Http.bodySchema(Conversations.UpdateConversationRequest, "conversation_id")
/** @since 0.1.0 */
export const SetBackgroundBody = Http.bodySchema(Conversations.SetBackgroundRequest, "conversation_id")
/** @since 0.1.0 */
export const ConversationListResponse = Conversations.ConversationListResponse
/** @since 0.1.0 */
export const ConversationDetail = Conversations.ConversationDetail
/** @since 0.1.0 */
export const MessagesListResponse = Conversations.MessagesListResponse
/** @since 0.1.0 */
export const SendTypingResponse = Conversations.SendTypingResponse
/** @since 0.1.0 */
export const SetBackgroundResponse = Conversations.SetBackgroundResponse

/** @since 0.1.0 */
export const PutContactCardBody = Http.bodySchema(ContactCards.ContactCardWriteRequest, "number_id")
/** @since 0.1.0 */
export const ContactCardResponse = ContactCards.ContactCardResponse

/** @since 0.1.0 */
export const SubAccountBody = SubAccounts.CreateSubAccountRequest
/** @since 0.1.0 */
export const SubAccount = SubAccounts.SubAccount
/** @since 0.1.0 */
export const SubAccountListResponse = SubAccounts.SubAccountListResponse

/** @since 0.1.0 */
export const RegistrationBody = Registration.RegistrationRequest
/** @since 0.1.0 */
export const CampaignStatusResponse = Registration.CampaignStatusResponse
/** @since 0.1.0 */
export const RegistrationResponse = Registration.RegistrationResponse

/** @since 0.1.0 */
export const UsageResponse = Usage.UsageResponse
/** @since 0.1.0 */
export const DailyUsageResponse = Usage.DailyUsageResponse
/** @since 0.1.0 */
export const MonthlyUsageResponse = Usage.MonthlyUsageResponse
/** @since 0.1.0 */
export const NumberUsageResponse = Usage.NumberUsageResponse
/** @since 0.1.0 */
export const AgentUsageResponse = Usage.AgentUsageResponse

/** @since 0.1.0 */
export const LocationResponse = Location.LocationResponse
/** @since 0.1.0 */
export const LocationRefreshResponse = Location.LocationRefreshResponse

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
