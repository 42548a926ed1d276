/**
 * The typed failures of the AgentPhone client: one tag per failure mode, so callers can
 * `Effect.catchTag("NotFoundError", ...)` exactly what they expect and let the rest through.
 *
 * No error ever carries the API key: requests are described by method and path only.
 *
 * @since 0.1.0
 */
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"

/**
 * One problem with a request, as the API (FastAPI `detail` items or the documented
 * `error.details`) or the client-side request encoder reports it.
 *
 * @example
 * ```ts
 * import type { AgentPhoneError } from "@agentphone-effect/core"
 *
 * // "body.toNumber: Field required; query.limit: must be at most 100"
 * const summary = (issues: ReadonlyArray<AgentPhoneError.Issue>) =>
 *   issues.map((issue) => `${issue.loc.join(".")}: ${issue.msg}`).join("; ")
 * ```
 *
 * @since 0.1.0
 */
export class Issue extends Schema.Class<Issue>("@agentphone-effect/core/Issue")({
  /** Where the problem is, e.g. `["body", "toNumber"]` or `["query", "limit"]`. */
  loc: Schema.Array(Schema.Union(Schema.String, Schema.Number)),
  /** What is wrong, in words. */
  msg: Schema.String,
  /** A machine-readable kind, e.g. `missing`, `int_parsing`. */
  type: Schema.String
}) {}

const formatIssues = (issues: ReadonlyArray<Issue>): string =>
  issues.map((i) => `${i.loc.length > 0 ? i.loc.join(".") + ": " : ""}${i.msg}`).join("; ")

/** Fields shared by every error that answers an HTTP request. @internal */
const requestFields = {
  /** The SDK method, e.g. `agents.getAgent`. */
  endpoint: Schema.String,
  /** The HTTP method sent. */
  method: Schema.String,
  /** The request path (no query string, never the API key). */
  path: Schema.String
}

/** Fields shared by every error built from a non-2xx response. @internal */
const responseFields = {
  ...requestFields,
  /** The HTTP status code. */
  status: Schema.Number,
  /** The server's own message (`detail` or `error.message`), when it sent one. */
  detail: Schema.optional(Schema.String),
  /** The server's error code (e.g. `RATE_LIMIT_EXCEEDED`), when it sent one. */
  code: Schema.optional(Schema.String),
  /** The response body: parsed JSON, or the raw text when it was not JSON. */
  body: Schema.Unknown
}

const where = (e: { readonly endpoint: string; readonly method: string; readonly path: string }) =>
  `${e.endpoint} (${e.method} ${e.path})`

const said = (e: { readonly detail?: string | undefined; readonly code?: string | undefined }) =>
  e.detail !== undefined ?
    `: ${e.detail}${e.code !== undefined ? ` [${e.code}]` : ""}` :
    e.code !== undefined ?
    `: [${e.code}]` :
    ""

/**
 * The request object broke its type before anything was sent (a missing `toNumber`, a `days`
 * of 1000, an empty path id, ...). Nothing reached the network.
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { Effect } from "effect"
 *
 * const program = Effect.flatMap(AgentPhone.AgentPhone, (ap) =>
 *   ap.contacts.getContact({ contact_id: "" })
 * ).pipe(Effect.catchTag("InvalidRequestError", (e) => Effect.log(e.issues)))
 * ```
 *
 * @since 0.1.0
 */
export class InvalidRequestError extends Schema.TaggedError<InvalidRequestError>()("InvalidRequestError", {
  endpoint: Schema.String,
  issues: Schema.Array(Issue)
}) {
  override get message(): string {
    return `${this.endpoint}: invalid request, nothing was sent: ${formatIssues(this.issues)}. Fix the request object.`
  }
}

/**
 * 422: the server rejected the request's content (FastAPI `detail` items, or the documented
 * `VALIDATION_ERROR` body). `issues` names each offending field.
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { Effect } from "effect"
 *
 * // Show the server's field errors next to the form fields they name.
 * const create = (phoneNumber: string, name: string) =>
 *   Effect.flatMap(AgentPhone.AgentPhone, (ap) => ap.contacts.createContact({ phoneNumber, name })).pipe(
 *     Effect.catchTag("ValidationError", (e) =>
 *       Effect.succeed({ fieldErrors: e.issues.map((issue) => [issue.loc.at(-1), issue.msg] as const) }))
 *   )
 * ```
 *
 * @since 0.1.0
 */
