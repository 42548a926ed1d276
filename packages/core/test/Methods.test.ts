/**
 * The 67 official methods, each called with its official request type and checked against its
 * output type at compile time (`pnpm check` fails if one is missing or mistyped), then counted on a
 * real service at run time.
 */
import { FetchHttpClient } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import type { Option, Stream } from "effect"
import { Effect, Redacted } from "effect"
import * as AgentPhone from "../src/AgentPhone.js"
import type * as AgentPhoneError from "../src/AgentPhoneError.js"
import type * as Agents from "../src/Agents.js"
import type * as Calls from "../src/Calls.js"
import type * as ContactCards from "../src/ContactCards.js"
import type * as Contacts from "../src/Contacts.js"
import type * as Conversations from "../src/Conversations.js"
import type * as Location from "../src/Location.js"
import type * as Messages from "../src/Messages.js"
import type * as Model from "../src/Model.js"
import type * as Numbers from "../src/Numbers.js"
import type * as Registration from "../src/Registration.js"
import type * as SubAccounts from "../src/SubAccounts.js"
import type * as Usage from "../src/Usage.js"
import type * as Webhooks from "../src/Webhooks.js"

type E<A> = Effect.Effect<A, AgentPhoneError.AgentPhoneError>
type S<A> = Stream.Stream<A, AgentPhoneError.AgentPhoneError>

const registration: Registration.RegistrationRequest = {
  registration_type: "sole_proprietor",
  first_name: "Dana",
  last_name: "Whitfield",
  email: "dana@example.com",
  phone_number: "+15125550147",
  street_address: "418 Congress Ave",
  city: "Austin",
  state: "TX",
  zip_code: "78701",
  description: "A neighbourhood bakery texting customers when their orders are ready.",
  use_cases: ["customer_care"],
  message_samples: ["Whitfield Bakery: your order is ready.", "Whitfield Bakery: thanks! Reply STOP to opt out."],
  consent_flow: "Customers tick an unchecked SMS consent box on the pre-order form.",
  opt_in_image_url: "https://example.com/optin.png"
}

