/**
 * The typed reasons a webhook delivery is refused: one tag per failure mode, so a receiver can
 * `Effect.catchTag("TimestampTooOldError", ...)` exactly the case it cares about. Every error knows
 * the HTTP status a receiver should answer with (`status`) and a short machine-readable `reason`.
 *
 * No error ever carries a secret, a signature value or the body.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A required header is absent (`X-Webhook-Signature` or `X-Webhook-Timestamp`).
 *
 * @example
 * ```ts
 * import { Webhook } from "@agentphone-effect/webhooks"
 * import { Effect, Redacted } from "effect"
 *
 * Webhook.verify("{}", {}, Redacted.make("whsec_...")).pipe(
 *   Effect.catchTag("MissingHeaderError", (e) => Effect.log(`missing ${e.header}`))
 * )
 * ```
 *
 * @since 0.1.0
 */
export class MissingHeaderError extends Schema.TaggedError<MissingHeaderError>()("MissingHeaderError", {
  /** The header's canonical name, e.g. `X-Webhook-Signature`. */
  header: Schema.String
}) {
  /** @since 0.1.0 */
  get status(): 401 {
    return 401
  }
  /** @since 0.1.0 */
  get reason(): "missing_header" {
    return "missing_header"
  }
  override get message(): string {
    return `The webhook delivery has no ${this.header} header, so it cannot be authenticated. ` +
      `Pass the request's headers unchanged (a proxy may strip them).`
  }
}

/**
 * `X-Webhook-Signature` is not `sha256=<64 hex digits>`.
 *
 * @example
 * ```ts
 * import { Webhook } from "@agentphone-effect/webhooks"
 * import { Effect, Redacted } from "effect"
 *
 * const check = (body: string, headers: Record<string, string>) =>
 *   Webhook.verify(body, headers, Redacted.make("whsec_...")).pipe(
 *     Effect.catchTag("MalformedSignatureError", (e) => Effect.logWarning(`${e.reason}: ${e.message}`))
 *   )
 * ```
 *
 * @since 0.1.0
 */
export class MalformedSignatureError
  extends Schema.TaggedError<MalformedSignatureError>()("MalformedSignatureError", {})
{
  /** @since 0.1.0 */
  get status(): 401 {
    return 401
  }
  /** @since 0.1.0 */
  get reason(): "malformed_signature" {
    return "malformed_signature"
  }
  override get message(): string {
    return "X-Webhook-Signature is malformed: expected \"sha256=\" followed by 64 hex digits. " +
      "The delivery does not come from AgentPhone, or a proxy rewrote the header."
  }
}

/**
 * `X-Webhook-Timestamp` is not a whole number of unix seconds.
 *
 * @example
 * ```ts
 * import { Webhook } from "@agentphone-effect/webhooks"
 * import { Effect, Redacted } from "effect"
 *
 * const check = (body: string, headers: Record<string, string>) =>
 *   Webhook.verify(body, headers, Redacted.make("whsec_...")).pipe(
 *     Effect.catchTag("MalformedTimestampError", (e) => Effect.logWarning(e.reason))
 *   )
 * ```
 *
 * @since 0.1.0
 */
export class MalformedTimestampError
  extends Schema.TaggedError<MalformedTimestampError>()("MalformedTimestampError", {})
{
  /** @since 0.1.0 */
  get status(): 401 {
    return 401
  }
  /** @since 0.1.0 */
  get reason(): "malformed_timestamp" {
    return "malformed_timestamp"
  }
  override get message(): string {
    return "X-Webhook-Timestamp is malformed: expected unix seconds (digits only). " +
      "The delivery does not come from AgentPhone, or a proxy rewrote the header."
  }
}

/**
 * The signature matches none of the configured secrets: the body or timestamp was changed, or the
 * secret is wrong (each `createOrUpdateWebhook` issues a new one).
 *
 * @example
 * ```ts
 * import { Webhook } from "@agentphone-effect/webhooks"
 * import { Effect, Redacted } from "effect"
 *
 * const check = (body: string, headers: Record<string, string>) =>
 *   Webhook.verify(body, headers, Redacted.make("whsec_...")).pipe(
 *     Effect.catchTag("SignatureMismatchError", (e) => Effect.logWarning(`no match among ${e.secretsTried} secret(s)`))
 *   )
 * ```
 *
 * @since 0.1.0
 */
