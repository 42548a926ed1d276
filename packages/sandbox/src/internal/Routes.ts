/**
 * The sandbox's HTTP application: the 67 endpoints of the AgentPhone API under `/v1/...`, the
 * control surface under `/sandbox/...`, bearer auth (the recording download is public), fault
 * injection, and errors in the API's shapes.
 *
 * @since 0.1.0
 */
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import * as ApiFailure from "../ApiFailure.js"
import * as Faults from "../Faults.js"
import * as Phone from "../Phone.js"
import { toIso } from "../SimClock.js"
import * as Simulation from "../Simulation.js"
import * as Store from "../Store.js"
import { e164, type Engine, resolveNumber } from "./Engine.js"
import * as Http from "./Http.js"
import * as Render from "./Render.js"
import * as Wire from "./Wire.js"

// ---------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------

const agentDefaults: Record<string, unknown> = {
  description: null,
  voiceMode: "webhook",
  enableMessaging: true,
  modelTier: "balanced",
  systemPrompt: null,
  beginMessage: null,
  voice: "11labs-Rachel",
  transferNumber: null,
  customTools: null,
  voicemailMessage: null,
  callScreeningIdentity: null,
  callScreeningPurpose: null,
  sttMode: "fast",
  ambientSound: "none",
  denoisingMode: "noise-cancellation",
  maxSilenceMs: 600000,
  voiceSpeed: 1,
  interruptionSensitivity: 0.8,
  enableBackchannel: true,
  language: "en-US"
}

const nonNullable = new Set([
  "voiceMode",
  "enableMessaging",
  "modelTier",
  "voice",
  "sttMode",
  "ambientSound",
  "denoisingMode",
  "maxSilenceMs",
  "voiceSpeed",
  "interruptionSensitivity",
  "enableBackchannel",
  "language"
])

const voices = [
  { voice_id: "11labs-Rachel", voice_name: "Rachel", provider: "elevenlabs", gender: "female", accent: "american" },
  { voice_id: "11labs-Adrian", voice_name: "Adrian", provider: "elevenlabs", gender: "male", accent: "american" },
  { voice_id: "11labs-Amy", voice_name: "Amy", provider: "elevenlabs", gender: "female", accent: "british" },
  { voice_id: "openai-Alloy", voice_name: "Alloy", provider: "openai", gender: "neutral", accent: "american" }
].map((v) => ({ ...v, preview_audio_url: `https://sandbox.agentphone.invalid/voices/${v.voice_id}.mp3` }))

const capabilitiesOf = (phoneNumber: string) => ({ imessage: Phone.hash(phoneNumber) % 3 !== 0, sms: true })

const isHttpUrl = (s: string, https = false) => {
  try {
    const url = new URL(s)
    return https ? url.protocol === "https:" : url.protocol === "http:" || url.protocol === "https:"
  } catch {
    return false
  }
}