/** One entry per official method: `group.method` → a typed call. */
const methods = (ap: AgentPhone.Service) => ({
  "agents.listVoices": () => ap.agents.listVoices() satisfies E<Agents.ListVoicesResponse>,
  "agents.listAgents": () => ap.agents.listAgents({ offset: 20 }) satisfies E<Agents.AgentListResponse>,
  "agents.createAgent": () => ap.agents.createAgent({ name: "Ava" }) satisfies E<Agents.AgentResponse>,
  "agents.getAgent": () => ap.agents.getAgent({ agent_id: "a" }) satisfies E<Agents.AgentResponse>,
  "agents.deleteAgent": () => ap.agents.deleteAgent({ agent_id: "a" }) satisfies E<Agents.DeleteAgentResponse>,
  "agents.updateAgent": () => ap.agents.updateAgent({ agent_id: "a", name: null }) satisfies E<Agents.AgentResponse>,
  "agents.attachNumberToAgent": () =>
    ap.agents.attachNumberToAgent({ agent_id: "a", numberId: "n" }) satisfies E<Agents.AttachNumberResponse>,
  "agents.detachNumberFromAgent": () =>
    ap.agents.detachNumberFromAgent({ agent_id: "a", number_id: "n" }) satisfies E<
      typeof Agents.DetachNumberResponse.Type
    >,
  "agents.listAgentConversations": () =>
    ap.agents.listAgentConversations({ agent_id: "a", limit: 5 }) satisfies E<Agents.AgentConversationListResponse>,
  "agents.listAgentCalls": () => ap.agents.listAgentCalls({ agent_id: "a" }) satisfies E<Agents.CallListResponse>,
  "numbers.listNumbers": () => ap.numbers.listNumbers() satisfies E<Numbers.PhoneNumberListResponse>,
  "numbers.createNumber": () => ap.numbers.createNumber({ areaCode: "415" }) satisfies E<Numbers.PhoneNumberResponse>,
  "numbers.getNumber": () => ap.numbers.getNumber({ number_id: "n" }) satisfies E<Numbers.PhoneNumberResponse>,
  "numbers.deleteNumber": () => ap.numbers.deleteNumber({ number_id: "n" }) satisfies E<Model.Acknowledgement>,
  "numbers.getMessages": () =>
    ap.numbers.getMessages({ number_id: "n", before: "2025-06-01T00:00:00Z" }) satisfies E<
      Numbers.MessageListResponse
    >,
  "webhooks.getWebhook": () => ap.webhooks.getWebhook() satisfies E<Option.Option<Webhooks.WebhookResponse>>,
  "webhooks.createOrUpdateWebhook": () =>
    ap.webhooks.createOrUpdateWebhook({ body: { url: "https://x.example" } }) satisfies E<Webhooks.WebhookResponse>,
  "webhooks.deleteWebhook": () => ap.webhooks.deleteWebhook() satisfies E<Model.Acknowledgement>,
  "webhooks.listDeliveries": () =>
    ap.webhooks.listDeliveries({ hours: 24 }) satisfies E<Webhooks.ListDeliveriesResponse>,
  "webhooks.deliveryStats": () =>
    ap.webhooks.deliveryStats({ hours: 72 }) satisfies E<Webhooks.WebhookDeliveryStatsResponse>,
  "webhooks.allTimeStats": () => ap.webhooks.allTimeStats() satisfies E<Webhooks.AllTimeStatsResponse>,
  "webhooks.testWebhook": () => ap.webhooks.testWebhook({ agentId: "a" }) satisfies E<Model.Acknowledgement>,
  "agentWebhooks.getAgentWebhook": () =>
    ap.agentWebhooks.getAgentWebhook({ agent_id: "a" }) satisfies E<Option.Option<Webhooks.WebhookResponse>>,
  "agentWebhooks.createOrUpdateAgentWebhook": () =>
    ap.agentWebhooks.createOrUpdateAgentWebhook({ agent_id: "a", body: { url: "https://x.example" } }) satisfies E<
      Webhooks.WebhookResponse
    >,
  "agentWebhooks.deleteAgentWebhook": () =>
    ap.agentWebhooks.deleteAgentWebhook({ agent_id: "a" }) satisfies E<Model.Acknowledgement>,
  "agentWebhooks.listAgentDeliveries": () =>
    ap.agentWebhooks.listAgentDeliveries({ agent_id: "a" }) satisfies E<
      ReadonlyArray<Webhooks.WebhookDeliveryResponse>
    >,
  "agentWebhooks.testAgentWebhook": () =>
    ap.agentWebhooks.testAgentWebhook({ agent_id: "a" }) satisfies E<Model.Acknowledgement>,
  "contacts.listContacts": () => ap.contacts.listContacts() satisfies E<Contacts.ContactListResponse>,
  "contacts.createContact": () =>
    ap.contacts.createContact({ phoneNumber: "+1", name: "A" }) satisfies E<Contacts.ContactResponse>,
  "contacts.getContactCapabilities": () =>
    ap.contacts.getContactCapabilities({ phone_number: "+1" }) satisfies E<Contacts.ContactCapabilitiesResponse>,
  "contacts.getContact": () => ap.contacts.getContact({ contact_id: "c" }) satisfies E<Contacts.ContactResponse>,
  "contacts.deleteContact": () => ap.contacts.deleteContact({ contact_id: "c" }) satisfies E<void>,
  "contacts.updateContact": () =>
    ap.contacts.updateContact({ contact_id: "c", notes: null }) satisfies E<Contacts.ContactResponse>,
  "conversations.listConversations": () =>
    ap.conversations.listConversations() satisfies E<Conversations.ConversationListResponse>,
  "conversations.getConversation": () =>
    ap.conversations.getConversation({ conversation_id: "c", message_limit: 5 }) satisfies E<
      Conversations.ConversationDetail
    >,
  "conversations.updateConversation": () =>
    ap.conversations.updateConversation({ conversation_id: "c", metadata: { a: 1 } }) satisfies E<
      Conversations.ConversationDetail
    >,
  "conversations.getConversationMessages": () =>
    ap.conversations.getConversationMessages({ conversation_id: "c" }) satisfies E<
      Conversations.MessagesListResponse
    >,
  "conversations.sendTypingIndicator": () =>
    ap.conversations.sendTypingIndicator({ conversation_id: "c" }) satisfies E<Conversations.SendTypingResponse>,
  "conversations.setChatBackground": () =>
    ap.conversations.setChatBackground({ conversation_id: "c", image_url: "https://x.example/a.png" }) satisfies E<
      Conversations.SetBackgroundResponse
    >,
  "conversations.removeChatBackground": () =>
    ap.conversations.removeChatBackground({ conversation_id: "c" }) satisfies E<void>,
  "calls.listCalls": () => ap.calls.listCalls({ status: "completed" }) satisfies E<Calls.ListCallsResponse>,
  "calls.createOutboundCall": () =>
    ap.calls.createOutboundCall({ agentId: "a", toNumber: "+1" }) satisfies E<Calls.Call>,
  "calls.createWebCall": () => ap.calls.createWebCall({ agentId: "a" }) satisfies E<Calls.WebCallResponse>,
  "calls.getCall": () => ap.calls.getCall({ call_id: "c" }) satisfies E<Calls.CallDetail>,
  "calls.endCall": () => ap.calls.endCall({ call_id: "c" }) satisfies E<Calls.Call>,
  "calls.getCallRecording": () => ap.calls.getCallRecording({ call_id: "c" }) satisfies E<Uint8Array>,
  "calls.getCallTranscript": () => ap.calls.getCallTranscript({ call_id: "c" }) satisfies E<Calls.CallTranscript>,
  "calls.streamCallTranscript": () => ap.calls.streamCallTranscript({ call_id: "c" }) satisfies S<Uint8Array>,
  "calls.listCallsForNumber": () =>
    ap.calls.listCallsForNumber({ number_id: "n" }) satisfies E<Calls.ListCallsResponse>,
  "usage.getUsage": () => ap.usage.getUsage() satisfies E<Usage.UsageResponse>,
  "usage.getDailyUsage": () => ap.usage.getDailyUsage({ days: 14 }) satisfies E<Usage.DailyUsageResponse>,
  "usage.getMonthlyUsage": () => ap.usage.getMonthlyUsage({ months: 6 }) satisfies E<Usage.MonthlyUsageResponse>,
  "usage.getUsageByNumber": () => ap.usage.getUsageByNumber() satisfies E<Usage.NumberUsageResponse>,
  "usage.getUsageByAgent": () =>
    ap.usage.getUsageByAgent({ period: "month", tz: "America/New_York" }) satisfies E<Usage.AgentUsageResponse>,
  "messages.sendMessage": () =>
    ap.messages.sendMessage({ body: "hi", to_number: "+1" }) satisfies E<Messages.SendMessageResponse>,
  "messages.sendReaction": () =>
    ap.messages.sendReaction({ message_id: "m", reaction: "love" }) satisfies E<Messages.SendReactionResponse>,
  "contactCards.getContactCard": () =>
    ap.contactCards.getContactCard({ number_id: "n" }) satisfies E<ContactCards.ContactCardResponse>,
  "contactCards.putContactCard": () =>
    ap.contactCards.putContactCard({ number_id: "n", firstName: "Ava" }) satisfies E<ContactCards.ContactCardResponse>,
  "contactCards.deleteContactCard": () => ap.contactCards.deleteContactCard({ number_id: "n" }) satisfies E<void>,
  "registration.getRegistrationStatus": () =>
    ap.registration.getRegistrationStatus() satisfies E<Registration.CampaignStatusResponse>,
  "registration.registerA2P": () =>
    ap.registration.registerA2P(registration) satisfies E<Registration.RegistrationResponse>,
  "subAccounts.listSubAccounts": () =>
    ap.subAccounts.listSubAccounts({ limit: 10 }) satisfies E<SubAccounts.SubAccountListResponse>,
  "subAccounts.createSubAccount": () =>
    ap.subAccounts.createSubAccount({ name: "West" }) satisfies E<SubAccounts.SubAccount>,
  "subAccounts.deleteSubAccount": () =>
    ap.subAccounts.deleteSubAccount({ sub_account_id: "s" }) satisfies E<Model.Acknowledgement>,
  "subAccounts.updateSubAccount": () =>
    ap.subAccounts.updateSubAccount({ sub_account_id: "s", name: "East" }) satisfies E<SubAccounts.SubAccount>,
  "location.getLocation": () => ap.location.getLocation({ phone_number: "+1" }) satisfies E<Location.LocationResponse>,
  "location.refreshLocations": () => ap.location.refreshLocations() satisfies E<Location.LocationRefreshResponse>
})

