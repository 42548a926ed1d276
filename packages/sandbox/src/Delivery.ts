/**
 * Webhook delivery: events are POSTed to the agent's own webhook, else the account webhook,
 * signed exactly as the service signs them (`X-Webhook-Signature: sha256=<hex HMAC-SHA256 of
 * "{timestamp}.{raw body}">`, `X-Webhook-Timestamp`, `X-Webhook-ID`, `X-Webhook-Event`), retried
 * with exponential backoff on the simulation clock, and recorded as deliveries.
 *
 * @since 0.1.0
 */
import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FiberSet from "effect/FiberSet"
import * as Predicate from "effect/Predicate"
import type * as PubSub from "effect/PubSub"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { createHmac } from "node:crypto"
import { SandboxEvent } from "./SandboxEvent.js"
import type * as SimClock from "./SimClock.js"
import type * as Store from "./Store.js"

/**
 * How failed deliveries are retried: `times` retries after the first attempt, waiting
 * `baseDelay * 2^(attempt - 1)` of simulated time between them. Set it with the sandbox's
 * `webhookRetry` option (fields left out keep `defaultRetryPolicy`).
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 *
 * // Two retries, 100 ms then 200 ms of simulated time after the first attempt.
 * const layer = Sandbox.layer({ webhookRetry: { times: 2, baseDelay: "100 millis" } })
 * ```
 *
 * @since 0.1.0
 */
export interface RetryPolicy {
  readonly times: number
  readonly baseDelay: Duration.DurationInput
}

/**
 * The service's documented policy: 5 retries with exponential backoff (1 s, 2 s, 4 s, 8 s, 16 s
 * in the sandbox).
 *
 * @example
 * ```ts
 * import { Delivery } from "@agentphone-effect/sandbox"
 * import { Duration } from "effect"
 *
 * // When the last retry of a failing delivery happens, in simulated time after the first attempt:
 * const { baseDelay, times } = Delivery.defaultRetryPolicy
 * const lastRetryAfter = Duration.times(baseDelay, 2 ** times - 1) // 31 seconds
 * ```
 *
 * @since 0.1.0
 */
export const defaultRetryPolicy: RetryPolicy = { times: 5, baseDelay: Duration.seconds(1) }

/**
 * Sign a body as the service does.
 *
 * @example
 * ```ts
 * import { Delivery } from "@agentphone-effect/sandbox"
 *
 * Delivery.sign("whsec_test", "1772471045", "{}") // "sha256=…"
 * ```
 *
 * @since 0.1.0
 */
export const sign = (secret: string, timestamp: string, body: string): string =>
  "sha256=" + createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")

/**
 * One part of a voice reply (a JSON object, or one NDJSON line): its text, and whether it asks to
 * hang up, transfer or press digits.
 *
 * @example
 * ```ts
 * import { Delivery } from "@agentphone-effect/sandbox"
 *
 * const [chunk] = Delivery.parseVoiceReply("application/json", `{"text":"Goodbye","hangup":true}`).chunks
 * // chunk: { text: "Goodbye", interim: false, hangup: true, transfer: false, digits: undefined }
 * ```
 *
 * @since 0.1.0
 */
export interface VoiceChunk {
  readonly text: string | undefined
  readonly interim: boolean
  readonly hangup: boolean
  readonly transfer: boolean
  readonly digits: string | undefined
}

/**
 * A voice webhook's reply: the spoken text (the agent's turn) and whether it hangs up.
 *
 * @example
 * ```ts
 * import { Delivery } from "@agentphone-effect/sandbox"
 *
 * const reply: Delivery.VoiceReply = Delivery.parseVoiceReply(undefined, `{"text":"One moment"}`)
 * reply.text // "One moment"
 * reply.hangup // false
 * ```
 *
 * @since 0.1.0
 */
export interface VoiceReply {
  readonly text: string | null
  readonly hangup: boolean
  readonly chunks: ReadonlyArray<VoiceChunk>
}

const decodeJson = Schema.decodeUnknownEither(Schema.parseJson())

const chunkOf = (u: unknown): VoiceChunk | undefined => {
  if (!Predicate.isRecord(u)) return undefined
  const digits = u.digits ?? u.press_digit ?? u.dtmf
  return {
    text: typeof u.text === "string" ? u.text : undefined,
    interim: u.interim === true,
    hangup: u.hangup === true || u.action === "hangup",
    transfer: u.action === "transfer",
    digits: typeof digits === "string" ? digits : undefined
  }
}

