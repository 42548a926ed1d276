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
 * @since 0.1.0
 */
export const isAgentPhoneError = (u: unknown): u is AgentPhoneError =>
  Predicate.hasProperty(u, "_tag") && typeof u._tag === "string" && tags.has(u._tag)

/**
 * The 429 codes that are quotas, not congestion: retrying them is pointless.
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
