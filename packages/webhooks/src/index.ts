/**
 * `@agentphone-effect/webhooks`: verify AgentPhone webhook deliveries, decode them into typed
 * events, serve them with a ready receiver and answer voice turns with streaming replies.
 *
 * @since 0.1.0
 */

/**
 * `verify`, `verifySignature`, `verifyDelivery`, `decode`: signature, timestamp and body checks.
 *
 * @since 0.1.0
 */
export * as Webhook from "./Webhook.js"

/**
 * The typed reasons a delivery is refused.
 *
 * @since 0.1.0
 */
export * as WebhookError from "./WebhookError.js"

/**
 * The event union (`Message`, `VoiceMessage`, `Reaction`, `CallEnded`, `Test`, `Unknown`).
 *
 * @since 0.1.0
 */
export * as WebhookEvent from "./WebhookEvent.js"

/**
 * Sign payloads exactly as AgentPhone does (for tests and local senders).
 *
 * @since 0.1.0
 */
export * as WebhookSigner from "./WebhookSigner.js"

/**
 * Ready receivers: an `HttpApp` / router handler and a Fetch-style adapter.
 *
 * @since 0.1.0
 */
export * as WebhookReceiver from "./WebhookReceiver.js"

/**
 * Duplicate-delivery protection by `X-Webhook-ID` (in memory by default, pluggable).
 *
 * @since 0.1.0
 */
export * as DeliveryStore from "./DeliveryStore.js"

/**
 * Voice replies: streaming NDJSON from a `Stream` of text, or one JSON object.
 *
 * @since 0.1.0
 */
export * as VoiceReply from "./VoiceReply.js"
