/**
 * Verify AgentPhone webhook deliveries: `X-Webhook-Signature: sha256=<hex HMAC-SHA256 of
 * "{timestamp}.{raw body}">` checked in constant time against one or several secrets (rotation),
 * `X-Webhook-Timestamp` within a tolerance read from Effect's `Clock`, then the body decoded into a
 * typed `WebhookEvent`.
 *
 * @since 0.1.0
 */
import * as Model from "@agentphone-effect/core/Model"
import type * as Headers from "@effect/platform/Headers"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Predicate from "effect/Predicate"
import * as Redacted from "effect/Redacted"
import * as Hmac from "./internal/hmac.js"
import * as WebhookError from "./WebhookError.js"
import * as WebhookEvent from "./WebhookEvent.js"

/**
 * The delivery headers AgentPhone sends (lower-case, as HTTP servers report them).
 *
 * @example
 * ```ts
 * import { Webhook } from "@agentphone-effect/webhooks"
 *
 * const deliveryId = (headers: Record<string, string>) => Webhook.getHeader(headers, Webhook.headerNames.id)
 * ```
 *
 * @since 0.1.0
 */
export const headerNames = {
  signature: "x-webhook-signature",
  timestamp: "x-webhook-timestamp",
  id: "x-webhook-id",
  event: "x-webhook-event"
} as const

/**
 * The default tolerance: 300 s either way, inclusive (a delivery exactly 300 s old is accepted).
 *
 * @example
 * ```ts
 * import { Webhook } from "@agentphone-effect/webhooks"
 * import { Redacted } from "effect"
 *
 * // accept deliveries up to 10 minutes old (or ahead)
 * const check = (body: string, headers: Record<string, string>) =>
 *   Webhook.verify(body, headers, Redacted.make("whsec_..."), { toleranceSeconds: 2 * Webhook.defaultToleranceSeconds })
 * ```
 *
 * @since 0.1.0
 */
export const defaultToleranceSeconds = 300

/**
 * One webhook secret, or several during a rotation (any may match).
 *
 * @example
 * ```ts
 * import { Webhook } from "@agentphone-effect/webhooks"
 * import { Redacted } from "effect"
 *
 * // during a rotation, keep the previous secret until every delivery signed with it has arrived
 * const secrets: Webhook.Secrets = [Redacted.make("whsec_new"), Redacted.make("whsec_previous")]
 * ```
 *
 * @since 0.1.0
 */
export type Secrets = Redacted.Redacted<string> | ReadonlyArray<Redacted.Redacted<string>>

/**
 * Request headers in any common shape: `@effect/platform` `Headers`, a web `Headers`, Node's
 * `IncomingHttpHeaders` or a plain record (names matched case-insensitively).
 *
 * @example
 * ```ts
 * import { Webhook } from "@agentphone-effect/webhooks"
 *
 * const fromNode: Webhook.HeadersInput = { "x-webhook-id": "wh_1", "x-webhook-timestamp": "1772471045" }
 * const fromFetch: Webhook.HeadersInput = new Headers({ "X-Webhook-ID": "wh_1" })
 * ```
 *
 * @since 0.1.0
 */
export type HeadersInput = Headers.Input | globalThis.Headers

/**
 * @example
 * ```ts
 * import { Webhook } from "@agentphone-effect/webhooks"
 * import { Redacted } from "effect"
 *
 * const options: Webhook.VerifyOptions = { toleranceSeconds: 60 }
 * const check = (body: string, headers: Record<string, string>) =>
 *   Webhook.verify(body, headers, Redacted.make("whsec_..."), options)
 * ```
 *
 * @since 0.1.0
 */
export interface VerifyOptions {
  /** Largest allowed distance between `X-Webhook-Timestamp` and the `Clock`, in seconds (default 300). */
  readonly toleranceSeconds?: number | undefined
}

/**
 * What a verified delivery says about itself, besides its event.
 *
 * @example
 * ```ts
 * import { Webhook } from "@agentphone-effect/webhooks"
 *
 * const dedupeKey = (info: Webhook.DeliveryInfo): string => info.id ?? `ts:${info.timestamp}`
 * ```
 *
 * @since 0.1.0
 */