export class ValidationError extends Schema.TaggedError<ValidationError>()("ValidationError", {
  ...responseFields,
  issues: Schema.Array(Issue)
}) {
  override get message(): string {
    const detail = this.issues.length > 0 ? `: ${formatIssues(this.issues)}` : said(this)
    return `${where(this)} was rejected as invalid (${this.status})${detail}. Fix the fields named above.`
  }
}

/**
 * 401 or 403: the API key is missing, wrong, revoked, or not allowed to do this.
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { Effect } from "effect"
 *
 * // A startup check: fail fast with a clear message when the key is wrong.
 * const checkKey = Effect.flatMap(AgentPhone.AgentPhone, (ap) => ap.usage.getUsage()).pipe(
 *   Effect.catchTag("UnauthorizedError", (e) => Effect.dieMessage(`AGENTPHONE_API_KEY was refused (${e.status})`))
 * )
 * ```
 *
 * @since 0.1.0
 */
export class UnauthorizedError extends Schema.TaggedError<UnauthorizedError>()("UnauthorizedError", responseFields) {
  override get message(): string {
    return `${where(this)} was refused (${this.status})${
      said(this)
    }. Check the API key (AGENTPHONE_API_KEY) and the sub-account it acts for.`
  }
}

/**
 * 404: the resource does not exist (or not in this account or sub-account).
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { Effect } from "effect"
 *
 * import { Option } from "effect"
 *
 * // A missing contact is an expected answer, not a failure.
 * const findContact = (id: string) =>
 *   Effect.flatMap(AgentPhone.AgentPhone, (ap) => ap.contacts.getContact({ contact_id: id })).pipe(
 *     Effect.map(Option.some),
 *     Effect.catchTag("NotFoundError", () => Effect.succeed(Option.none()))
 *   )
 * ```
 *
 * @since 0.1.0
 */
export class NotFoundError extends Schema.TaggedError<NotFoundError>()("NotFoundError", responseFields) {
  override get message(): string {
    return `${where(this)} found nothing (404)${said(this)}. Check the id and the sub-account.`
  }
}

/**
 * 409: the request conflicts with existing state (e.g. a contact with that number exists).
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { Effect } from "effect"
 *
 * // Creating a contact that already exists is fine: carry on.
 * const ensureContact = (phoneNumber: string, name: string) =>
 *   Effect.flatMap(AgentPhone.AgentPhone, (ap) => ap.contacts.createContact({ phoneNumber, name })).pipe(
 *     Effect.asVoid,
 *     Effect.catchTag("ConflictError", () => Effect.void)
 *   )
 * ```
 *
 * @since 0.1.0
 */
export class ConflictError extends Schema.TaggedError<ConflictError>()("ConflictError", responseFields) {
  override get message(): string {
    return `${where(this)} conflicts with existing data (409)${said(this)}. Update or remove the existing record.`
  }
}

/**
 * 429: too many requests. `retryAfterMillis` is the server's `Retry-After`, parsed;
 * `quota` is true for the documented quota codes (e.g. `OUTBOUND_LIMIT_REACHED`) that no retry
 * will fix.
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { Effect } from "effect"
 *
 * // Quotas are reported to the user; other 429s wait as the server asks, then try once more.
 * const send = (agentId: string, toNumber: string, body: string) => {
 *   const once = Effect.flatMap(AgentPhone.AgentPhone, (ap) => ap.messages.sendMessage({ agent_id: agentId, to_number: toNumber, body }))
 *   return once.pipe(
 *     Effect.catchTag("RateLimitedError", (e) =>
 *       e.quota ? Effect.fail(e) : Effect.zipRight(Effect.sleep(e.retryAfterMillis ?? 1000), once))
 *   )
 * }
 * ```
 *
 * @since 0.1.0
 */
