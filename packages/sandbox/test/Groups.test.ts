import { AgentPhone } from "@agentphone-effect/core"
import { Sandbox } from "@agentphone-effect/sandbox"
import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { api } from "./utils/Api.js"

// Every group through the typed client (`ap.<group>.<method>`), against one sandbox.
layer(Sandbox.layerClient({ seed: 9 }, { retry: false }), { excludeTestServices: true })("every group", (it) => {
  const agentWithNumber = Effect.gen(function*() {
    const ap = yield* AgentPhone.AgentPhone
    const agent = yield* ap.agents.createAgent({ name: "Groups" })
    const number = yield* ap.numbers.createNumber({ agentId: agent.id, areaCode: "212" })
    return { ap, agent, number }
  })

  describe("numbers", () => {
    it.effect("create → get → list → delete; 404, 422", () =>
      Effect.gen(function*() {
        const { ap, agent, number } = yield* agentWithNumber
        assert.match(number.phoneNumber, /^\+1212555\d{4}$/)
        assert.strictEqual(number.agentId, agent.id)
        assert.deepStrictEqual(yield* ap.numbers.getNumber({ number_id: number.id }), number)
        const list = yield* ap.numbers.listNumbers()
        assert.isTrue(list.data.some((n) => n.id === number.id))
        yield* ap.numbers.deleteNumber({ number_id: number.id })
        assert.strictEqual((yield* ap.numbers.getNumber({ number_id: number.id })).status, "released")
        assert.strictEqual((yield* Effect.flip(ap.numbers.getNumber({ number_id: "num_0" })))._tag, "NotFoundError")
        const bad = yield* Effect.flip(ap.numbers.createNumber({ areaCode: "12" }))
        assert.strictEqual(bad._tag, "ValidationError")
      }))
  })

  describe("messages and conversations", () => {
    it.effect("send → conversation → messages (cursor) → update → typing → background → reaction", () =>
      Effect.gen(function*() {
        const { agent, ap, number } = yield* agentWithNumber
        const sent = yield* ap.messages.sendMessage({ agent_id: agent.id, to_number: "+1 (415) 555-0101", body: "Hi" })
        assert.strictEqual(sent.from_number, number.phoneNumber)
        assert.strictEqual(sent.to_number, "+14155550101")
        const conversationId = sent.conversation_id!
        yield* Sandbox.injectMessage({ from: "+14155550101", to: number.phoneNumber, body: "Hello back" })
        const list = yield* ap.conversations.listConversations()
        assert.strictEqual(list.data[0].id, conversationId)
        assert.strictEqual(list.data[0].lastMessagePreview, "Hello back")
        const detail = yield* ap.conversations.getConversation({ conversation_id: conversationId, message_limit: 10 })
        assert.deepStrictEqual(detail.messages.map((m) => m.body), ["Hi", "Hello back"])
        const newest = yield* ap.conversations.getConversationMessages({ conversation_id: conversationId, limit: 1 })
        assert.deepStrictEqual([newest.data.map((m) => m.body), newest.hasMore], [["Hello back"], true])
        const older = yield* ap.conversations.getConversationMessages({
          conversation_id: conversationId,
          before: newest.data[0].receivedAt
        })
        assert.deepStrictEqual([older.data.map((m) => m.body), older.hasMore], [["Hi"], false])
        const updated = yield* ap.conversations.updateConversation({
          conversation_id: conversationId,
          metadata: { orderId: "A-1" }
        })
        assert.deepStrictEqual(updated.metadata, { orderId: "A-1" })
        const typing = yield* ap.conversations.sendTypingIndicator({ conversation_id: conversationId })
        assert.strictEqual(typing.conversationId, conversationId)
        const bg = yield* ap.conversations.setChatBackground({
          conversation_id: conversationId,
          image_url: "https://example.com/bg.png"
        })
        assert.isTrue(bg.changed)
        const same = yield* ap.conversations.setChatBackground({
          conversation_id: conversationId,
          image_url: "https://example.com/bg.png"
        })
        assert.isFalse(same.changed)
        yield* ap.conversations.removeChatBackground({ conversation_id: conversationId })
        const byNumber = yield* ap.numbers.getMessages({ number_id: number.id })
        assert.deepStrictEqual(byNumber.data.map((m) => m.body), ["Hello back", "Hi"])
        const badBg = yield* Effect.flip(
          ap.conversations.setChatBackground({ conversation_id: conversationId, image_url: "http://x" })
        )
        assert.strictEqual(badBg._tag, "ValidationError")
        const missing = yield* Effect.flip(ap.messages.sendMessage({ body: "nobody" }))
        assert.strictEqual(missing._tag, "ValidationError")
        const gone = yield* Effect.flip(ap.messages.sendReaction({ message_id: "msg_0", reaction: "love" }))
        assert.strictEqual(gone._tag, "NotFoundError")
        const imessage = yield* ap.messages.sendMessage({ to_number: "ada@example.com", body: "iMessage" })
        const reaction = yield* ap.messages.sendReaction({ message_id: imessage.id, reaction: "love" })
        assert.strictEqual(reaction.reaction_type, "love")
        const agentConversations = yield* ap.agents.listAgentConversations({ agent_id: agent.id })
        assert.isTrue(agentConversations.data.some((c) => c.id === conversationId))
      }))
  })

  describe("calls", () => {
    it.effect("create → get → list (filters) → end → transcript → recording; web calls; 404", () =>
      Effect.gen(function*() {
        const { agent, ap, number } = yield* agentWithNumber
        const call = yield* ap.calls.createOutboundCall({ agentId: agent.id, toNumber: "4155550102" })
        assert.deepStrictEqual([call.status, call.direction, call.toNumber], [
          "in-progress",
          "outbound",
          "+14155550102"
        ])
        assert.strictEqual((yield* ap.calls.getCall({ call_id: call.id })).id, call.id)
        const live = yield* ap.calls.listCalls({ status: "in-progress", direction: "outbound" })
        assert.isTrue(live.data.some((c) => c.id === call.id))
        const ended = yield* ap.calls.endCall({ call_id: call.id })
        assert.strictEqual(ended.status, "completed")
        const none = yield* ap.calls.listCalls({ status: "in-progress", search: "5550102" })
        assert.isFalse(none.data.some((c) => c.id === call.id))
        const transcript = yield* ap.calls.getCallTranscript({ call_id: call.id })
        assert.isArray(transcript.data)
        const wav = yield* ap.calls.getCallRecording({ call_id: call.id })
        assert.strictEqual(new TextDecoder().decode(wav.slice(0, 4)), "RIFF")
        const forNumber = yield* ap.calls.listCallsForNumber({ number_id: number.id })
        assert.deepStrictEqual(forNumber.data.map((c) => c.id), [call.id])
        const forAgent = yield* ap.agents.listAgentCalls({ agent_id: agent.id })
        assert.deepStrictEqual(forAgent.data.map((c) => c.id), [call.id])
        const web = yield* ap.calls.createWebCall({ agentId: agent.id })
        assert.isTrue(web.accessToken.length > 0)
        const missing = yield* Effect.flip(ap.calls.getCall({ call_id: "call_0" }))
        assert.strictEqual(missing._tag, "NotFoundError")
        const badAgent = yield* Effect.flip(
          ap.calls.createOutboundCall({ agentId: "agent_0", toNumber: "+14155550102" })
        )
        assert.strictEqual(badAgent._tag, "NotFoundError")
      }))
  })

  describe("webhooks", () => {
    it.effect("upsert → get → test → deliveries → stats → delete; agent webhooks", () =>
      Effect.gen(function*() {
        const { agent, ap } = yield* agentWithNumber
        assert.isTrue(Option.isNone(yield* ap.webhooks.getWebhook()))
        const created = yield* ap.webhooks.createOrUpdateWebhook({ body: { url: "http://127.0.0.1:9/nowhere" } })
        assert.deepStrictEqual([created.contextLimit, created.timeout, created.status], [10, 30, "active"])
        const got = yield* ap.webhooks.getWebhook()
        assert.strictEqual(Option.getOrThrow(got).id, created.id)
        const bad = yield* Effect.flip(ap.webhooks.createOrUpdateWebhook({ body: { url: "nope", timeout: 500 } }))
        assert.strictEqual(bad._tag, "ValidationError")
        yield* ap.webhooks.testWebhook() // the receiver is unreachable: recorded as a failed attempt
        const deliveries = yield* ap.webhooks.listDeliveries({ limit: 10 })
        assert.strictEqual("items" in deliveries ? deliveries.total : -1, 1)
        const stats = yield* ap.webhooks.deliveryStats({ hours: 24 })
        assert.strictEqual(stats.total, 1)
        yield* ap.webhooks.deleteWebhook()
        assert.isTrue(Option.isNone(yield* ap.webhooks.getWebhook()))
        assert.strictEqual((yield* Effect.flip(ap.webhooks.deleteWebhook()))._tag, "NotFoundError")

        const agentHook = yield* ap.agentWebhooks.createOrUpdateAgentWebhook({
          agent_id: agent.id,
          body: { url: "http://127.0.0.1:9/agent", contextLimit: 0 }
        })
        assert.strictEqual(agentHook.contextLimit, 0)
        assert.isTrue(Redacted.value(agentHook.secret).startsWith("whsec_"))
        const again = yield* ap.agentWebhooks.getAgentWebhook({ agent_id: agent.id })
        assert.strictEqual(Option.getOrThrow(again).id, agentHook.id)
        assert.deepStrictEqual(yield* ap.agentWebhooks.listAgentDeliveries({ agent_id: agent.id }), [])
        yield* ap.agentWebhooks.deleteAgentWebhook({ agent_id: agent.id })
        assert.isTrue(Option.isNone(yield* ap.agentWebhooks.getAgentWebhook({ agent_id: agent.id })))
      }))
  })

  describe("contact cards, usage, registration, location, sub-accounts", () => {
    it.effect("contact card put → get → delete", () =>
      Effect.gen(function*() {
        const { ap, number } = yield* agentWithNumber
        const put = yield* ap.contactCards.putContactCard({
          number_id: number.id,
          firstName: "Ava",
          avatarUrl: "https://example.com/a.png"
        })
        assert.deepStrictEqual([put.firstName, put.hasAvatar], ["Ava", true])
        assert.strictEqual((yield* ap.contactCards.getContactCard({ number_id: number.id })).firstName, "Ava")
        yield* ap.contactCards.deleteContactCard({ number_id: number.id })
        assert.strictEqual((yield* ap.contactCards.getContactCard({ number_id: number.id })).hasAvatar, false)
      }))

    it.effect("usage is computed from the state", () =>
      Effect.gen(function*() {
        const { ap } = yield* agentWithNumber
        const usage = yield* ap.usage.getUsage()
        assert.isTrue(usage.numbers.used >= 1)
        assert.strictEqual(usage.numbers.remaining, usage.numbers.limit - usage.numbers.used)
        const daily = yield* ap.usage.getDailyUsage({ days: 7 })
        assert.strictEqual(daily.data.length, 7)
        const monthly = yield* ap.usage.getMonthlyUsage({ months: 3 })
        assert.strictEqual(monthly.data.length, 3)
        const byNumber = yield* ap.usage.getUsageByNumber()
        assert.isTrue(byNumber.data.length >= 1)
        const byAgent = yield* ap.usage.getUsageByAgent({ period: "month", tz: "America/New_York" })
        assert.strictEqual(byAgent.period, "month")
        const bad = yield* Effect.flip(ap.usage.getDailyUsage({ days: 0 }))
        assert.strictEqual(bad._tag, "ValidationError")
      }))

    it.effect("registration: none → register (422 on bad input) → pending", () =>
      Effect.gen(function*() {
        const ap = yield* AgentPhone.AgentPhone
        assert.strictEqual((yield* ap.registration.getRegistrationStatus()).campaign_status, "none")
        const request = {
          registration_type: "sole_proprietor" as const,
          first_name: "Ada",
          last_name: "Lovelace",
          email: "ada@example.com",
          phone_number: "+14155550103",
          street_address: "1 Main St",
          city: "San Francisco",
          state: "CA",
          zip_code: "94105",
          description: "Appointment reminders and replies for a small dental practice.",
          use_cases: ["customer_care" as const],
          message_samples: ["Acme: your appointment is tomorrow at 3pm.", "Acme: reply YES to confirm your visit."],
          consent_flow: "Patients opt in on the intake form by ticking the SMS consent box.",
          opt_in_image_url: "https://example.com/optin.png"
        }
        // The client refuses it before sending; the sandbox answers the same body with a 422.
        const short = yield* Effect.flip(ap.registration.registerA2P({ ...request, description: "short" }))
        assert.strictEqual(short._tag, "InvalidRequestError")
        const raw = yield* api("POST", "/v1/register", { ...request, description: "short" })
        assert.deepStrictEqual([raw.status, raw.json.detail[0].loc], [422, ["body", "description"]])
        const registered = yield* ap.registration.registerA2P({ ...request, create_sub_account: false })
        assert.deepStrictEqual([registered.ok, registered.campaign_status, registered.fee_cents], [
          true,
          "pending",
          2500
        ])
        assert.strictEqual((yield* ap.registration.getRegistrationStatus()).campaign_status, "pending")
      }))

    it.effect("location and refresh", () =>
      Effect.gen(function*() {
        const ap = yield* AgentPhone.AgentPhone
        const location = yield* ap.location.getLocation({ phone_number: "+14155550123" })
        assert.deepStrictEqual([location.phoneNumber, location.status], ["+14155550123", "found"])
        const refresh = yield* ap.location.refreshLocations()
        assert.isTrue(refresh.success)
      }))

    it.effect("sub-accounts: create → list → update → delete", () =>
      Effect.gen(function*() {
        const ap = yield* AgentPhone.AgentPhone
        const sub = yield* ap.subAccounts.createSubAccount({ name: "West" })
        const list = yield* ap.subAccounts.listSubAccounts()
        assert.isTrue(list.data.some((s) => s.id === sub.id))
        const renamed = yield* ap.subAccounts.updateSubAccount({ sub_account_id: sub.id, name: "East" })
        assert.strictEqual(renamed.name, "East")
        const contact = yield* ap.contacts.createContact({ phoneNumber: "+14155550104", name: "Scoped" }).pipe(
          AgentPhone.withSubAccount(sub.id)
        )
        const rootContacts = yield* ap.contacts.listContacts()
        assert.isFalse(rootContacts.data.some((c) => c.id === contact.id))
        yield* ap.subAccounts.deleteSubAccount({ sub_account_id: sub.id })
        const gone = yield* Effect.flip(ap.subAccounts.updateSubAccount({ sub_account_id: sub.id, name: "X" }))
        assert.strictEqual(gone._tag, "NotFoundError")
        const tooLong = yield* Effect.flip(ap.subAccounts.createSubAccount({ name: "x".repeat(101) }))
        assert.strictEqual(tooLong._tag, "ValidationError")
      }))
  })
})