export interface DeliveryInfo {
  /** `X-Webhook-ID`: the same on every retry of one delivery (the dedupe key). */
  readonly id: string | undefined
  /** `X-Webhook-Event`, as sent. */
  readonly eventType: string | undefined
  /** `X-Webhook-Timestamp`, unix seconds. */
  readonly timestamp: number
}

/**
 * A verified, decoded delivery.
 *
 * @example
 * ```ts
 * import { Webhook } from "@agentphone-effect/webhooks"
 *
 * const describe = (delivery: Webhook.Delivery): string =>
 *   `${delivery.id ?? "?"}: ${delivery.event._tag}, ${delivery.body.length} characters`
 * ```
 *
 * @since 0.1.0
 */
export interface Delivery extends DeliveryInfo {
  readonly event: WebhookEvent.WebhookEvent
  /** The raw body as text (for fields this version does not model). */
  readonly body: string
}

/**
 * Read one header from any `HeadersInput`, case-insensitively (first value when repeated).
 *
 * @example
 * ```ts
 * import { Webhook } from "@agentphone-effect/webhooks"
 *
 * Webhook.getHeader({ "X-Webhook-ID": "wh_1" }, "x-webhook-id") // "wh_1"
 * ```
 *
 * @since 0.1.0
 */
export const getHeader = (headers: HeadersInput, lowerCaseName: string): string | undefined => {
  // Fast path: `@effect/platform` Headers and Node's IncomingHttpHeaders are lower-cased records.
  const direct = (headers as Record<string, unknown>)[lowerCaseName]
  if (typeof direct === "string") return direct
  if (typeof globalThis.Headers === "function" && headers instanceof globalThis.Headers) {
    return headers.get(lowerCaseName) ?? undefined
  }
  if (Predicate.isIterable(headers)) {
    for (const [key, value] of headers) {
      if (key.toLowerCase() === lowerCaseName) return value
    }
    return undefined
  }
  const record = headers as Record<string, string | ReadonlyArray<string> | undefined>
  let value = record[lowerCaseName]
  if (value === undefined) {
    for (const key in record) {
      if (key.toLowerCase() === lowerCaseName) {
        value = record[key]
        break
      }
    }
  }
  return typeof value === "string" || value === undefined ? value : value[0]
}

type SignatureHeaderError =
  | WebhookError.MissingHeaderError
  | WebhookError.MalformedSignatureError
  | WebhookError.MalformedTimestampError

/** The signature headers, present and well-formed, or the first thing wrong with them. */
const readSignatureHeaders = (headers: HeadersInput): SignatureHeaderError | {
  readonly given: Buffer
  readonly timestamp: number
  readonly timestampHeader: string
} => {
  const signatureHeader = getHeader(headers, headerNames.signature)
  if (signatureHeader === undefined) return new WebhookError.MissingHeaderError({ header: "X-Webhook-Signature" })
  const timestampHeader = getHeader(headers, headerNames.timestamp)
  if (timestampHeader === undefined) return new WebhookError.MissingHeaderError({ header: "X-Webhook-Timestamp" })
  const given = Hmac.parseSignature(signatureHeader)
  if (given === undefined) return new WebhookError.MalformedSignatureError()
  const timestamp = Hmac.parseTimestamp(timestampHeader)
  if (timestamp === undefined) return new WebhookError.MalformedTimestampError()
  return { given, timestamp, timestampHeader: timestampHeader.trim() }
}

/**
 * What can be refused before the body is read: a missing or malformed `X-Webhook-Signature` or
 * `X-Webhook-Timestamp` (the same error `checkSignature` would give), else `undefined`. The
 * receivers check it first, so such a request is answered without reading its body.
 *
 * @example
 * ```ts
 * import { Webhook } from "@agentphone-effect/webhooks"
 *
 * const refusal = Webhook.checkSignatureHeaders({ "x-webhook-timestamp": "1772471045" })
 * refusal?._tag // "MissingHeaderError"
 * ```
 *
 * @since 0.1.0
 */
export const checkSignatureHeaders = (headers: HeadersInput): SignatureHeaderError | undefined => {
  const read = readSignatureHeaders(headers)
  return "_tag" in read ? read : undefined
}