/** A WAV file (8 kHz, 16-bit mono): a quiet tone, at most 30 s. */
const wav = (seconds: number): Uint8Array => {
  const rate = 8000
  const samples = Math.max(1, Math.min(30, seconds)) * rate
  const buffer = Buffer.alloc(44 + samples * 2)
  buffer.write("RIFF", 0, "ascii")
  buffer.writeUInt32LE(36 + samples * 2, 4)
  buffer.write("WAVE", 8, "ascii")
  buffer.write("fmt ", 12, "ascii")
  buffer.writeUInt32LE(16, 16)
  buffer.writeUInt16LE(1, 20)
  buffer.writeUInt16LE(1, 22)
  buffer.writeUInt32LE(rate, 24)
  buffer.writeUInt32LE(rate * 2, 28)
  buffer.writeUInt16LE(2, 32)
  buffer.writeUInt16LE(16, 34)
  buffer.write("data", 36, "ascii")
  buffer.writeUInt32LE(samples * 2, 40)
  for (let i = 0; i < samples; i++) {
    buffer.writeInt16LE(Math.round(400 * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + i * 2)
  }
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}

const parseInstant = (name: string) =>
  Effect.flatMap(Http.queryString(name), (raw) => {
    if (raw === undefined) return Effect.succeed(undefined)
    const ms = Date.parse(raw)
    return Number.isNaN(ms)
      ? Effect.fail(ApiFailure.invalid(["query", name], "Input should be a valid datetime", "datetime_parsing"))
      : Effect.succeed(ms)
  })

/** Timestamp-cursor paging: newest first; `before` pages back, `after` alone pages forward. */
const cursorPage = (
  ascending: ReadonlyArray<Store.MessageRecord>,
  limit: number,
  before: number | undefined,
  after: number | undefined
) => {
  const xs = ascending.filter((m) =>
    (before === undefined || m.receivedAt < before) && (after === undefined || m.receivedAt > after)
  )
  if (after !== undefined && before === undefined) {
    return { data: xs.slice(0, limit).reverse(), hasMore: xs.length > limit }
  }
  const desc = xs.reverse()
  return { data: desc.slice(0, limit), hasMore: desc.length > limit }
}

const dayKey = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const monthKey = (ms: number) => new Date(ms).toISOString().slice(0, 7)
const DAY = 86_400_000

// ---------------------------------------------------------------------------------------------
// The application
// ---------------------------------------------------------------------------------------------

/**
 * Build the HTTP application of a sandbox.
 *
 * @since 0.1.0
 */
export const make = (engine: Engine): HttpApp.Default<never, never> => {
  const { clock, delivery, faults, simulation, store } = engine

  const tenantOf = Effect.flatMap(
    HttpServerRequest.HttpServerRequest,
    (request) => store.tenant(request.headers["x-sub-account-id"])
  )
  const baseUrlOf = Effect.map(
    HttpServerRequest.HttpServerRequest,
    (request) => `http://${request.headers.host ?? "127.0.0.1"}`
  )

  const getAgent = (tenant: Store.Tenant) =>
    Effect.flatMap(Http.param("agent_id"), (id) => {
      const agent = tenant.agents.get(id)
      return agent === undefined ? Effect.fail(ApiFailure.notFound("Agent")) : Effect.succeed(agent)
    })
  const getNumber = (tenant: Store.Tenant) =>
    Effect.flatMap(Http.param("number_id"), (id) => {
      const n = tenant.numbers.get(id)
      return n === undefined ? Effect.fail(ApiFailure.notFound("Number")) : Effect.succeed(n)
    })
  const getContact = (tenant: Store.Tenant) =>
    Effect.flatMap(Http.param("contact_id"), (id) => {
      const c = tenant.contacts.get(id)
      return c === undefined ? Effect.fail(ApiFailure.notFound("Contact")) : Effect.succeed(c)
    })
  const getConversation = (tenant: Store.Tenant) =>
    Effect.flatMap(Http.param("conversation_id"), (id) => {
      const c = tenant.conversations.get(id)
      return c === undefined ? Effect.fail(ApiFailure.notFound("Conversation")) : Effect.succeed(c)
    })
  const getCall = (tenant: Store.Tenant) =>
    Effect.flatMap(Http.param("call_id"), (id) => {
      const c = tenant.calls.get(id)
      return c === undefined ? Effect.fail(ApiFailure.notFound("Call")) : Effect.succeed(c)
    })

  const offsetLimit = (defaultLimit: number, maxLimit = 100) =>
    Effect.all({
      offset: Http.queryInt("offset", { default: 0, min: 0 }),
      limit: Http.queryInt("limit", { default: defaultLimit, min: 1, max: maxLimit })
    })

  const uniqueNumber = (country: string, areaCode: string | undefined): Effect.Effect<string> =>
    Effect.gen(function*() {
      const taken = new Set<string>()
      for (const t of [store.root, ...store.tenants.values()]) {
        for (const n of t.numbers.values()) taken.add(n.phoneNumber)
      }
      for (let i = 0; i < 1000; i++) {
        const draws: Array<number> = []
        for (const max of [8, 1000]) draws.push(yield* store.nextInt(max))
        let k = 0
        const candidate = Phone.provision(country, areaCode, (max) => draws[k++ % draws.length] % max)
        if (!taken.has(candidate)) return candidate
      }
      return Phone.provision(country, areaCode, () => 0)
    })

  const upsertWebhook = (
    tenant: Store.Tenant,
    existing: Store.WebhookRecord | null | undefined,
    agentId: string | null
  ) =>
    Effect.gen(function*() {
      const body = yield* Http.body(Wire.WebhookCreateBody)
      if (body.timeout !== undefined && body.timeout !== null && (body.timeout < 5 || body.timeout > 120)) {
        return yield* ApiFailure.invalid(
          ["body", "timeout"],
          "Input should be between 5 and 120 seconds",
          "less_than_equal"
        )
      }
      if (!isHttpUrl(body.url)) {
        return yield* ApiFailure.invalid(["body", "url"], "URL scheme should be 'http' or 'https'", "url_scheme")
      }
      const secret = "whsec_" + (yield* store.hex(16))
      const webhook: Store.WebhookRecord = existing ?? {
        id: yield* store.id("wh"),
        url: body.url,
        secret: Redacted.make(secret),
        contextLimit: 10,
        timeout: 30,
        createdAt: yield* store.timestamp,
        agentId
      }
      webhook.url = body.url
      webhook.secret = Redacted.make(secret)
      webhook.contextLimit = body.contextLimit ?? 10
      webhook.timeout = body.timeout ?? 30
      if (agentId === null) {
        tenant.webhook = webhook
      } else tenant.agentWebhooks.set(agentId, webhook)
      return yield* Http.json(Wire.WebhookResponse, Render.webhook(webhook, secret))
    })

  const testEvent = (tenant: Store.Tenant, webhook: Store.WebhookRecord, agentId: string | null) =>
    Effect.gen(function*() {
      const now = yield* clock.now
      const messageId = yield* store.id("msg")
      const d = yield* delivery.deliverNow(tenant, webhook, {
        eventType: "agent.message",
        channel: "sms",
        messageId,
        agentId,
        payload: () => ({
          event: "agent.message",
          channel: "sms",
          timestamp: toIso(now),
          agentId,
          test: true,
          data: {
            messageId,
            conversationId: null,
            numberId: null,
            from: "+15555550100",
            to: "+15555550199",
            contact: null,
            message: "This is a test webhook from the AgentPhone sandbox.",
            mediaUrl: null,
            mediaUrls: [],
            direction: "inbound",
            receivedAt: toIso(now)
          },
          conversationState: null,
          recentHistory: []
        })
      })
      return yield* Http.json(Wire.Acknowledgement, {
        success: d.status === "delivered",
        deliveryId: d.id,
        httpStatus: d.httpStatus,
        errorMessage: d.errorMessage
      })
    })

  const deliveryStats = (deliveries: ReadonlyArray<Store.DeliveryRecord>) => {
    const count = (s: Store.DeliveryRecord["status"]) => deliveries.filter((d) => d.status === s).length
    const success = count("delivered")
    const failed = count("failed")
    const done = success + failed
    return {
      total: deliveries.length,
      success,
      failed,
      pending: count("pending"),
      successRate: done === 0 ? 0 : Math.round((success / done) * 10000) / 100
    }
  }

  const callsFiltered = (calls: ReadonlyArray<Store.CallRecord>) =>
    Effect.gen(function*() {
      const status = yield* Http.queryString("status")
      const direction = yield* Http.queryString("direction")
      const type = yield* Http.queryString("type")
      const search = yield* Http.queryString("search")
      return calls.filter((c) =>
        (status === undefined || c.status === status) &&
        (direction === undefined || c.direction === direction) &&
        (type === undefined || c.type === type) &&
        (search === undefined || c.fromNumber.includes(search) || c.toNumber.includes(search))
      )
    })

  // Turns as the API serves them: the same rendering as the live transcript stream's events.
  const callWithTranscript = (call: Store.CallRecord, baseUrl: string) => ({
    ...Render.call(call, baseUrl),
    transcripts: call.turns.map(Simulation.turnJson)
  })

  const usageCounts = (tenant: Store.Tenant, from: number, to: number) => {
    const inRange = (ms: number) => ms >= from && ms < to
    return {
      messages: Array.from(tenant.messages.values()).filter((m) => inRange(m.receivedAt)).length,
      calls: Array.from(tenant.calls.values()).filter((c) => inRange(c.startedAt)).length,
      webhooks: Array.from(tenant.deliveries.values()).filter((d) => inRange(d.createdAt)).length
    }
  }

  const clockState = Effect.map(
    Effect.all({ now: clock.now, paused: clock.isPaused }),
    ({ now, paused }) => Http.plain({ now: toIso(now), nowMillis: now, paused })
  )

  const router = HttpRouter.empty.pipe(
    // -----------------------------------------------------------------------------------------
    // Agents
    // -----------------------------------------------------------------------------------------
    HttpRouter.get("/v1/agents/voices", Http.json(Wire.ListVoicesResponse, { data: voices })),
    HttpRouter.get(
      "/v1/agents",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const { limit, offset } = yield* offsetLimit(20)
        const all = Http.newestFirst(tenant.agents)
        return yield* Http.json(Wire.AgentListResponse, {
          data: all.slice(offset, offset + limit).map((a) => Render.agent(tenant, a)),
          total: all.length
        })
      })
    ),
    HttpRouter.post(
      "/v1/agents",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const body = yield* Http.body(Wire.CreateAgentBody)
        const config: Record<string, unknown> = { ...agentDefaults }
        for (const [k, v] of Object.entries(body)) {
          if (v !== undefined) config[k] = v === null && nonNullable.has(k) ? agentDefaults[k] : v
        }
        const agent: Store.AgentRecord = { id: yield* store.id("agent"), createdAt: yield* store.timestamp, config }
        tenant.agents.set(agent.id, agent)
        return yield* Http.json(Wire.AgentResponse, Render.agent(tenant, agent))
      })
    ),
    HttpRouter.get(
      "/v1/agents/:agent_id",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const agent = yield* getAgent(tenant)
        return yield* Http.json(Wire.AgentResponse, Render.agent(tenant, agent))
      })
    ),
    HttpRouter.del(
      "/v1/agents/:agent_id",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const agent = yield* getAgent(tenant)
        tenant.agents.delete(agent.id)
        tenant.agentWebhooks.delete(agent.id)
        for (const n of tenant.numbers.values()) if (n.agentId === agent.id) n.agentId = null
        for (const c of tenant.calls.values()) if (c.agentId === agent.id) c.agentId = null
        for (const c of tenant.conversations.values()) if (c.agentId === agent.id) c.agentId = null
        return yield* Http.json(Wire.DeleteAgentResponse, { success: true, id: agent.id, name: agent.config.name })
      })
    ),
    HttpRouter.patch(
      "/v1/agents/:agent_id",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const agent = yield* getAgent(tenant)
        const body = yield* Http.body(Wire.UpdateAgentBody)
        for (const [k, v] of Object.entries(body)) {
          if (v === undefined) continue
          if (k === "name" && v === null) continue
          agent.config[k] = v === null && nonNullable.has(k) ? agentDefaults[k] : v
        }
        return yield* Http.json(Wire.AgentResponse, Render.agent(tenant, agent))
      })
    ),
    HttpRouter.post(
      "/v1/agents/:agent_id/numbers",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const agent = yield* getAgent(tenant)
        const body = yield* Http.body(Wire.AttachNumberBody)
        const number = tenant.numbers.get(body.numberId)
        if (number === undefined) return yield* ApiFailure.notFound("Number")
        if (number.status !== "active") return yield* ApiFailure.badRequest("Number has been released")
        number.agentId = agent.id
        return yield* Http.json(Wire.AttachNumberResponse, { agentId: agent.id, number: Render.agentNumber(number) })
      })
    ),
    HttpRouter.del(
      "/v1/agents/:agent_id/numbers/:number_id",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const agent = yield* getAgent(tenant)
        const number = yield* getNumber(tenant)
        if (number.agentId !== agent.id) return yield* ApiFailure.notFound("Number attached to this agent")
        number.agentId = null
        return yield* Http.json(Wire.DetachNumberResponse, {
          success: true,
          message: "Number detached",
          agentId: agent.id,
          numberId: number.id
        })
      })
    ),
    HttpRouter.get(
      "/v1/agents/:agent_id/conversations",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const agent = yield* getAgent(tenant)
        const { limit, offset } = yield* offsetLimit(20)
        const all = Array.from(tenant.conversations.values()).filter((c) => c.agentId === agent.id).sort((a, b) =>
          b.lastMessageAt - a.lastMessageAt
        ).map((c) => Render.conversationSummary(tenant, c))
        return yield* Http.json(Wire.AgentConversationListResponse, Http.page(all, offset, limit))
      })
    ),
    HttpRouter.get(
      "/v1/agents/:agent_id/calls",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const agent = yield* getAgent(tenant)
        const { limit, offset } = yield* offsetLimit(20)
        const baseUrl = yield* baseUrlOf
        const all = Http.newestFirst(tenant.calls).filter((c) => c.agentId === agent.id).map((c) =>
          Render.call(c, baseUrl)
        )
        return yield* Http.json(Wire.CallListResponse, Http.page(all, offset, limit))
      })
    )
  ).pipe(
    // Agent webhooks
    HttpRouter.get(
      "/v1/agents/:agent_id/webhook",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const agent = yield* getAgent(tenant)
        const w = tenant.agentWebhooks.get(agent.id)
        return w === undefined
          ? Http.plain(null)
          : yield* Http.json(Wire.WebhookResponse, Render.webhook(w, Redacted.value(w.secret)))
      })
    ),
    HttpRouter.post(
      "/v1/agents/:agent_id/webhook",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const agent = yield* getAgent(tenant)
        return yield* upsertWebhook(tenant, tenant.agentWebhooks.get(agent.id), agent.id)
      })
    ),
    HttpRouter.del(
      "/v1/agents/:agent_id/webhook",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const agent = yield* getAgent(tenant)
        if (!tenant.agentWebhooks.delete(agent.id)) return yield* ApiFailure.notFound("Webhook")
        return yield* Http.json(Wire.Acknowledgement, { success: true })
      })
    ),
    HttpRouter.get(
      "/v1/agents/:agent_id/webhook/deliveries",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const agent = yield* getAgent(tenant)
        const limit = yield* Http.queryInt("limit", { default: 50, min: 1, max: 100 })
        const w = tenant.agentWebhooks.get(agent.id)
        const all = w === undefined ? [] : Http.newestFirst(tenant.deliveries).filter((d) => d.webhookId === w.id)
        return yield* Http.json(Wire.AgentDeliveriesResponse, all.slice(0, limit).map(Render.delivery))
      })
    ),
    HttpRouter.post(
      "/v1/agents/:agent_id/webhook/test",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const agent = yield* getAgent(tenant)
        const w = tenant.agentWebhooks.get(agent.id)
        if (w === undefined) return yield* ApiFailure.notFound("Webhook")
        return yield* testEvent(tenant, w, agent.id)
      })
    )
  ).pipe(
    // Numbers
    HttpRouter.get(
      "/v1/numbers",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const { limit, offset } = yield* offsetLimit(20)
        const all = Http.newestFirst(tenant.numbers).filter((n) => n.status === "active").map(Render.number)
        return yield* Http.json(Wire.PhoneNumberListResponse, Http.page(all, offset, limit))
      })
    ),
    HttpRouter.post(
      "/v1/numbers",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const body = yield* Http.body(Wire.CreateNumberBody)
        const country = (body.country ?? "US").toUpperCase()
        if (!Phone.countries.includes(country)) {
          return yield* ApiFailure.invalid(
            ["body", "country"],
            `Unsupported country ${JSON.stringify(body.country)}: the sandbox provisions ${Phone.countries.join(", ")}`
          )
        }
        const areaCode = body.areaCode ?? undefined
        if (areaCode !== undefined && (!/^[2-9]\d{2}$/.test(areaCode) || (country !== "US" && country !== "CA"))) {
          return yield* ApiFailure.invalid(["body", "areaCode"], "Area code must be 3 digits (US and CA only)")
        }
        const agentId = body.agentId ?? null
        if (agentId !== null && !tenant.agents.has(agentId)) return yield* ApiFailure.notFound("Agent")
        const number: Store.NumberRecord = {
          id: yield* store.id("num"),
          phoneNumber: yield* uniqueNumber(country, areaCode),
          country,
          status: "active",
          type: "sms",
          agentId,
          createdAt: yield* store.timestamp
        }
        tenant.numbers.set(number.id, number)
        return yield* Http.json(Wire.PhoneNumberResponse, Render.number(number))
      })
    ),
    HttpRouter.get(
      "/v1/numbers/:number_id",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        return yield* Http.json(Wire.PhoneNumberResponse, Render.number(yield* getNumber(tenant)))
      })
    ),
    HttpRouter.del(
      "/v1/numbers/:number_id",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const number = yield* getNumber(tenant)
        number.status = "released"
        number.agentId = null
        return yield* Http.json(Wire.Acknowledgement, { success: true, id: number.id, status: number.status })
      })
    ),
    HttpRouter.get(
      "/v1/numbers/:number_id/messages",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const number = yield* getNumber(tenant)
        const limit = yield* Http.queryInt("limit", { default: 50, min: 1, max: 200 })
        const before = yield* parseInstant("before")
        const after = yield* parseInstant("after")
        const all = Array.from(tenant.messages.values()).filter((m) => m.numberId === number.id)
        const p = cursorPage(all, limit, before, after)
        return yield* Http.json(Wire.MessageListResponse, {
          data: p.data.map(Render.numberMessage),
          hasMore: p.hasMore
        })
      })
    ),
    HttpRouter.get(
      "/v1/numbers/:number_id/calls",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const number = yield* getNumber(tenant)
        const { limit, offset } = yield* offsetLimit(20)
        const baseUrl = yield* baseUrlOf
        const all = Http.newestFirst(tenant.calls).filter((c) => c.numberId === number.id).map((c) =>
          Render.call(c, baseUrl)
        )
        return yield* Http.json(Wire.ListCallsResponse, Http.page(all, offset, limit))
      })
    )
  ).pipe(
    // Contact cards
    HttpRouter.get(
      "/v1/numbers/:number_id/contact-card",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const number = yield* getNumber(tenant)
        const card = tenant.contactCards.get(number.id)
        return yield* Http.json(Wire.ContactCardResponse, {
          firstName: card?.firstName ?? null,
          lastName: card?.lastName ?? null,
          displayName: card?.displayName ?? null,
          hasAvatar: card !== undefined && card.avatarUrl !== null
        })
      })
    ),
    HttpRouter.put(
      "/v1/numbers/:number_id/contact-card",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const number = yield* getNumber(tenant)
        const body = yield* Http.body(Wire.PutContactCardBody)
        if (body.avatarUrl !== undefined && body.avatarUrl !== null && !isHttpUrl(body.avatarUrl, true)) {
          return yield* ApiFailure.invalid(["body", "avatarUrl"], "avatarUrl must be an HTTPS URL")
        }
        const card: Store.ContactCardRecord = {
          firstName: body.firstName ?? null,
          lastName: body.lastName ?? null,
          displayName: body.displayName ?? null,
          avatarUrl: body.avatarUrl ?? null
        }
        tenant.contactCards.set(number.id, card)
        return yield* Http.json(Wire.ContactCardResponse, {
          firstName: card.firstName,
          lastName: card.lastName,
          displayName: card.displayName,
          hasAvatar: card.avatarUrl !== null
        })
      })
    ),
    HttpRouter.del(
      "/v1/numbers/:number_id/contact-card",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const number = yield* getNumber(tenant)
        tenant.contactCards.delete(number.id)
        return HttpServerResponse.empty({ status: 204 })
      })
    )
  ).pipe(
    // Account webhook and deliveries
    HttpRouter.get(
      "/v1/webhooks",
      Effect.flatMap(
        tenantOf,
        (tenant) =>
          tenant.webhook === null
            ? Effect.succeed(Http.plain(null))
            : Http.json(Wire.WebhookResponse, Render.webhook(tenant.webhook, Redacted.value(tenant.webhook.secret)))
      )
    ),
    HttpRouter.post("/v1/webhooks", Effect.flatMap(tenantOf, (tenant) => upsertWebhook(tenant, tenant.webhook, null))),
    HttpRouter.del(
      "/v1/webhooks",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        if (tenant.webhook === null) return yield* ApiFailure.notFound("Webhook")
        tenant.webhook = null
        return yield* Http.json(Wire.Acknowledgement, { success: true })
      })
    ),
    HttpRouter.get(
      "/v1/webhooks/deliveries",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const { limit, offset } = yield* offsetLimit(50)
        const hours = (yield* Http.queryString("hours")) === undefined
          ? 0
          : yield* Http.queryInt("hours", { default: 0, min: 1, max: 168 })
        const now = yield* clock.now
        const all = Http.newestFirst(tenant.deliveries).filter((d) =>
          hours === 0 || d.createdAt >= now - hours * 3_600_000
        )
        return yield* Http.json(Wire.PaginatedDeliveriesResponse, {
          items: all.slice(offset, offset + limit).map(Render.delivery),
          total: all.length,
          offset,
          limit
        })
      })
    ),
    HttpRouter.get(
      "/v1/webhooks/deliveries/stats",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const hours = yield* Http.queryInt("hours", { default: 24, min: 1, max: 720 })
        const now = yield* clock.now
        const recent = Array.from(tenant.deliveries.values()).filter((d) => d.createdAt >= now - hours * 3_600_000)
        const byEventType: Record<string, Record<string, number>> = {}
        const byHour = new Map<string, { hour: string; success: number; failed: number; pending: number }>()
        for (const d of recent) {
          const key = d.status === "delivered" ? "success" : d.status
          const e = (byEventType[d.eventType] ??= { success: 0, failed: 0, pending: 0 })
          e[key] += 1
          const hour = new Date(Math.floor(d.createdAt / 3_600_000) * 3_600_000).toISOString().replace(".000Z", "Z")
          const h = byHour.get(hour) ?? { hour, success: 0, failed: 0, pending: 0 }
          h[key] += 1
          byHour.set(hour, h)
        }
        return yield* Http.json(Wire.WebhookDeliveryStatsResponse, {
          ...deliveryStats(recent),
          byEventType,
          byHour: Array.from(byHour.values())
        })
      })
    ),
    HttpRouter.get(
      "/v1/webhooks/deliveries/all-time",
      Effect.flatMap(tenantOf, (tenant) => {
        const { failed, success, successRate, total } = deliveryStats(Array.from(tenant.deliveries.values()))
        return Http.json(Wire.AllTimeStatsResponse, { total, success, failed, successRate })
      })
    ),
    HttpRouter.post(
      "/v1/webhooks/test",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const agentId = yield* Http.queryString("agentId")
        if (agentId !== undefined && !tenant.agents.has(agentId)) return yield* ApiFailure.notFound("Agent")
        if (tenant.webhook === null) return yield* ApiFailure.notFound("Webhook")
        return yield* testEvent(tenant, tenant.webhook, agentId ?? null)
      })
    )
  ).pipe(
    // Contacts
    HttpRouter.get(
      "/v1/contacts",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const { limit, offset } = yield* offsetLimit(50)
        const search = (yield* Http.queryString("search"))?.toLowerCase()
        const all = Http.newestFirst(tenant.contacts).filter((c) =>
          search === undefined || c.name.toLowerCase().includes(search) || c.phoneNumber.includes(search) ||
          (c.email ?? "").toLowerCase().includes(search)
        ).map(Render.contact)
        return yield* Http.json(Wire.ContactListResponse, Http.page(all, offset, limit))
      })
    ),
    HttpRouter.post(
      "/v1/contacts",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const body = yield* Http.body(Wire.CreateContactBody)
        const phoneNumber = yield* e164(body.phoneNumber, ["body", "phoneNumber"])
        for (const c of tenant.contacts.values()) {
          if (c.phoneNumber === phoneNumber) {
            return yield* ApiFailure.conflict(`A contact with phone number ${phoneNumber} already exists`)
          }
        }
        const now = yield* store.timestamp
        const contact: Store.ContactRecord = {
          id: yield* store.id("ct"),
          phoneNumber,
          name: body.name,
          email: body.email ?? null,
          notes: body.notes ?? null,
          createdAt: now,
          updatedAt: now
        }
        tenant.contacts.set(contact.id, contact)
        return yield* Http.json(Wire.ContactResponse, Render.contact(contact), 201)
      })
    ),
    HttpRouter.get(
      "/v1/contacts/capabilities",
      Effect.gen(function*() {
        const raw = yield* Http.queryString("phone_number")
        if (raw === undefined) return yield* ApiFailure.invalid(["query", "phone_number"], "Field required", "missing")
        const phoneNumber = yield* e164(raw, ["query", "phone_number"])
        return yield* Http.json(Wire.ContactCapabilitiesResponse, {
          phoneNumber,
          capabilities: capabilitiesOf(phoneNumber),
          checkedAt: toIso(yield* clock.now)
        })
      })
    ),
    HttpRouter.get(
      "/v1/contacts/:contact_id",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        return yield* Http.json(Wire.ContactResponse, Render.contact(yield* getContact(tenant)))
      })
    ),
    HttpRouter.del(
      "/v1/contacts/:contact_id",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const contact = yield* getContact(tenant)
        tenant.contacts.delete(contact.id)
        return HttpServerResponse.empty({ status: 204 })
      })
    ),
    HttpRouter.patch(
      "/v1/contacts/:contact_id",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const contact = yield* getContact(tenant)
        const body = yield* Http.body(Wire.UpdateContactBody)
        if (body.phoneNumber !== undefined && body.phoneNumber !== null) {
          const phoneNumber = yield* e164(body.phoneNumber, ["body", "phoneNumber"])
          for (const c of tenant.contacts.values()) {
            if (c.id !== contact.id && c.phoneNumber === phoneNumber) {
              return yield* ApiFailure.conflict(`A contact with phone number ${phoneNumber} already exists`)
            }
          }
          contact.phoneNumber = phoneNumber
        }
        if (body.name !== undefined && body.name !== null) contact.name = body.name
        if (body.email !== undefined) contact.email = body.email
        if (body.notes !== undefined) contact.notes = body.notes
        contact.updatedAt = yield* store.timestamp
        return yield* Http.json(Wire.ContactResponse, Render.contact(contact))
      })
    )
  ).pipe(
    // Conversations
    HttpRouter.get(
      "/v1/conversations",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const { limit, offset } = yield* offsetLimit(20)
        const all = Array.from(tenant.conversations.values()).sort((a, b) => b.lastMessageAt - a.lastMessageAt).map((
          c
        ) => Render.conversationSummary(tenant, c))
        return yield* Http.json(Wire.ConversationListResponse, Http.page(all, offset, limit))
      })
    ),
    HttpRouter.get(
      "/v1/conversations/:conversation_id",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const conversation = yield* getConversation(tenant)
        const messageLimit = yield* Http.queryInt("message_limit", { default: 50, min: 1, max: 100 })
        return yield* Http.json(Wire.ConversationDetail, Render.conversationDetail(tenant, conversation, messageLimit))
      })
    ),
    HttpRouter.patch(
      "/v1/conversations/:conversation_id",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const conversation = yield* getConversation(tenant)
        const body = yield* Http.body(Wire.UpdateConversationBody)
        if (body.group_name !== undefined && !conversation.isGroup) {
          return yield* ApiFailure.badRequest("group_name can only be set on iMessage group conversations")
        }
        if (body.metadata !== undefined) conversation.metadata = body.metadata === null ? null : { ...body.metadata }
        if (body.group_name !== undefined) conversation.groupName = body.group_name
        return yield* Http.json(Wire.ConversationDetail, Render.conversationDetail(tenant, conversation, 50))
      })
    ),
    HttpRouter.get(
      "/v1/conversations/:conversation_id/messages",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const conversation = yield* getConversation(tenant)
        const limit = yield* Http.queryInt("limit", { default: 50, min: 1, max: 200 })
        const before = yield* parseInstant("before")
        const after = yield* parseInstant("after")
        const all = Array.from(tenant.messages.values()).filter((m) => m.conversationId === conversation.id)
        const p = cursorPage(all, limit, before, after)
        return yield* Http.json(Wire.MessagesListResponse, {
          data: p.data.map((m) => Render.messageInConversation(tenant, m)),
          hasMore: p.hasMore
        })
      })
    ),
    HttpRouter.post(
      "/v1/conversations/:conversation_id/typing",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const conversation = yield* getConversation(tenant)
        return yield* Http.json(Wire.SendTypingResponse, {
          conversationId: conversation.id,
          channel: conversation.channel,
          status: conversation.channel === "imessage" ? "sent" : "unsupported"
        })
      })
    ),
    HttpRouter.post(
      "/v1/conversations/:conversation_id/background",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const conversation = yield* getConversation(tenant)
        const body = yield* Http.body(Wire.SetBackgroundBody)
        if (!isHttpUrl(body.image_url, true)) {
          return yield* ApiFailure.invalid(["body", "image_url"], "image_url must be a public HTTPS URL")
        }
        const previous = conversation.background
        const changed = previous === null || previous.url !== body.image_url
        if (changed) {
          conversation.background = {
            id: previous?.id ?? (yield* store.id("bg")),
            url: body.image_url,
            version: (previous?.version ?? 0) + 1
          }
        }
        return yield* Http.json(Wire.SetBackgroundResponse, {
          conversationId: conversation.id,
          channel: conversation.channel,
          hasBackground: true,
          backgroundId: conversation.background?.id ?? null,
          backgroundVersion: conversation.background?.version ?? null,
          changed
        })
      })
    ),
    HttpRouter.del(
      "/v1/conversations/:conversation_id/background",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const conversation = yield* getConversation(tenant)
        conversation.background = null
        return HttpServerResponse.empty({ status: 204 })
      })
    )
  ).pipe(
    // Calls
    HttpRouter.get(
      "/v1/calls",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const { limit, offset } = yield* offsetLimit(20)
        const baseUrl = yield* baseUrlOf
        const all = (yield* callsFiltered(Http.newestFirst(tenant.calls))).map((c) => Render.call(c, baseUrl))
        return yield* Http.json(Wire.ListCallsResponse, Http.page(all, offset, limit))
      })
    ),
    HttpRouter.post(
      "/v1/calls",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const body = yield* Http.body(Wire.CreateOutboundCallBody)
        const agent = tenant.agents.get(body.agentId)
        if (agent === undefined) return yield* ApiFailure.notFound("Agent")
        const toNumber = yield* e164(body.toNumber, ["body", "toNumber"])
        let number: Store.NumberRecord | undefined
        if (body.fromNumberId !== undefined && body.fromNumberId !== null) {
          number = tenant.numbers.get(body.fromNumberId)
          if (number === undefined || number.status !== "active") return yield* ApiFailure.notFound("Number")
          if (number.agentId !== agent.id) return yield* ApiFailure.badRequest("fromNumberId must belong to the agent")
        } else {
          number = Array.from(tenant.numbers.values()).find((n) => n.agentId === agent.id && n.status === "active")
          if (number === undefined) {
            return yield* ApiFailure.badRequest("The agent has no phone number: attach one before calling")
          }
        }
        const call = yield* simulation.start(tenant, {
          id: yield* store.id("call"),
          agentId: agent.id,
          numberId: number.id,
          phoneNumber: number.phoneNumber,
          fromNumber: number.phoneNumber,
          toNumber,
          direction: "outbound",
          type: "pstn",
          startedAt: yield* store.timestamp
        }, engine.script)
        return yield* Http.json(Wire.Call, Render.call(call, yield* baseUrlOf))
      })
    ),
    HttpRouter.post(
      "/v1/calls/web",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const body = yield* Http.body(Wire.CreateWebCallBody)
        const agent = tenant.agents.get(body.agentId)
        if (agent === undefined) return yield* ApiFailure.notFound("Agent")
        const id = yield* store.id("call")
        yield* simulation.start(tenant, {
          id,
          agentId: agent.id,
          numberId: null,
          phoneNumber: null,
          fromNumber: "web",
          toNumber: "web",
          direction: "web",
          type: "web",
          startedAt: yield* store.timestamp
        }, engine.script)
        const now = yield* clock.now
        const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url")
        const token = `${b64({ alg: "none", typ: "JWT" })}.${
          b64({ call: id, exp: Math.floor(now / 1000) + 30 })
        }.sandbox`
        return yield* Http.json(Wire.WebCallResponse, { accessToken: token, callId: id })
      })
    ),
    HttpRouter.get(
      "/v1/calls/:call_id",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const call = yield* getCall(tenant)
        return yield* Http.json(Wire.CallDetail, callWithTranscript(call, yield* baseUrlOf))
      })
    ),
    HttpRouter.post(
      "/v1/calls/:call_id/end",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const call = yield* getCall(tenant)
        yield* simulation.end(tenant, call, "api_hangup")
        return yield* Http.json(Wire.Call, Render.call(call, yield* baseUrlOf))
      })
    ),
    HttpRouter.get(
      "/v1/calls/:call_id/recording",
      Effect.gen(function*() {
        const id = yield* Http.param("call_id")
        const found = store.findCall(id)
        if (found === undefined || found.call.status !== "completed") return yield* ApiFailure.notFound("Recording")
        return HttpServerResponse.uint8Array(wav((found.call.endedAt! - found.call.startedAt) / 1000 | 0), {
          contentType: "audio/wav",
          headers: { "content-disposition": `attachment; filename=recording-${id}.wav` }
        })
      })
    ),
    HttpRouter.get(
      "/v1/calls/:call_id/transcript",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const call = yield* getCall(tenant)
        return yield* Http.json(Wire.CallTranscript, { data: call.turns.map(Simulation.turnJson) })
      })
    ),
    HttpRouter.get(
      "/v1/calls/:call_id/transcript/stream",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const call = yield* getCall(tenant)
        const request = yield* HttpServerRequest.HttpServerRequest
        const dropAfter = yield* faults.dropAfter(new URL(request.url, "http://sandbox.local").pathname)
        const connectedAt = yield* Clock.currentTimeMillis
        const stream = simulation.transcriptStream(call, {
          lastEventId: request.headers["last-event-id"],
          dropAfter,
          connectedAt
        })
        return HttpServerResponse.stream(Stream.encodeText(stream), {
          contentType: "text/event-stream",
          headers: { "cache-control": "no-cache", "x-accel-buffering": "no" }
        })
      })
    )
  ).pipe(
    // Usage
    HttpRouter.get(
      "/v1/usage",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const now = yield* clock.now
        const d = new Date(now)
        const periodStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)
        const periodEnd = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)
        const messages = Array.from(tenant.messages.values())
        const calls = Array.from(tenant.calls.values())
        const deliveries = Array.from(tenant.deliveries.values())
        const since = (xs: ReadonlyArray<number>, ms: number) => xs.filter((t) => t >= now - ms).length
        const mt = messages.map((m) => m.receivedAt)
        const ct = calls.map((c) => c.startedAt)
        const used = Array.from(tenant.numbers.values()).filter((n) => n.status === "active").length
        return yield* Http.json(Wire.UsageResponse, {
          plan: {
            name: "sandbox",
            limits: {
              numbers: 10,
              messagesPerMonth: 10000,
              voiceMinutesPerMonth: 500,
              maxCallDurationMinutes: 30,
              concurrentCalls: 5
            }
          },
          numbers: { used, limit: 10, remaining: Math.max(0, 10 - used) },
          stats: {
            totalMessages: messages.length,
            messagesLast24h: since(mt, DAY),
            messagesLast7d: since(mt, 7 * DAY),
            messagesLast30d: since(mt, 30 * DAY),
            totalCalls: calls.length,
            callsLast24h: since(ct, DAY),
            callsLast7d: since(ct, 7 * DAY),
            callsLast30d: since(ct, 30 * DAY),
            totalWebhookDeliveries: deliveries.length,
            successfulWebhookDeliveries: deliveries.filter((x) => x.status === "delivered").length,
            failedWebhookDeliveries: deliveries.filter((x) => x.status === "failed").length
          },
          periodStart: toIso(periodStart),
          periodEnd: toIso(periodEnd)
        })
      })
    ),
    HttpRouter.get(
      "/v1/usage/daily",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const days = yield* Http.queryInt("days", { default: 30, min: 1, max: 365 })
        const now = yield* clock.now
        const today = Math.floor(now / DAY) * DAY
        const data = Array.from({ length: days }, (_, i) => {
          const start = today - (days - 1 - i) * DAY
          return { date: dayKey(start), ...usageCounts(tenant, start, start + DAY) }
        })
        return yield* Http.json(Wire.DailyUsageResponse, { data, days })
      })
    ),
    HttpRouter.get(
      "/v1/usage/monthly",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const months = yield* Http.queryInt("months", { default: 6, min: 1, max: 24 })
        const d = new Date(yield* clock.now)
        const data = Array.from({ length: months }, (_, i) => {
          const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (months - 1 - i), 1)
          const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (months - 1 - i) + 1, 1)
          return { month: monthKey(start), ...usageCounts(tenant, start, end) }
        })
        return yield* Http.json(Wire.MonthlyUsageResponse, { data, months })
      })
    ),
    HttpRouter.get(
      "/v1/usage/by-number",
      Effect.flatMap(tenantOf, (tenant) =>
        Http.json(Wire.NumberUsageResponse, {
          data: Array.from(tenant.numbers.values()).map((n) => ({
            numberId: n.id,
            phoneNumber: n.phoneNumber,
            country: n.country,
            status: n.status,
            agentId: n.agentId,
            agentName: n.agentId === null ? null : String(tenant.agents.get(n.agentId)?.config.name ?? ""),
            messages: Array.from(tenant.messages.values()).filter((m) => m.numberId === n.id).length,
            calls: Array.from(tenant.calls.values()).filter((c) => c.numberId === n.id).length
          }))
        }))
    ),
    HttpRouter.get(
      "/v1/usage/by-agent",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const period = yield* Http.queryString("period")
        if (period === undefined) return yield* ApiFailure.invalid(["query", "period"], "Field required", "missing")
        if (period !== "week" && period !== "month" && period !== "year") {
          return yield* ApiFailure.invalid(["query", "period"], "Input should be 'week', 'month' or 'year'", "enum")
        }
        const now = yield* clock.now
        const d = new Date(now)
        const [start, end] = period === "year"
          ? [Date.UTC(d.getUTCFullYear(), 0, 1), Date.UTC(d.getUTCFullYear() + 1, 0, 1)]
          : period === "month"
          ? [Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1), Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)]
          : (() => {
            const day = Math.floor(now / DAY) * DAY
            const monday = day - ((d.getUTCDay() + 6) % 7) * DAY
            return [monday, monday + 7 * DAY]
          })()
        const buckets = new Map<string | null, { messages: number; calls: number; totalSeconds: number }>()
        const bucket = (agentId: string | null) => {
          const key = agentId !== null && tenant.agents.has(agentId) ? agentId : null
          const b = buckets.get(key) ?? { messages: 0, calls: 0, totalSeconds: 0 }
          buckets.set(key, b)
          return b
        }
        for (const a of tenant.agents.values()) bucket(a.id)
        for (const m of tenant.messages.values()) {
          if (m.receivedAt >= start && m.receivedAt < end) {
            bucket(tenant.conversations.get(m.conversationId)?.agentId ?? null).messages += 1
          }
        }
        for (const c of tenant.calls.values()) {
          if (c.startedAt >= start && c.startedAt < end) {
            const b = bucket(c.agentId)
            b.calls += 1
            b.totalSeconds += c.endedAt === null ? 0 : Math.round((c.endedAt - c.startedAt) / 1000)
          }
        }
        return yield* Http.json(Wire.AgentUsageResponse, {
          data: Array.from(buckets.entries()).map(([agentId, b]) => ({
            agentId,
            agentName: agentId === null ? "Unassigned" : String(tenant.agents.get(agentId)?.config.name ?? ""),
            ...b,
            isOrphan: agentId === null
          })),
          period,
          periodStart: toIso(start),
          periodEnd: toIso(end)
        })
      })
    )
  ).pipe(
    // Messages
    HttpRouter.post(
      "/v1/messages",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const body = yield* Http.body(Wire.SendMessageBody)
        const recipients = body.recipients ?? []
        if ((body.to_number === undefined || body.to_number === null) && recipients.length === 0) {
          return yield* ApiFailure.invalid(["body", "to_number"], "Either to_number or recipients is required")
        }
        if (recipients.length === 1) {
          return yield* ApiFailure.invalid(["body", "recipients"], "A group needs at least 2 recipients")
        }
        let number: Store.NumberRecord
        if (body.from_number !== undefined && body.from_number !== null) {
          const from = yield* e164(body.from_number, ["body", "from_number"])
          const found = Array.from(tenant.numbers.values()).find((n) => n.phoneNumber === from && n.status === "active")
          if (found === undefined) return yield* ApiFailure.notFound("Number")
          number = found
        } else {
          const agentId = body.agent_id ?? undefined
          if (agentId !== undefined && !tenant.agents.has(agentId)) return yield* ApiFailure.notFound("Agent")
          number = yield* resolveNumber(tenant, { numberId: body.number_id ?? undefined, agentId })
        }
        const mediaUrls = body.media_urls ??
          (body.media_url === undefined || body.media_url === null ? [] : [body.media_url])
        let participant: string
        let channel: string
        let group: { groupId: string; participants: ReadonlyArray<string> } | undefined
        if (recipients.length >= 2) {
          const participants: Array<string> = []
          for (const [i, r] of recipients.entries()) {
            participants.push(r.includes("@") ? r : yield* e164(r, ["body", "recipients", i]))
          }
          group = { groupId: yield* store.id("grp"), participants }
          participant = group.groupId
          channel = "imessage"
        } else {
          const to = body.to_number!
          if (to.startsWith("grp_")) {
            const conv = Array.from(tenant.conversations.values()).find((c) => c.groupId === to)
            if (conv === undefined) return yield* ApiFailure.notFound("Group")
            group = { groupId: to, participants: conv.participants ?? [] }
            participant = to
            channel = "imessage"
          } else {
            participant = to.includes("@") ? to : yield* e164(to, ["body", "to_number"])
            channel = to.includes("@") || capabilitiesOf(participant).imessage
              ? "imessage"
              : mediaUrls.length > 0
              ? "mms"
              : "sms"
          }
        }
        const replyTo = body.reply_to_message_id ?? null
        const parentKnown = replyTo !== null && tenant.messages.has(replyTo)
        const { conversation, message } = yield* engine.storeMessage(tenant, number, {
          participant,
          direction: "outbound",
          body: body.body,
          channel,
          mediaUrls,
          replyToId: parentKnown ? replyTo : null,
          group
        })
        return yield* Http.json(Wire.SendMessageResponse, {
          id: message.id,
          status: "queued",
          channel,
          from_number: number.phoneNumber,
          to_number: participant,
          conversation_id: conversation.id,
          media_urls: mediaUrls,
          reply_to_message_id: replyTo,
          reply_parent_unresolved: replyTo !== null && !parentKnown
        })
      })
    ),
    HttpRouter.post(
      "/v1/messages/:message_id/reactions",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const id = yield* Http.param("message_id")
        const message = tenant.messages.get(id)
        if (message === undefined) return yield* ApiFailure.notFound("Message")
        const body = yield* Http.body(Wire.SendReactionBody)
        if (message.channel !== "imessage") {
          return yield* ApiFailure.badRequest("Reactions are only supported on iMessage conversations")
        }
        const reaction: Store.ReactionRecord = {
          id: yield* store.id("rx"),
          messageId: message.id,
          reactionType: body.reaction,
          fromNumber: message.direction === "inbound" ? message.to : message.from,
          direction: "outbound",
          createdAt: yield* store.timestamp
        }
        message.reactions.push(reaction)
        return yield* Http.json(Wire.SendReactionResponse, {
          id: reaction.id,
          reaction_type: reaction.reactionType,
          message_id: message.id,
          channel: "imessage"
        })
      })
    )
  ).pipe(
    // Registration
    HttpRouter.get(
      "/v1/register/status",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const r = tenant.registration
        if (r === null) {
          return yield* Http.json(Wire.CampaignStatusResponse, {
            campaign_status: "none",
            message: "No A2P 10DLC registration submitted.",
            stage: null
          })
        }
        const approved = (yield* clock.now) - r.submittedAt >= 3_600_000
        return yield* Http.json(
          Wire.CampaignStatusResponse,
          approved
            ? { campaign_status: "approved", message: "Your campaign is approved.", stage: "complete" }
            : {
              campaign_status: "pending",
              message: "Your registration is under carrier review (the sandbox approves it after one simulated hour).",
              stage: "campaign_review"
            }
        )
      })
    ),
    HttpRouter.post(
      "/v1/register",
      Effect.gen(function*() {
        const tenant = yield* tenantOf
        const body = yield* Http.body(Wire.RegistrationBody)
        yield* e164(body.phone_number, ["body", "phone_number"])
        if (body.registration_type === "standard_brand") {
          const required = [
            "business_name",
            "organization_type",
            "contact_title",
            "ein",
            "privacy_policy_url",
            "terms_of_service_url"
          ] as const
          const missing = required.filter((k) => body[k] === undefined || body[k] === null)
          if (missing.length > 0) {
            return yield* ApiFailure.validation(
              missing.map((k) => ({ loc: ["body", k], msg: "Field required for standard_brand", type: "missing" }))
            )
          }
        }
        let subAccountId: string | null = null
        if (body.create_sub_account !== false && tenant.subAccountId === undefined) {
          const sub: Store.SubAccountRecord = {
            id: yield* store.id("sub"),
            name: body.brand_name ?? body.business_name ?? `${body.first_name} ${body.last_name}`,
            createdAt: yield* store.timestamp
          }
          store.subAccounts.set(sub.id, sub)
          store.tenants.set(sub.id, Store.makeTenant(sub.id))
          subAccountId = sub.id
        }
        tenant.registration = {
          submittedAt: yield* clock.now,
          registrationType: body.registration_type,
          subAccountId
        }
        return yield* Http.json(Wire.RegistrationResponse, {
          ok: true,
          message: "Registration submitted. The sandbox approves it after one simulated hour.",
          campaign_status: "pending",
          sub_account_id: subAccountId,
          fee_cents: 2500
        })
      })
    )
  ).pipe(
    // Sub-accounts
    HttpRouter.get(
      "/v1/sub-accounts",
      Effect.gen(function*() {
        const { limit, offset } = yield* offsetLimit(50)
        return yield* Http.json(
          Wire.SubAccountListResponse,
          Http.page(Array.from(store.subAccounts.values()).map(Render.subAccount), offset, limit)
        )
      })
    ),
    HttpRouter.post(
      "/v1/sub-accounts",
      Effect.gen(function*() {
        const body = yield* Http.body(Wire.SubAccountBody)
        if (body.name.length < 1 || body.name.length > 100) {
          return yield* ApiFailure.invalid(["body", "name"], "name must be 1 to 100 characters", "string_too_long")
        }
        const sub: Store.SubAccountRecord = {
          id: yield* store.id("sub"),
          name: body.name,
          createdAt: yield* store.timestamp
        }
        store.subAccounts.set(sub.id, sub)
        store.tenants.set(sub.id, Store.makeTenant(sub.id))
        return yield* Http.json(Wire.SubAccount, Render.subAccount(sub))
      })
    ),
    HttpRouter.patch(
      "/v1/sub-accounts/:sub_account_id",
      Effect.gen(function*() {
        const sub = store.subAccounts.get(yield* Http.param("sub_account_id"))
        if (sub === undefined) return yield* ApiFailure.notFound("Sub-account")
        const body = yield* Http.body(Wire.SubAccountBody)
        if (body.name.length < 1 || body.name.length > 100) {
          return yield* ApiFailure.invalid(["body", "name"], "name must be 1 to 100 characters", "string_too_long")
        }
        sub.name = body.name
        return yield* Http.json(Wire.SubAccount, Render.subAccount(sub))
      })
    ),
    HttpRouter.del(
      "/v1/sub-accounts/:sub_account_id",
      Effect.gen(function*() {
        const id = yield* Http.param("sub_account_id")
        if (!store.subAccounts.delete(id)) return yield* ApiFailure.notFound("Sub-account")
        store.tenants.delete(id)
        return yield* Http.json(Wire.Acknowledgement, { success: true, id })
      })
    )
  ).pipe(
    // Location
    HttpRouter.get(
      "/v1/location/:phone_number",
      Effect.gen(function*() {
        const phoneNumber = yield* e164(yield* Http.param("phone_number"), ["path", "phone_number"])
        const h = Phone.hash(phoneNumber)
        return yield* Http.json(Wire.LocationResponse, {
          phoneNumber,
          latitude: Math.round((25 + (h % 2300) / 100) * 10000) / 10000,
          longitude: Math.round((-124 + ((h >>> 12) % 5000) / 100) * 10000) / 10000,
          status: "found",
          lastUpdated: Math.floor((yield* clock.now) / 1000)
        })
      })
    ),
    HttpRouter.post(
      "/v1/location/refresh",
      Http.json(Wire.LocationRefreshResponse, { success: true, pollAfterSeconds: 30 })
    )
  ).pipe(
    // Sandbox control
    HttpRouter.get("/sandbox/health", Effect.succeed(Http.plain({ ok: true }))),
    HttpRouter.post(
      "/sandbox/messages",
      Effect.gen(function*() {
        const body = yield* Http.body(Wire.InboundMessageBody)
        const message = yield* engine.injectMessage(body)
        const tenant = yield* store.tenant(body.subAccountId)
        return Http.plain(Render.messageInConversation(tenant, message))
      })
    ),
    HttpRouter.post(
      "/sandbox/reactions",
      Effect.gen(function*() {
        const body = yield* Http.body(Wire.InboundReactionBody)
        const r = yield* engine.injectReaction(body)
        return Http.plain({
          id: r.id,
          messageId: r.messageId,
          reactionType: r.reactionType,
          fromNumber: r.fromNumber,
          direction: r.direction,
          createdAt: toIso(r.createdAt)
        })
      })
    ),
    HttpRouter.post(
      "/sandbox/calls",
      Effect.gen(function*() {
        const body = yield* Http.body(Wire.InboundCallBody)
        const call = yield* engine.startInboundCall(body)
        return Http.plain(Render.call(call, yield* baseUrlOf))
      })
    ),
    HttpRouter.get("/sandbox/clock", clockState),
    HttpRouter.post(
      "/sandbox/clock/advance",
      Effect.gen(function*() {
        const body = yield* Http.body(Wire.AdvanceBody)
        let millis = body.millis ?? 0
        if (body.duration !== undefined) {
          const d = Duration.decodeUnknown(body.duration)
          if (d._tag === "None") {
            return yield* ApiFailure.invalid(["body", "duration"], "Expected a duration such as \"5 seconds\"")
          }
          millis += Duration.toMillis(d.value)
        }
        yield* clock.advance(Duration.millis(millis))
        return yield* clockState
      })
    ),
    HttpRouter.post("/sandbox/clock/pause", Effect.zipRight(clock.pause, clockState)),
    HttpRouter.post("/sandbox/clock/resume", Effect.zipRight(clock.resume, clockState)),
    HttpRouter.get("/sandbox/faults", Effect.map(faults.get, (f) => Http.plain(f))),
    HttpRouter.put(
      "/sandbox/faults",
      Effect.gen(function*() {
        const body = yield* Http.body(Faults.FaultConfig)
        yield* faults.set(body)
        return Http.plain(body)
      })
    ),
    HttpRouter.del("/sandbox/faults", Effect.as(faults.clear, Http.plain({}))),
    HttpRouter.get(
      "/sandbox/calls/:call_id/streams",
      Effect.map(simulation.openStreams, (open) => Http.plain({ open }))
    )
  )

  // The methods each route path answers (`:param` segments match any one segment), for the API's
  // 405 on a known path with another method.
  const methodsByPath = new Map<string, { readonly pattern: RegExp; readonly methods: Set<string> }>()
  for (const route of router.routes) {
    const entry = methodsByPath.get(route.path) ?? {
      pattern: new RegExp(`^${route.path.replace(/:[^/]+/g, "[^/]+")}$`),
      methods: new Set<string>()
    }
    entry.methods.add(route.method)
    methodsByPath.set(route.path, entry)
  }
  const allowedMethods = (path: string): ReadonlyArray<string> => {
    const methods = new Set<string>()
    for (const { methods: m, pattern } of methodsByPath.values()) {
      if (pattern.test(path)) { for (const method of m) methods.add(method) }
    }
    return Array.from(methods).sort()
  }

  return Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const path = new URL(request.url, "http://sandbox.local").pathname
    const isPublic = (request.method === "GET" && /^\/v1\/calls\/[^/]+\/recording$/.test(path)) ||
      path === "/sandbox/health"
    if (!isPublic) {
      const auth = request.headers.authorization
      if (auth === undefined || !auth.startsWith("Bearer ")) {
        return yield* ApiFailure.detail(401, "Not authenticated", { "www-authenticate": "Bearer" })
      }
      if (auth.slice(7).trim() !== Redacted.value(engine.apiKey)) {
        return yield* ApiFailure.detail(401, "Invalid API key", { "www-authenticate": "Bearer" })
      }
    }
    yield* faults.request(path)
    return yield* router
  }).pipe(
    Effect.catchTags({
      ApiFailure: (e) =>
        Effect.succeed(HttpServerResponse.unsafeJson(e.body, { status: e.status, headers: e.headers ?? {} })),
      RouteNotFound: (e) => {
        const allowed = allowedMethods(new URL(e.request.url, "http://sandbox.local").pathname)
        return Effect.succeed(
          allowed.length === 0
            ? Http.plain({ detail: "Not Found" }, 404)
            : HttpServerResponse.unsafeJson({ detail: "Method Not Allowed" }, {
              status: 405,
              headers: { allow: allowed.join(", ") }
            })
        )
      }
    }),
    Effect.catchAllCause((cause) =>
      Effect.as(
        Effect.logError("sandbox: unexpected failure", cause),
        Http.plain({ detail: "Internal Server Error" }, 500)
      )
    )
  )
}
