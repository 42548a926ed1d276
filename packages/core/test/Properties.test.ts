/**
 * Round trips over generated values (Schema arbitraries): for every request and response model,
 * encoding a valid value and decoding the result gives the same value back.
 */
import { describe, it } from "@effect/vitest"
import { Schema } from "effect"
import * as Agents from "../src/Agents.js"
import * as AgentWebhooks from "../src/AgentWebhooks.js"
import * as Calls from "../src/Calls.js"
import * as ContactCards from "../src/ContactCards.js"
import * as Contacts from "../src/Contacts.js"
import * as Conversations from "../src/Conversations.js"
import * as Location from "../src/Location.js"
import * as Messages from "../src/Messages.js"
import * as Model from "../src/Model.js"
import * as Numbers from "../src/Numbers.js"
import * as Registration from "../src/Registration.js"
import * as SubAccounts from "../src/SubAccounts.js"
import * as Usage from "../src/Usage.js"
import * as Webhooks from "../src/Webhooks.js"

const requests: Record<string, Schema.Schema<any, any>> = {
  "Agents.CreateAgentRequest": Agents.CreateAgentRequest,
  "Agents.UpdateAgentRequest": Agents.UpdateAgentRequest,
  "Agents.ListAgentItemsRequest": Agents.ListAgentItemsRequest,
  "Numbers.CreateNumberRequest": Numbers.CreateNumberRequest,
  "Numbers.GetMessagesRequest": Numbers.GetMessagesRequest,
  "Webhooks.CreateOrUpdateWebhookRequest": Webhooks.CreateOrUpdateWebhookRequest,
  "Webhooks.ListDeliveriesRequest": Webhooks.ListDeliveriesRequest,
  "Webhooks.TestWebhookRequest": Webhooks.TestWebhookRequest,
  "AgentWebhooks.CreateOrUpdateAgentWebhookRequest": AgentWebhooks.CreateOrUpdateAgentWebhookRequest,
  "Contacts.CreateContactRequest": Contacts.CreateContactRequest,
  "Contacts.UpdateContactRequest": Contacts.UpdateContactRequest,
  "Conversations.UpdateConversationRequest": Conversations.UpdateConversationRequest,
  "Conversations.GetConversationMessagesRequest": Conversations.GetConversationMessagesRequest,
  "Conversations.SetBackgroundRequest": Conversations.SetBackgroundRequest,
  "Calls.ListCallsRequest": Calls.ListCallsRequest,
  "Calls.CreateOutboundCallRequest": Calls.CreateOutboundCallRequest,
  "Calls.CreateWebCallRequest": Calls.CreateWebCallRequest,
  "Usage.GetDailyUsageRequest": Usage.GetDailyUsageRequest,
  "Usage.GetUsageByAgentRequest": Usage.GetUsageByAgentRequest,
  "Messages.SendMessageRequest": Messages.SendMessageRequest,
  "Messages.SendReactionRequest": Messages.SendReactionRequest,
  "ContactCards.ContactCardWriteRequest": ContactCards.ContactCardWriteRequest,
  "Registration.RegistrationRequest": Registration.RegistrationRequest,
  "SubAccounts.ListSubAccountsRequest": SubAccounts.ListSubAccountsRequest,
  "SubAccounts.UpdateSubAccountRequest": SubAccounts.UpdateSubAccountRequest,
  "Location.GetLocationRequest": Location.GetLocationRequest
}