const toArray = (secrets: Secrets): ReadonlyArray<Redacted.Redacted<string>> =>
  Redacted.isRedacted(secrets) ? [secrets as Redacted.Redacted<string>] : secrets as ReadonlyArray<
    Redacted.Redacted<string>
  >

/**
 * The pure check behind `verifySignature`, given the time: the error, or the delivery's info.
 *
 * @example
 * ```ts
 * import { Webhook } from "@agentphone-effect/webhooks"
 * import { Redacted } from "effect"
 *
 * const headers = { "x-webhook-signature": "sha256=00", "x-webhook-timestamp": "1772471045" }
 * const result = Webhook.checkSignature("{}", headers, Redacted.make("whsec_..."), Date.now())
 * const refusal = "_tag" in result ? result.reason : undefined // "malformed_signature"
 * ```
 *
 * @since 0.1.0
 */
export const checkSignature = (
  rawBody: string | Uint8Array,
  headers: HeadersInput,
  secrets: Secrets,
  nowMillis: number,
  toleranceSeconds: number = defaultToleranceSeconds
): WebhookError.SignatureVerificationError | DeliveryInfo => {
  const read = readSignatureHeaders(headers)
  if ("_tag" in read) return read
  const { given, timestamp, timestampHeader } = read
  const list = toArray(secrets)
  if (!Hmac.matchesAny(list, timestampHeader, rawBody, given)) {
    return new WebhookError.SignatureMismatchError({ secretsTried: list.length })
  }
  const now = Math.floor(nowMillis / 1000)
  if (now - timestamp > toleranceSeconds) {
    return new WebhookError.TimestampTooOldError({ timestamp, now, toleranceSeconds })
  }
  if (timestamp - now > toleranceSeconds) {
    return new WebhookError.TimestampTooNewError({ timestamp, now, toleranceSeconds })
  }
  return {
    id: getHeader(headers, headerNames.id),
    eventType: getHeader(headers, headerNames.event),
    timestamp
  }
}

const isError = (
  u: WebhookError.SignatureVerificationError | DeliveryInfo
): u is WebhookError.SignatureVerificationError => "_tag" in u

/**
 * Authenticate a delivery without decoding its body: headers present and well-formed, the HMAC
 * of `{timestamp}.{raw body}` matching one of `secrets` (constant-time), and the timestamp within
 * `toleranceSeconds` (default 300, inclusive) of the `Clock`.
 *
 * @example
 * ```ts
 * import { Webhook } from "@agentphone-effect/webhooks"
 * import { Effect, Redacted } from "effect"
 *
 * const secret = Redacted.make(process.env.AGENTPHONE_WEBHOOK_SECRET ?? "")
 * const check = (body: string, headers: Record<string, string>) =>
 *   Webhook.verifySignature(body, headers, secret).pipe(Effect.map((info) => info.id))
 * ```
 *
 * @since 0.1.0
 */
export const verifySignature = (
  rawBody: string | Uint8Array,
  headers: HeadersInput,
  secrets: Secrets,
  options?: VerifyOptions
): Effect.Effect<DeliveryInfo, WebhookError.SignatureVerificationError> =>
  Effect.clockWith((clock) => {
    const result = checkSignature(rawBody, headers, secrets, clock.unsafeCurrentTimeMillis(), options?.toleranceSeconds)
    return isError(result) ? Either.left(result) : Either.right(result)
  })

const utf8 = new TextDecoder("utf-8", { fatal: true })

/**
 * Decode an (already verified) body into a `WebhookEvent`.
 *
 * @example
 * ```ts
 * import { Webhook } from "@agentphone-effect/webhooks"
 *
 * const event = Webhook.decode("{\"event\":\"number.released\"}") // Effect of an Unknown event
 * ```
 *
 * @since 0.1.0
 */
export const decode = (rawBody: string | Uint8Array): Effect.Effect<
  readonly [WebhookEvent.WebhookEvent, string],
  WebhookError.UndecodableBodyError
> => decodeEither(rawBody)

