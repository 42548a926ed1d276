/**
 * Sign payloads exactly as AgentPhone does, for your own tests (and for local senders such as a
 * sandbox): `X-Webhook-Signature: sha256=<hex HMAC-SHA256(secret, "{timestamp}.{body}")>`,
 * `X-Webhook-Timestamp` (unix seconds), `X-Webhook-ID`, `X-Webhook-Event`.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import type * as Redacted from "effect/Redacted"
import * as Hmac from "./internal/hmac.js"

/**
 * The `X-Webhook-Signature` value for a body at a timestamp: `sha256=<lower-case hex>`.
 *
 * @example
 * ```ts
 * import { WebhookSigner } from "@agentphone-effect/webhooks"
 * import { Redacted } from "effect"
 *
 * WebhookSigner.signature(Redacted.make("whsec_test"), 1772471045, "{}") // "sha256=…"
 * ```
 *
 * @since 0.1.0
 */
export const signature = (
  secret: Redacted.Redacted<string>,
  timestamp: number | string,
  body: string | Uint8Array
): string => `sha256=${Hmac.hex(secret, String(timestamp), body)}`

/**
 * @example
 * ```ts
 * import { WebhookSigner } from "@agentphone-effect/webhooks"
 * import { Redacted } from "effect"
 *
 * const options: WebhookSigner.SignOptions = {
 *   secret: Redacted.make("whsec_test"),
 *   payload: { event: "webhook.test" },
 *   id: "wh_test_1"
 * }
 * const delivery = WebhookSigner.sign(options) // Effect of a SignedDelivery, timestamp from the Clock
 * ```
 *
 * @since 0.1.0
 */
export interface SignOptions {
  readonly secret: Redacted.Redacted<string>
  /** The body: a string is sent as is; anything else is `JSON.stringify`-ed. */
  readonly payload: unknown
  /** Unix seconds; default: now, from the `Clock`. */
  readonly timestamp?: number | undefined
  /** `X-Webhook-ID`; default: a fresh random id. */
  readonly id?: string | undefined
  /** `X-Webhook-Event`; default: the payload's `event` field when it has one. */
  readonly event?: string | undefined
}

/**
 * A signed delivery: the exact body text and the headers to send with it.
 *
 * @example
 * ```ts
 * import { WebhookSigner } from "@agentphone-effect/webhooks"
 * import { Redacted } from "effect"
 *
 * const delivery: WebhookSigner.SignedDelivery = WebhookSigner.signAt({
 *   secret: Redacted.make("whsec_test"),
 *   payload: { event: "webhook.test" },
 *   timestamp: 1772471045
 * })
 * const sent = fetch("http://127.0.0.1:3000/webhooks", { method: "POST", body: delivery.body, headers: delivery.headers })
 * ```
 *
 * @since 0.1.0
 */
export interface SignedDelivery {
  readonly body: string
  readonly headers: Readonly<Record<string, string>>
}

const eventOf = (payload: unknown): string | undefined =>
  typeof payload === "object" && payload !== null && "event" in payload && typeof payload.event === "string" ?
    payload.event :
    undefined

let counter = 0
const freshId = (): string =>
  `wh_${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 8)}`

/**
 * Sign a payload at a given timestamp, synchronously.
 *
 * @example
 * ```ts
 * import { WebhookSigner } from "@agentphone-effect/webhooks"
 * import { Redacted } from "effect"
 *
 * const { body, headers } = WebhookSigner.signAt({
 *   secret: Redacted.make("whsec_test"),
 *   payload: { event: "agent.message", channel: "sms", data: {} },
 *   timestamp: 1772471045
 * })
 * await fetch("http://127.0.0.1:3000/webhooks", { method: "POST", body, headers })
 * ```
 *
 * @since 0.1.0
 */
export const signAt = (options: SignOptions & { readonly timestamp: number }): SignedDelivery => {
  const body = typeof options.payload === "string" ? options.payload : JSON.stringify(options.payload)
  const event = options.event ?? eventOf(options.payload)
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-webhook-signature": signature(options.secret, options.timestamp, body),
    "x-webhook-timestamp": String(options.timestamp),
    "x-webhook-id": options.id ?? freshId()
  }
  if (event !== undefined) headers["x-webhook-event"] = event
  return { body, headers }
}

/**
 * Sign a payload as AgentPhone would right now (time from the `Clock`, so `TestClock` drives it).
 *
 * @example
 * ```ts
 * import { WebhookSigner } from "@agentphone-effect/webhooks"
 * import { Effect, Redacted } from "effect"
 *
 * const delivery = WebhookSigner.sign({
 *   secret: Redacted.make("whsec_test"),
 *   payload: { event: "agent.call_ended", channel: "voice", data: { callId: "call_1" } }
 * })
 * ```
 *
 * @since 0.1.0
 */
export const sign = (options: SignOptions): Effect.Effect<SignedDelivery> =>
  options.timestamp !== undefined ?
    Effect.sync(() => signAt({ ...options, timestamp: options.timestamp! })) :
    Effect.map(Clock.currentTimeMillis, (millis) => signAt({ ...options, timestamp: Math.floor(millis / 1000) }))

/**
 * A signed web `Request` for a Fetch-style handler.
 *
 * @example
 * ```ts
 * import { WebhookSigner } from "@agentphone-effect/webhooks"
 * import { Redacted } from "effect"
 *
 * const delivery = WebhookSigner.signAt({ secret: Redacted.make("s"), payload: { event: "test" }, timestamp: 0 })
 * const request = WebhookSigner.toRequest("http://localhost/webhooks", delivery)
 * ```
 *
 * @since 0.1.0
 */
export const toRequest = (url: string | URL, delivery: SignedDelivery): Request =>
  new Request(url, { method: "POST", body: delivery.body, headers: delivery.headers })