export class RateLimitedError extends Schema.TaggedError<RateLimitedError>()("RateLimitedError", {
  ...responseFields,
  retryAfterMillis: Schema.optional(Schema.Number),
  quota: Schema.Boolean
}) {
  override get message(): string {
    const advice = this.quota
      ? "This is a quota: retrying will not help until it resets."
      : this.retryAfterMillis !== undefined
      ? `Retry after ${Math.ceil(this.retryAfterMillis / 1000)} s.`
      : "Slow down and retry later."
    return `${where(this)} was rate limited (429)${said(this)}. ${advice}`
  }
}

/**
 * 5xx: the service failed. Idempotent requests were already retried within the budget.
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { Effect } from "effect"
 *
 * // Degrade gracefully: show an empty list while the service is down.
 * const agentsOrEmpty = Effect.flatMap(AgentPhone.AgentPhone, (ap) => ap.agents.listAgents()).pipe(
 *   Effect.map((page) => page.data),
 *   Effect.catchTag("ServerError", (e) => Effect.as(Effect.logWarning(e.message), []))
 * )
 * ```
 *
 * @since 0.1.0
 */
export class ServerError extends Schema.TaggedError<ServerError>()("ServerError", responseFields) {
  override get message(): string {
    return `${where(this)} failed on the server (${this.status})${said(this)}. Retry later.`
  }
}

/**
 * Any other non-2xx status (400, 402 insufficient balance, 405, 408, ...).
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { Effect } from "effect"
 *
 * // 402: the account is out of balance.
 * const buyNumber = Effect.flatMap(AgentPhone.AgentPhone, (ap) => ap.numbers.createNumber({ country: "US" })).pipe(
 *   Effect.catchTag("ApiError", (e) =>
 *     e.status === 402 ? Effect.fail(new Error("Top up the AgentPhone balance first")) : Effect.fail(e))
 * )
 * ```
 *
 * @since 0.1.0
 */
export class ApiError extends Schema.TaggedError<ApiError>()("ApiError", responseFields) {
  override get message(): string {
    return `${where(this)} answered ${this.status}${said(this)}.`
  }
}

/**
 * The request never got an HTTP answer: DNS, connection refused or reset, TLS, a body that
 * could not be read.
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { Effect } from "effect"
 *
 * import { Schedule } from "effect"
 *
 * // The network is flaky here: retry transport failures (only) a few more times.
 * const agents = Effect.flatMap(AgentPhone.AgentPhone, (ap) => ap.agents.listAgents()).pipe(
 *   Effect.retry({ while: (e) => e._tag === "TransportError", schedule: Schedule.exponential("200 millis"), times: 3 })
 * )
 * ```
 *
 * @since 0.1.0
 */
export class TransportError extends Schema.TaggedError<TransportError>()("TransportError", {
  ...requestFields,
  /** What the transport reported (never includes headers). */
  reason: Schema.String
}) {
  override get message(): string {
    return `${where(this)} could not reach the API: ${this.reason}. Check the network and AGENTPHONE_BASE_URL.`
  }
}

/**
 * One attempt took longer than its timeout (default 60 s) and was abandoned.
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { Effect } from "effect"
 *
 * // Give this one request more time than the client's default.
 * const report = Effect.flatMap(AgentPhone.AgentPhone, (ap) => ap.usage.getUsage()).pipe(
 *   AgentPhone.withRequestOptions({ timeout: "2 minutes" }),
 *   Effect.catchTag("TimeoutError", (e) => Effect.fail(`usage took over ${e.timeoutMillis} ms`))
 * )
 * ```
 *
 * @since 0.1.0
 */
export class TimeoutError extends Schema.TaggedError<TimeoutError>()("TimeoutError", {
  ...requestFields,
  timeoutMillis: Schema.Number
}) {
  override get message(): string {
    return `${where(this)} timed out after ${this.timeoutMillis} ms. Raise the timeout or retry.`
  }
}

/**
 * A 2xx response did not match the documented shape. `issues` names the fields.
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { Effect } from "effect"
 *
 * // Report the API drift with the fields that differ, then fail.
 * const agents = Effect.flatMap(AgentPhone.AgentPhone, (ap) => ap.agents.listAgents()).pipe(
 *   Effect.tapErrorTag("DecodeError", (e) => Effect.logError("API response changed", e.issues))
 * )
 * ```
 *
 * @since 0.1.0
 */