/**
 * Read a voice reply body: `application/x-ndjson` (one object per line) or one JSON object.
 * Anything else is silence. This is how the sandbox reads your voice webhook's answer, so a test
 * can check a handler's body the same way.
 *
 * @example
 * ```ts
 * import { Delivery } from "@agentphone-effect/sandbox"
 *
 * const body = `{"text":"Let me check.","interim":true}\n{"text":"It ships today.","hangup":true}\n`
 * const reply = Delivery.parseVoiceReply("application/x-ndjson", body)
 * // reply.text === "Let me check. It ships today.", reply.hangup === true
 * ```
 *
 * @since 0.1.0
 */
export const parseVoiceReply = (contentType: string | undefined, text: string): VoiceReply => {
  const lines = contentType !== undefined && contentType.includes("ndjson")
    ? text.split(/\r?\n/).filter((l) => l.trim().length > 0)
    : [text]
  const chunks: Array<VoiceChunk> = []
  for (const line of lines) {
    const parsed = decodeJson(line)
    if (Either.isLeft(parsed)) continue
    const chunk = chunkOf(parsed.right)
    if (chunk !== undefined) chunks.push(chunk)
  }
  const texts = chunks.flatMap((c) => c.text === undefined || c.text.length === 0 ? [] : [c.text])
  return {
    text: texts.length === 0 ? null : texts.join(" "),
    hangup: chunks.some((c) => c.hangup),
    chunks
  }
}

/**
 * An event to deliver; `payload` is built once the target webhook is known (its `contextLimit`
 * shapes `recentHistory`).
 *
 * @internal
 * @since 0.1.0
 */
export interface Outgoing {
  readonly eventType: string
  readonly channel: string | null
  readonly messageId: string | null
  readonly agentId: string | null
  readonly payload: (webhook: Store.WebhookRecord) => unknown
}

/**
 * The delivery engine (built by `Sandbox.make`).
 *
 * @internal
 * @since 0.1.0
 */
export interface Service {
  /** The webhook an agent's events go to: its own, else the account's. */
  readonly target: (tenant: Store.Tenant, agentId: string | null) => Store.WebhookRecord | null
  /** Record a delivery and attempt it in the background, with retries. `undefined` when no webhook. */
  readonly dispatch: (
    tenant: Store.Tenant,
    event: Outgoing
  ) => Effect.Effect<Store.DeliveryRecord | undefined>
  /** Record a delivery to `webhook`, make the first attempt now, retry in the background. */
  readonly deliverNow: (
    tenant: Store.Tenant,
    webhook: Store.WebhookRecord,
    event: Outgoing
  ) => Effect.Effect<Store.DeliveryRecord>
  /** A voice turn: one attempt (no retries: a conversation cannot wait), the reply parsed. */
  readonly voice: (tenant: Store.Tenant, event: Outgoing) => Effect.Effect<VoiceReply | undefined>
}

/**
 * Build the delivery engine.
 *
 * @internal
 * @since 0.1.0
 */