const responses: Record<string, Schema.Schema<any, any>> = {
  "Agents.AgentListResponse": Agents.AgentListResponse,
  "Agents.ListVoicesResponse": Agents.ListVoicesResponse,
  "Agents.AttachNumberResponse": Agents.AttachNumberResponse,
  "Agents.AgentConversationListResponse": Agents.AgentConversationListResponse,
  "Agents.CallListResponse": Agents.CallListResponse,
  "Numbers.PhoneNumberListResponse": Numbers.PhoneNumberListResponse,
  "Numbers.MessageListResponse": Numbers.MessageListResponse,
  "Webhooks.WebhookResponse": Webhooks.WebhookResponse,
  "Webhooks.ListDeliveriesResponse": Webhooks.ListDeliveriesResponse,
  "Webhooks.WebhookDeliveryStatsResponse": Webhooks.WebhookDeliveryStatsResponse,
  "Webhooks.AllTimeStatsResponse": Webhooks.AllTimeStatsResponse,
  "AgentWebhooks.AgentDeliveriesResponse": AgentWebhooks.AgentDeliveriesResponse,
  "Model.Acknowledgement": Model.Acknowledgement,
  "Contacts.ContactListResponse": Contacts.ContactListResponse,
  "Contacts.ContactCapabilitiesResponse": Contacts.ContactCapabilitiesResponse,
  "Conversations.ConversationListResponse": Conversations.ConversationListResponse,
  "Conversations.ConversationDetail": Conversations.ConversationDetail,
  "Conversations.MessagesListResponse": Conversations.MessagesListResponse,
  "Conversations.SendTypingResponse": Conversations.SendTypingResponse,
  "Conversations.SetBackgroundResponse": Conversations.SetBackgroundResponse,
  "Calls.ListCallsResponse": Calls.ListCallsResponse,
  "Calls.CallDetail": Calls.CallDetail,
  "Calls.WebCallResponse": Calls.WebCallResponse,
  "Calls.CallTranscriptResponse": Calls.CallTranscriptResponse,
  "Usage.UsageResponse": Usage.UsageResponse,
  "Usage.DailyUsageResponse": Usage.DailyUsageResponse,
  "Usage.MonthlyUsageResponse": Usage.MonthlyUsageResponse,
  "Usage.NumberUsageResponse": Usage.NumberUsageResponse,
  "Usage.AgentUsageResponse": Usage.AgentUsageResponse,
  "Messages.SendMessageResponse": Messages.SendMessageResponse,
  "Messages.SendReactionResponse": Messages.SendReactionResponse,
  "ContactCards.ContactCardResponse": ContactCards.ContactCardResponse,
  "Registration.CampaignStatusResponse": Registration.CampaignStatusResponse,
  "Registration.RegistrationResponse": Registration.RegistrationResponse,
  "SubAccounts.SubAccountListResponse": SubAccounts.SubAccountListResponse,
  "Location.LocationResponse": Location.LocationResponse,
  "Location.LocationRefreshResponse": Location.LocationRefreshResponse
}

const roundTrips = (schema: Schema.Schema<any, any>) => {
  const encode = Schema.encodeSync(schema)
  const decode = Schema.decodeUnknownSync(schema)
  const equivalent = Schema.equivalence(schema)
  return (value: unknown) =>
    // Values JSON cannot carry prove nothing about the wire: a generated `__proto__` key (Schema's records
    // assign keys, and the safe parser drops them on the wire anyway — see tests/reliability) or a NaN /
    // ±Infinity inside an `unknown` field.
    !jsonSafe(value) || equivalent(decode(encode(value)), value)
}

const jsonSafe = (value: unknown): boolean => {
  if (typeof value === "number") return Number.isFinite(value)
  if (typeof value !== "object" || value === null) return true
  if (Object.prototype.hasOwnProperty.call(value, "__proto__")) return false
  return Object.values(value).every(jsonSafe)
}

describe("request models round-trip", () => {
  for (const [name, schema] of Object.entries(requests)) {
    const check = roundTrips(schema)
    it.prop(name, [schema], ([value]) => check(value), { fastCheck: { numRuns: 50 } })
  }
})

describe("response models round-trip", () => {
  for (const [name, schema] of Object.entries(responses)) {
    const check = roundTrips(schema)
    it.prop(name, [schema], ([value]) => check(value), { fastCheck: { numRuns: 50 } })
  }
})