export class SignatureMismatchError extends Schema.TaggedError<SignatureMismatchError>()("SignatureMismatchError", {
  /** How many secrets were tried. */
  secretsTried: Schema.Number
}) {
  /** @since 0.1.0 */
  get status(): 401 {
    return 401
  }
  /** @since 0.1.0 */
  get reason(): "signature_mismatch" {
    return "signature_mismatch"
  }
  override get message(): string {
    return `The webhook signature matches none of the ${this.secretsTried} configured secret(s). ` +
      `Check that the secret is the one returned by the latest createOrUpdateWebhook (keep the old one ` +
      `configured while rotating) and that the raw body is passed unmodified (not re-serialised JSON).`
  }
}

/**
 * The timestamp is older than the tolerance allows: a replay, or a delivery held up too long.
 *
 * @example
 * ```ts
 * import { Webhook } from "@agentphone-effect/webhooks"
 * import { Effect, Redacted } from "effect"
 *
 * const check = (body: string, headers: Record<string, string>) =>
 *   Webhook.verify(body, headers, Redacted.make("whsec_...")).pipe(
 *     Effect.catchTag("TimestampTooOldError", (e) => Effect.logWarning(`${e.now - e.timestamp} s old`))
 *   )
 * ```
 *
 * @since 0.1.0
 */
export class TimestampTooOldError extends Schema.TaggedError<TimestampTooOldError>()("TimestampTooOldError", {
  /** The delivery's `X-Webhook-Timestamp` (unix seconds). */
  timestamp: Schema.Number,
  /** The receiver's clock (unix seconds). */
  now: Schema.Number,
  /** The tolerance in seconds. */
  toleranceSeconds: Schema.Number
}) {
  /** @since 0.1.0 */
  get status(): 401 {
    return 401
  }
  /** @since 0.1.0 */
  get reason(): "timestamp_too_old" {
    return "timestamp_too_old"
  }
  override get message(): string {
    return `The webhook timestamp is ${this.now - this.timestamp} s old, more than the ${this.toleranceSeconds} s ` +
      `tolerance: a replayed or delayed delivery. If the server clock is wrong, fix it (NTP).`
  }
}

/**
 * The timestamp lies further in the future than the tolerance allows (clock skew or forgery).
 *
 * @example
 * ```ts
 * import { Webhook } from "@agentphone-effect/webhooks"
 * import { Effect, Redacted } from "effect"
 *
 * const check = (body: string, headers: Record<string, string>) =>
 *   Webhook.verify(body, headers, Redacted.make("whsec_...")).pipe(
 *     Effect.catchTag("TimestampTooNewError", (e) => Effect.logWarning(`${e.timestamp - e.now} s ahead: check NTP`))
 *   )
 * ```
 *
 * @since 0.1.0
 */
export class TimestampTooNewError extends Schema.TaggedError<TimestampTooNewError>()("TimestampTooNewError", {
  /** The delivery's `X-Webhook-Timestamp` (unix seconds). */
  timestamp: Schema.Number,
  /** The receiver's clock (unix seconds). */
  now: Schema.Number,
  /** The tolerance in seconds. */
  toleranceSeconds: Schema.Number
}) {
  /** @since 0.1.0 */
  get status(): 401 {
    return 401
  }
  /** @since 0.1.0 */
  get reason(): "timestamp_too_new" {
    return "timestamp_too_new"
  }
  override get message(): string {
    return `The webhook timestamp is ${this.timestamp - this.now} s in the future, more than the ` +
      `${this.toleranceSeconds} s tolerance. Check the server clock (NTP).`
  }
}

/**
 * The signature is valid but the body is not an event: not UTF-8, not JSON, or a known event
 * whose fields break the documented shape.
 *
 * @example
 * ```ts
 * import { Webhook } from "@agentphone-effect/webhooks"
 * import { Effect, Redacted } from "effect"
 *
 * const check = (body: string, headers: Record<string, string>) =>
 *   Webhook.verify(body, headers, Redacted.make("whsec_...")).pipe(
 *     Effect.catchTag("UndecodableBodyError", (e) => Effect.logError(`authentic but undecodable: ${e.issue}`))
 *   )
 * ```
 *
 * @since 0.1.0
 */