/** The streaming forms: 12 paged lists and the recording download. */
const streams = (ap: AgentPhone.Service) => ({
  "agents.listAgentsStream": () => ap.agents.listAgentsStream() satisfies S<Agents.AgentResponse>,
  "agents.listAgentConversationsStream": () =>
    ap.agents.listAgentConversationsStream({ agent_id: "a" }) satisfies S<Agents.AgentConversationSummary>,
  "agents.listAgentCallsStream": () =>
    ap.agents.listAgentCallsStream({ agent_id: "a" }) satisfies S<Agents.CallSummary>,
  "numbers.listNumbersStream": () => ap.numbers.listNumbersStream() satisfies S<Numbers.PhoneNumberResponse>,
  "numbers.getMessagesStream": () =>
    ap.numbers.getMessagesStream({ number_id: "n" }) satisfies S<Numbers.MessageResponse>,
  "webhooks.listDeliveriesStream": () =>
    ap.webhooks.listDeliveriesStream() satisfies S<Webhooks.WebhookDeliveryResponse>,
  "contacts.listContactsStream": () => ap.contacts.listContactsStream() satisfies S<Contacts.ContactResponse>,
  "conversations.listConversationsStream": () =>
    ap.conversations.listConversationsStream() satisfies S<Conversations.ConversationSummary>,
  "conversations.getConversationMessagesStream": () =>
    ap.conversations.getConversationMessagesStream({ conversation_id: "c" }) satisfies S<
      Conversations.MessageInConversation
    >,
  "calls.listCallsStream": () => ap.calls.listCallsStream() satisfies S<Calls.Call>,
  "calls.listCallsForNumberStream": () => ap.calls.listCallsForNumberStream({ number_id: "n" }) satisfies S<Calls.Call>,
  "calls.getCallRecordingStream": () => ap.calls.getCallRecordingStream({ call_id: "c" }) satisfies S<Uint8Array>,
  "subAccounts.listSubAccountsStream": () => ap.subAccounts.listSubAccountsStream() satisfies S<SubAccounts.SubAccount>
})