const decodeEither = (
  rawBody: string | Uint8Array
): Either.Either<readonly [WebhookEvent.WebhookEvent, string], WebhookError.UndecodableBodyError> => {
  let text: string
  if (typeof rawBody === "string") {
    text = rawBody
  } else {
    try {
      text = utf8.decode(rawBody)
    } catch {
      return Either.left(new WebhookError.UndecodableBodyError({ issue: "the body is not valid UTF-8" }))
    }
  }
  return Either.mapBoth(WebhookEvent.decodeJsonEither(text), {
    onLeft: (error) => new WebhookError.UndecodableBodyError({ issue: Model.describeParseError(error) }),
    onRight: (event) => [event, text] as const
  })
}

// The synchronous core of `verify` / `verifyDelivery`: one Effect step (reading the Clock) around it.
const verifyEither = (
  rawBody: string | Uint8Array,
  headers: HeadersInput,
  secrets: Secrets,
  nowMillis: number,
  options: VerifyOptions | undefined
): Either.Either<Delivery, WebhookError.WebhookVerificationError> => {
  const info = checkSignature(rawBody, headers, secrets, nowMillis, options?.toleranceSeconds)
  if (isError(info)) return Either.left(info)
  const decoded = decodeEither(rawBody)
  if (Either.isLeft(decoded)) return Either.left(decoded.left)
  const [event, body] = decoded.right
  return Either.right({ id: info.id, eventType: info.eventType, timestamp: info.timestamp, event, body })
}

/**
 * Verify and decode a delivery, keeping its id, event header, timestamp and raw text.
 *
 * @example
 * ```ts
 * import { Webhook } from "@agentphone-effect/webhooks"
 * import { Effect, Redacted } from "effect"
 *
 * const secret = Redacted.make("whsec_...")
 * const program = (body: Uint8Array, headers: Headers) =>
 *   Webhook.verifyDelivery(body, headers, secret).pipe(
 *     Effect.tap((d) => Effect.log(`delivery ${d.id}: ${d.event._tag}`))
 *   )
 * ```
 *
 * @since 0.1.0
 */
export const verifyDelivery = (
  rawBody: string | Uint8Array,
  headers: HeadersInput,
  secrets: Secrets,
  options?: VerifyOptions
): Effect.Effect<Delivery, WebhookError.WebhookVerificationError> =>
  Effect.clockWith((clock) => verifyEither(rawBody, headers, secrets, clock.unsafeCurrentTimeMillis(), options))

/**
 * Verify a delivery and decode its event. Fails with a typed error per reason:
 * `MissingHeaderError`, `MalformedSignatureError`, `MalformedTimestampError`,
 * `SignatureMismatchError`, `TimestampTooOldError`, `TimestampTooNewError`, `UndecodableBodyError`.
 *
 * Pass the **raw** body (the exact bytes or text received), never re-serialised JSON.
 *
 * Not a traced span: a span per call cost as much as the decode itself in the bench; the
 * receivers open one `WebhookReceiver.handle` span per request instead. The work is synchronous
 * (one Effect step reads the `Clock`).
 *
 * @example
 * ```ts
 * import { Webhook } from "@agentphone-effect/webhooks"
 * import { Effect, Redacted } from "effect"
 *
 * const secrets = [Redacted.make("whsec_new"), Redacted.make("whsec_old")] // rotation
 * const handle = (rawBody: string, headers: Record<string, string>) =>
 *   Webhook.verify(rawBody, headers, secrets).pipe(
 *     Effect.flatMap((event) => Effect.log(event._tag)),
 *     Effect.catchTag("TimestampTooOldError", (e) => Effect.logWarning(e.message))
 *   )
 * ```
 *
 * @since 0.1.0
 */
export const verify = (
  rawBody: string | Uint8Array,
  headers: HeadersInput,
  secrets: Secrets,
  options?: VerifyOptions
): Effect.Effect<WebhookEvent.WebhookEvent, WebhookError.WebhookVerificationError> =>
  Effect.clockWith((clock) =>
    Either.map(
      verifyEither(rawBody, headers, secrets, clock.unsafeCurrentTimeMillis(), options),
      (delivery) => delivery.event
    )
  )