export const make = (deps: {
  readonly store: Store.Service
  readonly clock: SimClock.Service
  readonly http: HttpClient.HttpClient
  readonly fibers: FiberSet.FiberSet
  readonly events: PubSub.PubSub<SandboxEvent>
  readonly retry: RetryPolicy
}): Service => {
  const { clock, events, fibers, retry, store } = deps
  const http = HttpClient.withTracerPropagation(deps.http, false)

  const target = (tenant: Store.Tenant, agentId: string | null) =>
    (agentId === null ? undefined : tenant.agentWebhooks.get(agentId)) ?? tenant.webhook

  const record = (tenant: Store.Tenant, webhook: Store.WebhookRecord, event: Outgoing) =>
    Effect.gen(function*() {
      const delivery: Store.DeliveryRecord = {
        id: yield* store.id("whd"),
        webhookId: webhook.id,
        agentId: webhook.agentId ?? event.agentId,
        messageId: event.messageId,
        eventType: event.eventType,
        channel: event.channel,
        status: "pending",
        httpStatus: null,
        errorMessage: null,
        responseBody: null,
        attemptCount: 0,
        lastAttemptAt: null,
        nextRetryAt: null,
        createdAt: yield* store.timestamp
      }
      tenant.deliveries.set(delivery.id, delivery)
      return delivery
    })

  const post = (webhook: Store.WebhookRecord, delivery: Store.DeliveryRecord, body: string) =>
    Effect.gen(function*() {
      // Signatures use the wall clock (Effect's Clock), not simulated time, so a receiver's
      // tolerance check passes even after the simulation was advanced.
      const timestamp = String(Math.floor((yield* Effect.clockWith((c) => c.currentTimeMillis)) / 1000))
      const request = HttpClientRequest.post(webhook.url, {
        headers: {
          "content-type": "application/json",
          "user-agent": "agentphone-sandbox",
          "x-webhook-signature": sign(Redacted.value(webhook.secret), timestamp, body),
          "x-webhook-timestamp": timestamp,
          "x-webhook-id": delivery.id,
          "x-webhook-event": delivery.eventType
        },
        body: HttpBody.text(body, "application/json")
      })
      return yield* http.execute(request).pipe(
        Effect.flatMap((response) =>
          Effect.map(
            Effect.orElseSucceed(response.text, () => ""),
            (text) => ({ status: response.status, text, contentType: response.headers["content-type"] })
          )
        ),
        Effect.timeoutFail({
          duration: Duration.seconds(webhook.timeout),
          onTimeout: () => `timed out after ${webhook.timeout} s`
        }),
        Effect.mapError((e) => typeof e === "string" ? e : `${e._tag}: ${e.message}`),
        Effect.either
      )
    })

  const attempt = (webhook: Store.WebhookRecord, delivery: Store.DeliveryRecord, body: string, retries: number) =>
    Effect.gen(function*() {
      const result = yield* post(webhook, delivery, body)
      const now = yield* clock.now
      delivery.attemptCount += 1
      delivery.lastAttemptAt = now
      const ok = Either.isRight(result) && result.right.status >= 200 && result.right.status < 300
      if (Either.isRight(result)) {
        delivery.httpStatus = result.right.status
        delivery.responseBody = result.right.text.slice(0, 2000)
        delivery.errorMessage = ok ? null : `HTTP ${result.right.status}`
      } else {
        delivery.httpStatus = null
        delivery.responseBody = null
        delivery.errorMessage = result.left
      }
      if (ok) {
        delivery.status = "delivered"
        delivery.nextRetryAt = null
      } else if (delivery.attemptCount <= retries) {
        delivery.status = "pending"
        delivery.nextRetryAt = now + Duration.toMillis(retry.baseDelay) * 2 ** (delivery.attemptCount - 1)
      } else {
        delivery.status = "failed"
        delivery.nextRetryAt = null
      }
      yield* events.publish(SandboxEvent.DeliveryAttempted({
        deliveryId: delivery.id,
        eventType: delivery.eventType,
        status: delivery.status,
        attemptCount: delivery.attemptCount,
        httpStatus: delivery.httpStatus,
        nextRetryAt: delivery.nextRetryAt
      }))
      return result
    })

  const retryLoop = (webhook: Store.WebhookRecord, delivery: Store.DeliveryRecord, body: string): Effect.Effect<void> =>
    Effect.suspend(() => {
      if (delivery.status !== "pending" || delivery.nextRetryAt === null) return Effect.void
      return clock.sleepUntil(delivery.nextRetryAt).pipe(
        Effect.zipRight(attempt(webhook, delivery, body, retry.times)),
        Effect.zipRight(Effect.suspend(() => retryLoop(webhook, delivery, body)))
      )
    })

  const deliverNow: Service["deliverNow"] = (tenant, webhook, event) =>
    Effect.gen(function*() {
      const delivery = yield* record(tenant, webhook, event)
      const body = JSON.stringify(event.payload(webhook))
      yield* attempt(webhook, delivery, body, retry.times)
      yield* FiberSet.run(fibers, retryLoop(webhook, delivery, body))
      return delivery
    })

  return {
    target,
    dispatch: (tenant, event) =>
      Effect.gen(function*() {
        const webhook = target(tenant, event.agentId)
        if (webhook === null) return undefined
        const delivery = yield* record(tenant, webhook, event)
        const body = JSON.stringify(event.payload(webhook))
        yield* FiberSet.run(
          fibers,
          Effect.zipRight(attempt(webhook, delivery, body, retry.times), retryLoop(webhook, delivery, body))
        )
        return delivery
      }),
    deliverNow,
    voice: (tenant, event) =>
      Effect.gen(function*() {
        const webhook = target(tenant, event.agentId)
        if (webhook === null) return undefined
        const delivery = yield* record(tenant, webhook, event)
        const result = yield* attempt(webhook, delivery, JSON.stringify(event.payload(webhook)), 0)
        if (Either.isLeft(result) || result.right.status < 200 || result.right.status >= 300) {
          return { text: null, hangup: false, chunks: [] }
        }
        return parseVoiceReply(result.right.contentType, result.right.text)
      })
  }
}