// Requests that break their type do not compile.
export const typeErrors = (ap: AgentPhone.Service) => [
  // @ts-expect-error toNumber is required
  ap.calls.createOutboundCall({ agentId: "a" }),
  // @ts-expect-error period is one of week | month | year
  ap.usage.getUsageByAgent({ period: "day" }),
  // @ts-expect-error a method without a request takes options only
  ap.usage.getUsage({ days: 3 }),
  // @ts-expect-error no stream form for a single-object endpoint
  ap.agents.getAgentStream
]

describe("the 67 methods", () => {
  it.effect("are all on the service, plus 13 streaming forms, and nothing else", () =>
    Effect.gen(function*() {
      const ap = yield* AgentPhone.make({ apiKey: Redacted.make("k"), baseUrl: "http://127.0.0.1:9" }).pipe(
        Effect.provide(FetchHttpClient.layer)
      )
      const listed = Object.keys(methods(ap))
      const streaming = Object.keys(streams(ap))
      assert.strictEqual(listed.length, 67)
      assert.strictEqual(streaming.length, 13)
      const onService: Array<string> = []
      for (const group of Object.keys(AgentPhone.groups)) {
        const client = (ap as unknown as Record<string, Record<string, unknown>>)[group]
        for (const [name, fn] of Object.entries(client)) {
          assert.strictEqual(typeof fn, "function", `${group}.${name}`)
          onService.push(`${group}.${name}`)
        }
      }
      assert.strictEqual(Object.keys(AgentPhone.groups).length, 13)
      assert.deepStrictEqual([...onService].sort(), [...listed, ...streaming].sort())
    }))
})