export class DecodeError extends Schema.TaggedError<DecodeError>()("DecodeError", {
  ...requestFields,
  status: Schema.Number,
  issues: Schema.Array(Issue)
}) {
  override get message(): string {
    return `${where(this)} returned a response that does not match the documented shape: ${
      formatIssues(this.issues)
    }. Upgrade the SDK or report it.`
  }
}

/**
 * Every failure an AgentPhone call can produce.
 *
 * @example
 * ```ts
 * import type { AgentPhoneError } from "@agentphone-effect/core"
 *
 * // One message for every failure mode (each error's `message` says what happened and what to do).
 * const toUserMessage = (error: AgentPhoneError.AgentPhoneError): string =>
 *   error._tag === "NotFoundError" ? "Not found." : error.message
 * ```
 *
 * @since 0.1.0
 */
export type AgentPhoneError =
  | InvalidRequestError
  | ValidationError
  | UnauthorizedError
  | NotFoundError
  | ConflictError
  | RateLimitedError
  | ServerError
  | ApiError
  | TransportError
  | TimeoutError
  | DecodeError

/**
 * The same union as a Schema (to encode errors, e.g. across a worker or RPC boundary).
 *
 * @example
 * ```ts
 * import { AgentPhoneError } from "@agentphone-effect/core"
 * import { Schema } from "effect"
 *
 * // Send a failure to another process as JSON, and get the typed error back there.
 * const AsJson = Schema.parseJson(AgentPhoneError.AgentPhoneError)
 * const error = new AgentPhoneError.TimeoutError({ endpoint: "agents.listAgents", method: "GET", path: "/v1/agents", timeoutMillis: 60000 })
 * const text = Schema.encodeSync(AsJson)(error)
 * const roundTrip = Schema.decodeUnknownSync(AsJson)(text) // a TimeoutError again
 * ```
 *
 * @since 0.1.0
 */
export const AgentPhoneError: Schema.Union<[
  typeof InvalidRequestError,
  typeof ValidationError,
  typeof UnauthorizedError,
  typeof NotFoundError,
  typeof ConflictError,
  typeof RateLimitedError,
  typeof ServerError,
  typeof ApiError,
  typeof TransportError,
  typeof TimeoutError,
  typeof DecodeError
]> = Schema.Union(
  InvalidRequestError,
  ValidationError,
  UnauthorizedError,
  NotFoundError,
  ConflictError,
  RateLimitedError,
  ServerError,
  ApiError,
  TransportError,
  TimeoutError,
  DecodeError
)

const tags: ReadonlySet<string> = new Set([
  "InvalidRequestError",
  "ValidationError",
  "UnauthorizedError",
  "NotFoundError",
  "ConflictError",
  "RateLimitedError",
  "ServerError",
  "ApiError",
  "TransportError",
  "TimeoutError",
  "DecodeError"
])

/**
 * Whether a value is one of the client's errors.
 *
 * @example
 * ```ts
 * import { AgentPhoneError } from "@agentphone-effect/core"
 *
 * // In a generic error boundary: is this the SDK's error, with a `_tag` to switch on?
 * const describe = (u: unknown) => AgentPhoneError.isAgentPhoneError(u) ? `${u._tag}: ${u.message}` : String(u)
 * ```
 *
 * @since 0.1.0
 */
export const isAgentPhoneError = (u: unknown): u is AgentPhoneError =>
  Predicate.hasProperty(u, "_tag") && typeof u._tag === "string" && tags.has(u._tag)

/**
 * The 429 codes that are quotas, not congestion: retrying them is pointless.
 *
 * @example
 * ```ts
 * import { AgentPhoneError } from "@agentphone-effect/core"
 *
 * AgentPhoneError.quotaCodes.has("OUTBOUND_LIMIT_REACHED") // true: `RateLimitedError.quota` is set for it
 * ```
 *
 * @since 0.1.0
 */
export const quotaCodes: ReadonlySet<string> = new Set([
  "CONVERSATION_STREAK_LIMIT",
  "CONVERSATION_AWAITING_REPLY",
  "CONVERSATION_INACTIVE",
  "OUTBOUND_LIMIT_REACHED",
  "NEW_CONVERSATION_LIMIT_REACHED"
])