export class UndecodableBodyError extends Schema.TaggedError<UndecodableBodyError>()("UndecodableBodyError", {
  /** What is wrong with the body (a parse or schema issue; never the body itself). */
  issue: Schema.String
}) {
  /** @since 0.1.0 */
  get status(): 400 {
    return 400
  }
  /** @since 0.1.0 */
  get reason(): "undecodable_body" {
    return "undecodable_body"
  }
  override get message(): string {
    return `The webhook body is authentic but cannot be decoded as an AgentPhone event: ${this.issue}`
  }
}

/**
 * The request body is larger than the receiver's `maxBodyBytes` (default 1 MiB). The receiver
 * answers 413 without reading past the limit and never runs the handler.
 *
 * @example
 * ```ts
 * import { WebhookError } from "@agentphone-effect/webhooks"
 *
 * const error = new WebhookError.BodyTooLargeError({ maxBytes: 1_048_576, contentLength: 5_000_000 })
 * error.status // 413
 * ```
 *
 * @since 0.1.0
 */
export class BodyTooLargeError extends Schema.TaggedError<BodyTooLargeError>()("BodyTooLargeError", {
  /** The limit, in bytes. */
  maxBytes: Schema.Number,
  /** The `Content-Length` the request declared, when it declared one. */
  contentLength: Schema.optional(Schema.Number)
}) {
  /** @since 0.1.0 */
  get status(): 413 {
    return 413
  }
  /** @since 0.1.0 */
  get reason(): "body_too_large" {
    return "body_too_large"
  }
  override get message(): string {
    return `The webhook body is larger than the receiver's limit of ${this.maxBytes} bytes` +
      (this.contentLength === undefined ? "" : ` (Content-Length: ${this.contentLength})`) +
      `. Raise the receiver's maxBodyBytes if AgentPhone really sends deliveries this large.`
  }
}

/**
 * Any reason `verify` refuses a delivery.
 *
 * @example
 * ```ts
 * import { WebhookError } from "@agentphone-effect/webhooks"
 *
 * const answer = (e: WebhookError.WebhookVerificationError) => ({ status: e.status, body: { reason: e.reason } })
 * ```
 *
 * @since 0.1.0
 */
export type WebhookVerificationError =
  | MissingHeaderError
  | MalformedSignatureError
  | MalformedTimestampError
  | SignatureMismatchError
  | TimestampTooOldError
  | TimestampTooNewError
  | UndecodableBodyError

/**
 * The reasons that mean "not proven to come from AgentPhone" (everything but a bad body).
 *
 * @example
 * ```ts
 * import { WebhookError } from "@agentphone-effect/webhooks"
 *
 * const unauthenticated = (
 *   e: WebhookError.WebhookVerificationError
 * ): e is WebhookError.SignatureVerificationError => e._tag !== "UndecodableBodyError"
 * ```
 *
 * @since 0.1.0
 */
export type SignatureVerificationError = Exclude<WebhookVerificationError, UndecodableBodyError>

/**
 * The duplicate-delivery store failed (e.g. a Redis outage in a custom store). The receiver answers
 * 500 so AgentPhone retries later.
 *
 * @example
 * ```ts
 * import { DeliveryStore, WebhookError } from "@agentphone-effect/webhooks"
 * import { Effect } from "effect"
 *
 * declare const redisSetNx: (key: string) => Promise<boolean>
 *
 * const claim = (id: string): Effect.Effect<DeliveryStore.ClaimResult, WebhookError.DeliveryStoreError> =>
 *   Effect.tryPromise({
 *     try: () => redisSetNx(`webhook:${id}`),
 *     catch: (cause) => new WebhookError.DeliveryStoreError({ operation: "claim", cause })
 *   }).pipe(Effect.map((fresh) => fresh ? "New" : "Duplicate"))
 * ```
 *
 * @since 0.1.0
 */
export class DeliveryStoreError extends Schema.TaggedError<DeliveryStoreError>()("DeliveryStoreError", {
  /** What the store was doing. */
  operation: Schema.String,
  /** The underlying failure. */
  cause: Schema.Unknown
}) {
  override get message(): string {
    return `The webhook delivery store failed during ${this.operation}; the delivery will be retried by AgentPhone.`
  }
}
