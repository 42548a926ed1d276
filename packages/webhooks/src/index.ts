/**
 * `@agentphone-effect/webhooks`: verify AgentPhone webhook deliveries, decode them into typed
 * events, serve them with a ready receiver and answer voice turns with streaming replies.
 *
 * @since 0.1.0
 */

/**
 * `verify`, `verifySignature`, `verifyDelivery`, `decode`: signature, timestamp and body checks.
 *
 * @example
 * ```ts
 * import { Webhook } from "@agentphone-effect/webhooks"
 * import { Redacted } from "effect"
 *
 * const verify = (body: string, headers: Record<string, string>) => Webhook.verify(body, headers, Redacted.make("whsec_..."))
 * ```
 *
 * @since 0.1.0
 */
export * as Webhook from "./Webhook.js"

/**
 * The typed reasons a delivery is refused.
 *
 * @example
 * ```ts
 * import type { WebhookError } from "@agentphone-effect/webhooks"
 *
 * const status = (e: WebhookError.WebhookVerificationError): number => e.status
 * ```
 *
 * @since 0.1.0
 */
export * as WebhookError from "./WebhookError.js"

/**
 * The event union (`Message`, `VoiceMessage`, `Reaction`, `CallEnded`, `Test`, `Unknown`).
 *
 * @example
 * ```ts
 * import type { WebhookEvent } from "@agentphone-effect/webhooks"
 *
 * const tag = (e: WebhookEvent.WebhookEvent): string => e._tag
 * ```
 *
 * @since 0.1.0
 */
export * as WebhookEvent from "./WebhookEvent.js"

/**
 * Sign payloads exactly as AgentPhone does (for tests and local senders).
 *
 * @example
 * ```ts
 * import { WebhookSigner } from "@agentphone-effect/webhooks"
 * import { Redacted } from "effect"
 *
 * const delivery = WebhookSigner.signAt({ secret: Redacted.make("whsec_test"), payload: { event: "test" }, timestamp: 1 })
 * ```
 *
 * @since 0.1.0
 */
export * as WebhookSigner from "./WebhookSigner.js"

/**
 * Ready receivers: an `HttpApp` / router handler and a Fetch-style adapter.
 *
 * @example
 * ```ts
 * import { WebhookReceiver } from "@agentphone-effect/webhooks"
 * import { Effect, Redacted } from "effect"
 *
 * const POST = WebhookReceiver.toFetchHandler({ secrets: Redacted.make("whsec_...") }, (e) => Effect.log(e._tag))
 * ```
 *
 * @since 0.1.0
 */
export * as WebhookReceiver from "./WebhookReceiver.js"

/**
 * Duplicate-delivery protection by `X-Webhook-ID` (in memory by default, pluggable).
 *
 * @example
 * ```ts
 * import { DeliveryStore } from "@agentphone-effect/webhooks"
 *
 * const StoreLive = DeliveryStore.layerMemory({ capacity: 100_000 })
 * ```
 *
 * @since 0.1.0
 */
export * as DeliveryStore from "./DeliveryStore.js"

/**
 * Voice replies: streaming NDJSON from a `Stream` of text, or one JSON object.
 *
 * @example
 * ```ts
 * import { VoiceReply } from "@agentphone-effect/webhooks"
 *
 * const response = VoiceReply.say("One moment please.")
 * ```
 *
 * @since 0.1.0
 */
export * as VoiceReply from "./VoiceReply.js"
