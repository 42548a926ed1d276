/**
 * `AgentPhoneClient`: the executor every endpoint runs through (base URL, bearer key, bounded
 * retries, per-attempt timeouts, typed errors, spans), without the endpoint tables. Each row of a
 * group module is callable on its own and needs only this service, so a bundle that makes one call
 * keeps one row: `import * as Contacts from "@agentphone-effect/core/Contacts"`.
 *
 * @example
 * ```ts
 * import * as AgentPhoneClient from "@agentphone-effect/core/AgentPhoneClient"
 * import * as Contacts from "@agentphone-effect/core/Contacts"
 * import { FetchHttpClient } from "@effect/platform"
 * import { Effect, Layer, Redacted } from "effect"
 *
 * const program = Effect.map(Contacts.listContacts({ limit: 10 }), (page) => page.total)
 *
 * const ClientLive = AgentPhoneClient.layer({ apiKey: Redacted.make("sk_live_...") }).pipe(
 *   Layer.provide(FetchHttpClient.layer)
 * )
 * program.pipe(Effect.provide(ClientLive))
 * ```
 *
 * @since 0.1.0
 */
import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import type * as Fiber from "effect/Fiber"
import { constTrue } from "effect/Function"
import * as Inspectable from "effect/Inspectable"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import * as Random from "effect/Random"
import * as Redacted from "effect/Redacted"
import type * as RuntimeFlags from "effect/RuntimeFlags"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as Tracer from "effect/Tracer"
import * as AbortableHttpClient from "./AbortableHttpClient.js"
import {
  type AgentPhoneError,
  ApiError,
  ConflictError,
  DecodeError,
  InvalidRequestError,
  Issue,
  NotFoundError,
  quotaCodes,
  RateLimitedError,
  ServerError,
  TimeoutError,
  TransportError,
  UnauthorizedError,
  ValidationError
} from "./AgentPhoneError.js"
import type * as Endpoint from "./Endpoint.js"
import * as Attempts from "./internal/attempts.js"
import * as Wire from "./internal/wire.js"
import * as Model from "./Model.js"

/**
 * The API's only public base URL.
 *
 * @example
 * ```ts
 * import * as AgentPhoneClient from "@agentphone-effect/core/AgentPhoneClient"
 *
 * const isProduction = (baseUrl: string) => baseUrl === AgentPhoneClient.defaultBaseUrl
 * ```
 *
 * @since 0.1.0
 */
export const defaultBaseUrl = "https://api.agentphone.ai"

/**
 * How failed attempts are retried. Only idempotent methods (GET, PUT, DELETE) are retried unless
 * `retryNonIdempotent` is set; only 408, 429 (not quota codes), 5xx, transport failures and
 * timeouts are retried. The delay is the server's `Retry-After` when it sends one (capped at
 * `maxRetryAfter`), else `baseDelay * 2^attempt` with ±20% jitter, capped at `maxDelay`.
 *
 * @example
 * ```ts
 * import type * as AgentPhoneClient from "@agentphone-effect/core/AgentPhoneClient"
 *
 * const patient: Partial<AgentPhoneClient.RetryPolicy> = { times: 5, maxDelay: "30 seconds" }
 * ```
 *
 * @since 0.1.0
 */
export interface RetryPolicy {
  /** Retries after the first attempt. Default 2. */
  readonly times: number
  /** Default 500 ms. */
  readonly baseDelay: Duration.DurationInput
  /** Default 10 s. */
  readonly maxDelay: Duration.DurationInput
  /** Default 60 s. */
  readonly maxRetryAfter: Duration.DurationInput
  /** Also retry POST and PATCH (only when the request is safe to repeat). Default false. */
  readonly retryNonIdempotent: boolean
}

/**
 * The default retry policy: 2 retries, idempotent methods only.
 *
 * @example
 * ```ts
 * import * as AgentPhoneClient from "@agentphone-effect/core/AgentPhoneClient"
 *
 * const twiceAsMany = { ...AgentPhoneClient.defaultRetryPolicy, times: AgentPhoneClient.defaultRetryPolicy.times * 2 }
 * ```
 *
 * @since 0.1.0
 */
export const defaultRetryPolicy: RetryPolicy = {
  times: 2,
  baseDelay: Duration.millis(500),
  maxDelay: Duration.seconds(10),
  maxRetryAfter: Duration.seconds(60),
  retryNonIdempotent: false
}

/**
 * Per-call options, the second argument of every method (and of `withRequestOptions`).
 *
 * @example
 * ```ts
 * import type * as AgentPhoneClient from "@agentphone-effect/core/AgentPhoneClient"
 * import * as Contacts from "@agentphone-effect/core/Contacts"
 *
 * const options: AgentPhoneClient.RequestOptions = { timeout: "5 seconds", headers: { "x-request-id": "r-1" } }
 * const page = Contacts.listContacts({ limit: 10 }, options)
 * ```
 *
 * @since 0.1.0
 */
export interface RequestOptions {
  /** Per attempt. Default 60 s; `Duration.infinity` for none. */
  readonly timeout?: Duration.DurationInput | undefined
  /** Change the retry policy for this call, or `false` for a single attempt. */
  readonly retry?: Partial<RetryPolicy> | false | undefined
  /** Send `X-Sub-Account-Id` (acts for that sub-account). */
  readonly subAccountId?: string | undefined
  /** Extra headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined
  /** Extra query parameters, after the endpoint's own (e.g. `limit` where the SDK has none). */
  readonly queryParams?: Readonly<Record<string, string | number | boolean | undefined>> | undefined
}

/**
 * Options of `AgentPhone.layer`.
 *
 * @example
 * ```ts
 * import type * as AgentPhoneClient from "@agentphone-effect/core/AgentPhoneClient"
 * import { Redacted } from "effect"
 *
 * const options: AgentPhoneClient.Options = {
 *   apiKey: Redacted.make("sk_live_..."),
 *   baseUrl: "http://127.0.0.1:4010",
 *   retry: false
 * }
 * ```
 *
 * @since 0.1.0
 */
export interface Options {
  readonly apiKey: Redacted.Redacted<string>
  /** Default `https://api.agentphone.ai`; a path prefix is kept. */
  readonly baseUrl?: string | URL | undefined
  /** Per attempt. Default 60 s; `Duration.infinity` for none. */
  readonly timeout?: Duration.DurationInput | undefined
  /** Default `defaultRetryPolicy`; `false` disables retries. */
  readonly retry?: Partial<RetryPolicy> | false | undefined
  /** Act for this sub-account on every request (`X-Sub-Account-Id`). */
  readonly subAccountId?: string | undefined
  /** Headers sent on every request. */
  readonly headers?: Readonly<Record<string, string>> | undefined
}

/**
 * The resolved configuration a service runs with (siblings such as the transcript stream read it).
 *
 * @example
 * ```ts
 * import * as AgentPhoneClient from "@agentphone-effect/core/AgentPhoneClient"
 * import { Effect } from "effect"
 *
 * const config = Effect.map(AgentPhoneClient.AgentPhoneClient, (client): AgentPhoneClient.ResolvedConfig => client.config)
 * ```
 *
 * @since 0.1.0
 */
export interface ResolvedConfig {
  readonly apiKey: Redacted.Redacted<string>
  /** Without a trailing slash. */
  readonly baseUrl: string
  readonly timeout: Duration.Duration
  readonly retry: RetryPolicy | false
  readonly subAccountId: string | undefined
  readonly headers: Readonly<Record<string, string>>
}

/**
 * The request options in scope: set with `withRequestOptions` / `withSubAccount`, read by every
 * request made inside. Per-call options win over these.
 *
 * @example
 * ```ts
 * import * as AgentPhoneClient from "@agentphone-effect/core/AgentPhoneClient"
 * import { Effect } from "effect"
 *
 * // what `withRequestOptions` / `withSubAccount` set around the current Effect
 * const current = Effect.map(AgentPhoneClient.CurrentRequestOptions, (options) => options.subAccountId)
 * ```
 *
 * @since 0.1.0
 */
export class CurrentRequestOptions extends Context.Reference<CurrentRequestOptions>()(
  "@agentphone-effect/core/AgentPhone/CurrentRequestOptions",
  { defaultValue: (): RequestOptions => ({}) }
) {}

const resolveRetry = (
  base: RetryPolicy | false,
  override: Partial<RetryPolicy> | false | undefined
): RetryPolicy | false =>
  override === false ? false : override === undefined ? base : { ...(base || defaultRetryPolicy), ...override }

/**
 * Resolve layer options into the configuration the service runs with.
 *
 * @example
 * ```ts
 * import * as AgentPhoneClient from "@agentphone-effect/core/AgentPhoneClient"
 * import { Redacted } from "effect"
 *
 * const resolved = AgentPhoneClient.resolveConfig({ apiKey: Redacted.make("sk_live_..."), timeout: "20 seconds" })
 * ```
 *
 * @since 0.1.0
 */
export const resolveConfig = (options: Options): ResolvedConfig => ({
  apiKey: options.apiKey,
  baseUrl: String(options.baseUrl ?? defaultBaseUrl).replace(/\/+$/, ""),
  timeout: Duration.decode(options.timeout ?? Duration.seconds(60)),
  retry: resolveRetry(defaultRetryPolicy, options.retry),
  subAccountId: options.subAccountId,
  headers: options.headers ?? {}
})

// ---------------------------------------------------------------------------------------------
// Error bodies: FastAPI `{detail}` and the documented `{error: {message, code, details}}`
// ---------------------------------------------------------------------------------------------

const decodeJsonOption = Schema.decodeUnknownOption(Model.JsonText)

interface ErrorInfo {
  readonly body: unknown
  readonly detail: string | undefined
  readonly code: string | undefined
  readonly issues: ReadonlyArray<Issue>
}

const str = (u: unknown): string | undefined => typeof u === "string" ? u : undefined

const readIssue = (u: unknown): Issue | undefined => {
  if (!Predicate.isRecord(u)) return undefined
  const loc = Array.isArray(u.loc)
    ? u.loc.filter((x): x is string | number => typeof x === "string" || typeof x === "number")
    : typeof u.field === "string"
    ? [u.field]
    : []
  const msg = str(u.msg) ?? str(u.message) ?? "is invalid"
  return new Issue({ loc, msg, type: str(u.type) ?? "unknown" }, true)
}

const readIssues = (u: unknown): ReadonlyArray<Issue> =>
  Array.isArray(u) ? u.map(readIssue).filter((i): i is Issue => i !== undefined) : []

/** Whether a JSON value nests deeper than anything that formats safely (checked without recursion). */
const tooDeep = (value: unknown, limit = 64): boolean => {
  const stack: Array<readonly [unknown, number]> = [[value, 0]]
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!
    if (typeof v !== "object" || v === null) continue
    if (depth >= limit) return true
    for (const child of Object.values(v)) stack.push([child, depth + 1])
  }
  return false
}

/** @internal */
export const parseErrorBody = (text: string): ErrorInfo => {
  const parsed = text.length === 0 ? Option.none() : decodeJsonOption(text)
  if (Option.isNone(parsed)) {
    return {
      body: text.length > 2000 ? text.slice(0, 2000) + "…" : text,
      detail: undefined,
      code: undefined,
      issues: []
    }
  }
  const body = parsed.value
  if (tooDeep(body)) return { body: text.slice(0, 2000), detail: undefined, code: undefined, issues: [] }
  if (!Predicate.isRecord(body)) return { body, detail: undefined, code: undefined, issues: [] }
  if (Predicate.isRecord(body.error)) {
    const e = body.error
    return { body, detail: str(e.message), code: str(e.code), issues: readIssues(e.details) }
  }
  if (typeof body.detail === "string") {
    return { body, detail: body.detail, code: str(body.code), issues: [] }
  }
  if (Array.isArray(body.detail)) {
    const issues = readIssues(body.detail)
    return { body, detail: issues[0]?.msg, code: str(body.code), issues }
  }
  return { body, detail: str(body.message) ?? str(body.error), code: str(body.code), issues: [] }
}

/**
 * Parse a `Retry-After` header (delta seconds or an HTTP date) into milliseconds from `now`.
 *
 * @example
 * ```ts
 * import * as AgentPhoneClient from "@agentphone-effect/core/AgentPhoneClient"
 *
 * const inTwoSeconds = AgentPhoneClient.parseRetryAfter("2", Date.now()) // 2000
 * ```
 *
 * @since 0.1.0
 */
export const parseRetryAfter = (value: string | undefined, now: number): number | undefined => {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000)
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

// ---------------------------------------------------------------------------------------------
// The executor: one path for every endpoint row
// ---------------------------------------------------------------------------------------------

interface Target {
  readonly endpoint: string
  readonly method: string
  readonly path: string
}

const statusError = (
  target: Target,
  response: HttpClientResponse.HttpClientResponse,
  text: string,
  now: number
): AgentPhoneError => {
  const info = parseErrorBody(text)
  const fields = {
    ...target,
    status: response.status,
    detail: info.detail,
    code: info.code,
    body: info.body
  }
  const status = response.status
  if (status === 422 || (status === 400 && info.issues.length > 0)) {
    return new ValidationError({ ...fields, issues: info.issues }, true)
  }
  if (status === 401 || status === 403) return new UnauthorizedError(fields, true)
  if (status === 404) return new NotFoundError(fields, true)
  if (status === 409) return new ConflictError(fields, true)
  if (status === 429) {
    return new RateLimitedError({
      ...fields,
      retryAfterMillis: parseRetryAfter(response.headers["retry-after"], now),
      quota: info.code !== undefined && quotaCodes.has(info.code)
    }, true)
  }
  if (status >= 500) {
    return new ServerError(fields, true)
  }
  return new ApiError(fields, true)
}

const describeTransport = (error: HttpClientError.HttpClientError): string => {
  const cause = error.cause
  const inner = Predicate.hasProperty(cause, "cause") && Predicate.hasProperty(cause.cause, "code")
    ? ` (${String(cause.cause.code)})`
    : ""
  const message = cause instanceof Error ? `: ${cause.message}${inner}` : ""
  return `${error.reason}${message}`
}

const isRetryable = (error: AgentPhoneError): boolean => {
  switch (error._tag) {
    case "TransportError":
    case "TimeoutError":
    case "ServerError":
      return true
    case "RateLimitedError":
      return !error.quota
    case "ApiError":
      return error.status === 408
    default:
      return false
  }
}

/**
 * The delay before retry number `attempt` (0-based) after `error`.
 *
 * @example
 * ```ts
 * import * as AgentPhoneClient from "@agentphone-effect/core/AgentPhoneClient"
 * import { AgentPhoneError } from "@agentphone-effect/core"
 *
 * const error = new AgentPhoneError.ServerError({
 *   endpoint: "contacts.listContacts",
 *   method: "GET",
 *   path: "/v1/contacts",
 *   status: 503,
 *   body: "Service Unavailable"
 * })
 * const delay = AgentPhoneClient.retryDelay(AgentPhoneClient.defaultRetryPolicy, error, 0)
 * ```
 *
 * @since 0.1.0
 */
export const retryDelay = (
  policy: RetryPolicy,
  error: AgentPhoneError,
  attempt: number
): Effect.Effect<Duration.Duration> => {
  if (error._tag === "RateLimitedError" && error.retryAfterMillis !== undefined) {
    return Effect.succeed(Duration.min(Duration.millis(error.retryAfterMillis), Duration.decode(policy.maxRetryAfter)))
  }
  return Effect.map(Random.nextRange(0.8, 1.2), (jitter) =>
    Duration.min(
      Duration.millis(Duration.toMillis(policy.baseDelay) * Math.pow(2, attempt) * jitter),
      Duration.decode(policy.maxDelay)
    ))
}

/**
 * What to do before retry number `retry` after `error` under `policy`: log (in the call's span)
 * and wait, or nothing.
 */
const retrying =
  (policy: RetryPolicy) =>
  (error: AgentPhoneError, retry: number, span: Tracer.Span | undefined): Effect.Effect<void> | undefined => {
    if (retry > policy.times || !isRetryable(error)) return undefined
    const entry = Effect.annotateLogs(Effect.logDebug(`retrying after ${error._tag}`), { attempt: retry })
    const log = span === undefined ? entry : Effect.withParentSpan(entry, span)
    return Effect.flatMap(retryDelay(policy, error, retry - 1), (delay) => Effect.zipRight(log, Effect.sleep(delay)))
  }

/**
 * What `AgentPhoneClient` provides: the configuration, the configured `HttpClient`, and the one
 * path every endpoint row runs through.
 *
 * @example
 * ```ts
 * import * as AgentPhoneClient from "@agentphone-effect/core/AgentPhoneClient"
 * import * as Calls from "@agentphone-effect/core/Calls"
 * import { Effect, Stream } from "effect"
 *
 * const failed = Effect.flatMap(AgentPhoneClient.AgentPhoneClient, (client: AgentPhoneClient.Service) =>
 *   Stream.runCollect(Stream.take(client.stream(Calls.listCalls, { status: "failed" }), 10)))
 * ```
 *
 * @since 0.1.0
 */
export interface Service {
  readonly config: ResolvedConfig
  /** The app's `HttpClient` with base URL, `Authorization` and default headers applied. */
  readonly httpClient: HttpClient.HttpClient
  /**
   * Run a row once (with retries, timeouts and typed errors) and read its response; for a
   * streamed body (`Endpoint.byteStream`) the value is the byte stream.
   */
  readonly execute: <Res>(
    endpoint: Endpoint.Endpoint<any, Res, any>,
    request: unknown,
    options?: RequestOptions
  ) => Effect.Effect<Res, AgentPhoneError>
  /**
   * The streaming form of a row: every item of every page of a paged list (one request per page,
   * only as far as the consumer pulls), or the bytes of a binary response.
   */
  readonly stream: <Item>(
    endpoint: Endpoint.Endpoint<any, any, Item>,
    request: unknown,
    options?: RequestOptions
  ) => Stream.Stream<[Item] extends [never] ? Uint8Array : Item, AgentPhoneError>
}

/**
 * The executor service. Build it with `AgentPhoneClient.layer` or `layerConfig` (both need an
 * `HttpClient.HttpClient`); `AgentPhone.layer` provides it too.
 *
 * @example
 * ```ts
 * import * as AgentPhoneClient from "@agentphone-effect/core/AgentPhoneClient"
 * import * as Calls from "@agentphone-effect/core/Calls"
 * import { Effect } from "effect"
 *
 * // Any row through the executor, e.g. with per-call options:
 * const call = Effect.flatMap(
 *   AgentPhoneClient.AgentPhoneClient,
 *   (client) => client.execute(Calls.getCall, { call_id: "call_123" }, { timeout: "5 seconds" })
 * )
 * ```
 *
 * @since 0.1.0
 */
export class AgentPhoneClient extends Context.Tag("@agentphone-effect/core/AgentPhoneClient")<
  AgentPhoneClient,
  Service
>() {}

const emptyOptions: RequestOptions = {}

const readBody = <Res>(endpoint: Endpoint.Endpoint<any, Res, any>) =>
(
  response: HttpClientResponse.HttpClientResponse,
  target: Target,
  transport: (error: HttpClientError.HttpClientError) => AgentPhoneError
): Effect.Effect<Res, AgentPhoneError> => {
  if (endpoint.response._tag === "Bytes") {
    return Effect.map(Effect.mapError(response.arrayBuffer, transport), (b) => new Uint8Array(b) as Res)
  }
  return Effect.matchEffect(response.text, {
    onFailure: (error) => Effect.fail(transport(error)),
    onSuccess: (text) => {
      const decoded = endpoint.decode(text)
      return Either.isRight(decoded)
        ? Effect.succeed(decoded.right)
        : Effect.fail(new DecodeError({ ...target, status: response.status, issues: decoded.left }, true))
    }
  })
}

/**
 * Build the executor from options and an `HttpClient`.
 *
 * @example
 * ```ts
 * import * as AgentPhoneClient from "@agentphone-effect/core/AgentPhoneClient"
 * import { FetchHttpClient } from "@effect/platform"
 * import { Effect, Redacted } from "effect"
 *
 * const client = AgentPhoneClient.make({ apiKey: Redacted.make("sk_live_...") }).pipe(
 *   Effect.provide(FetchHttpClient.layer)
 * )
 * ```
 *
 * @since 0.1.0
 */
export const make = (options: Options): Effect.Effect<Service, never, HttpClient.HttpClient> =>
  Effect.map(HttpClient.HttpClient, (http) => makeWith(resolveConfig(options), http))

// (its `http.request.method` attribute is set first thing in `attempts`: no attributes object
// to copy per call)
const spanOptions = {
  kind: "client",
  // One span per call, like `Effect.fn`, without capturing a stack trace on every call (an
  // `Error` per request; the span name already says which method ran).
  captureStackTrace: false
} as const

// Each row's span name, made once.
const spanNames = new WeakMap<object, string>()
const spanNameOf = (endpoint: { readonly name: string }): string => {
  let name = spanNames.get(endpoint)
  if (name === undefined) {
    name = `AgentPhone.${endpoint.name}`
    spanNames.set(endpoint, name)
  }
  return name
}

/**
 * The response as its caller sees it: the same response (its body, status and headers), whose
 * `request` is the one the caller built, without the `Authorization` header the transport added;
 * `toJSON`, `toString` and `util.inspect` show that request too.
 */
const seenAs = (
  response: HttpClientResponse.HttpClientResponse,
  request: HttpClientRequest.HttpClientRequest
): HttpClientResponse.HttpClientResponse => {
  const toJSON = () => ({ ...Object(response.toJSON()), request: request.toJSON() })
  return Object.create(response, {
    request: { value: request, enumerable: true },
    toJSON: { value: toJSON },
    toString: { value: () => Inspectable.format(toJSON()) },
    [Inspectable.NodeInspectSymbol]: { value: toJSON }
  })
}

// What an attempt runs with besides the call's span as its parent (see `Attempts.run`): no
// `http.client` span of the transport's own, since every call already has one span,
// `AgentPhone.<group>.<method>`, with the method, path and status (the platform's span would double
// that, and costs about a sixth of a request's CPU: it formats the URL and every header).
const attemptLocals: ReadonlyArray<Attempts.Local> = [
  Attempts.local(HttpClient.currentTracerDisabledWhen, () => constTrue)
]

/** How a call reads a 2xx response (inside the attempt: under its timeout and retries). */
type OnOk<A> = (
  response: HttpClientResponse.HttpClientResponse,
  target: Target,
  transport: (error: HttpClientError.HttpClientError) => AgentPhoneError
) => Effect.Effect<A, AgentPhoneError>

/**
 * One call as its attempts run it (`Attempts.Options`): its request, deadline, span and retry
 * step, and how an attempt reads the response. One object, which is what a call in flight holds
 * (closures of their own for each part kept more alive through every young collection).
 */
class Call<A> implements Attempts.Options<A, AgentPhoneError> {
  readonly locals = attemptLocals
  readonly withDeadline: ((deadline: Attempts.Deadline) => Effect.Effect<A, AgentPhoneError>) | undefined
  /** The deadline of the attempt on the caller's fiber (see `withDeadline`). */
  private deadline: Attempts.Deadline | undefined = undefined

  constructor(
    readonly target: Target,
    readonly request: HttpClientRequest.HttpClientRequest,
    readonly timeout: Duration.Duration,
    readonly span: Tracer.Span | undefined,
    readonly onOk: OnOk<A>,
    readonly http: HttpClient.HttpClient,
    /** `http` itself when it takes an `Abort`. */
    readonly abortable: AbortableHttpClient.AbortableHttpClient | undefined,
    readonly retry:
      | ((error: AgentPhoneError, retry: number, span: Tracer.Span | undefined) => Effect.Effect<void> | undefined)
      | undefined
  ) {
    this.withDeadline = abortable === undefined ? undefined : this.underDeadline
  }

  /** One attempt through the transport's `execute` (under the fiber-based deadline, or none). */
  get attempt(): Effect.Effect<A, AgentPhoneError> {
    return this.over(this.http.execute(this.request))
  }

  /** One attempt whose transport is aborted at `deadline`: that failure is the timeout. */
  underDeadline(deadline: Attempts.Deadline): Effect.Effect<A, AgentPhoneError> {
    if (this.abortable === undefined) return this.attempt // (never: only set with a transport that takes one)
    this.deadline = deadline
    return this.over(this.abortable[AbortableHttpClient.TypeId](this.request, deadline))
  }

  onTimeout(): AgentPhoneError {
    return new TimeoutError({ ...this.target, timeoutMillis: Duration.toMillis(this.timeout) }, true)
  }

  /** A transport failure: the timeout once the attempt's deadline has aborted it. */
  readonly fail = (error: HttpClientError.HttpClientError): AgentPhoneError =>
    this.deadline?.aborted === true
      ? this.onTimeout()
      : new TransportError({ ...this.target, reason: describeTransport(error) }, true)

  private over(
    response: Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>
  ): Effect.Effect<A, AgentPhoneError> {
    return Effect.matchEffect(response, {
      onFailure: (error) => Effect.fail(this.fail(error)),
      onSuccess: (response) => this.read(response)
    })
  }

  private read(response: HttpClientResponse.HttpClientResponse): Effect.Effect<A, AgentPhoneError> {
    if (this.span !== undefined) this.span.attribute("http.response.status_code", response.status)
    if (response.status >= 200 && response.status < 300) {
      return this.onOk(response, this.target, this.fail)
    }
    return Effect.flatMap(
      Effect.zip(Effect.orElseSucceed(response.text, () => ""), Clock.currentTimeMillis),
      ([text, now]) => Effect.fail(statusError(this.target, response, text, now))
    )
  }
}

const makeWith = (config: ResolvedConfig, rawHttp: HttpClient.HttpClient): Service => {
  const http = HttpClient.withTracerPropagation(rawHttp, false)
  // the configured retry policy's step, made once (a call's own policy makes its own)
  const configRetry = config.retry === false ? undefined : retrying(config.retry)
  // the transport, when it takes an `Abort` (see `AbortableHttpClient`)
  const abortable = AbortableHttpClient.isAbortable(rawHttp) ? rawHttp : undefined
  const bearer = `Bearer ${Redacted.value(config.apiKey)}`

  /** A call's headers: `Accept`, the configured ones, the ambient and the call's, the key, the sub-account. */
  const headersOf = (
    endpoint: Endpoint.Endpoint<any, any, any>,
    ambient: Readonly<Record<string, string>> | undefined,
    call: Readonly<Record<string, string>> | undefined,
    subAccountId: string | undefined
  ): Record<string, string> => {
    const headers: Record<string, string> = {
      // `*/*`, as the official SDK sends on every endpoint; a byte stream names its media type
      accept: endpoint.response._tag === "ByteStream" ? endpoint.response.accept : "*/*",
      ...config.headers,
      ...ambient,
      ...call
    }
    if (endpoint.auth) headers.authorization = bearer
    if (subAccountId !== undefined) headers["x-sub-account-id"] = subAccountId
    return headers
  }

  // What every call of a row that adds no headers of its own starts from (its method and
  // headers), built once per row.
  const baseRequests = new WeakMap<Endpoint.Endpoint<any, any, any>, HttpClientRequest.HttpClientRequest>()
  const baseRequest = (endpoint: Endpoint.Endpoint<any, any, any>): HttpClientRequest.HttpClientRequest => {
    let base = baseRequests.get(endpoint)
    if (base === undefined) {
      base = HttpClientRequest.make(endpoint.method)("", {
        headers: headersOf(endpoint, undefined, undefined, undefined)
      })
      baseRequests.set(endpoint, base)
    }
    return base
  }

  /**
   * Run a row; `onOk` reads a 2xx response inside the attempt (under its timeout and retries).
   * `span`, the call's span, is ended with the call's exit.
   */
  const send = <A>(
    endpoint: Endpoint.Endpoint<any, any, any>,
    input: unknown,
    callOptions: RequestOptions,
    onOk: OnOk<A>,
    span?: Tracer.Span
  ): Effect.Effect<A, AgentPhoneError> =>
    Effect.withFiberRuntime((fiber, status) => {
      try {
        return attempts(endpoint, input, callOptions, onOk, span, fiber, status.runtimeFlags)
      } catch (defect) {
        if (span !== undefined) Attempts.endSpan(span, Exit.die(defect), fiber)
        throw defect
      }
    })

  const attempts = <A>(
    endpoint: Endpoint.Endpoint<any, any, any>,
    input: unknown,
    callOptions: RequestOptions,
    onOk: OnOk<A>,
    span: Tracer.Span | undefined,
    fiber: Fiber.RuntimeFiber<unknown, unknown>,
    runtimeFlags: RuntimeFlags.RuntimeFlags
  ): Effect.Effect<A, AgentPhoneError> => {
    if (span !== undefined) span.attribute("http.request.method", endpoint.method)
    const ambient = Context.get(fiber.currentContext, CurrentRequestOptions)
    const encoded = endpoint.encode(input)
    if (Either.isLeft(encoded)) {
      if (span !== undefined) Attempts.endSpan(span, Exit.fail(encoded.left), fiber)
      return Effect.fail(encoded.left)
    }
    const parts = encoded.right
    const target: Target = { endpoint: endpoint.name, method: endpoint.method, path: parts.path }

    const subAccountId = parts.subAccountId ?? callOptions.subAccountId ?? ambient.subAccountId ??
      config.subAccountId

    let urlParams: Array<readonly [string, string]> = parts.query as Array<readonly [string, string]>
    if (ambient.queryParams !== undefined || callOptions.queryParams !== undefined) {
      const extraQuery = { ...ambient.queryParams, ...callOptions.queryParams }
      for (const [key, value] of Object.entries(extraQuery)) {
        if (value === undefined) continue
        const index = urlParams.findIndex(([k]) => k === key)
        if (urlParams === parts.query) urlParams = [...parts.query]
        if (index >= 0) urlParams[index] = [key, String(value)]
        else urlParams.push([key, String(value)])
      }
    }

    // The query is escaped here, as the official SDK escapes it (`encodeURIComponent`: a space is
    // `%20`, never the `+` of `URLSearchParams`).
    let url = config.baseUrl + parts.path
    if (urlParams.length > 0) {
      const query = Wire.queryString(urlParams)
      if ("malformed" in query) {
        const error = new InvalidRequestError({
          endpoint: endpoint.name,
          issues: [
            new Issue({
              loc: ["query", query.malformed[0]],
              msg: Wire.malformed,
              type: "QueryParameter"
            }, true)
          ]
        }, true)
        if (span !== undefined) Attempts.endSpan(span, Exit.fail(error), fiber)
        return Effect.fail(error)
      }
      url += "?" + query.query
    }
    // (each part set is one more copy of the request: none for what is empty)
    let request = ambient.headers === undefined && callOptions.headers === undefined && subAccountId === undefined
      ? HttpClientRequest.setUrl(baseRequest(endpoint), url)
      : HttpClientRequest.make(endpoint.method)(url, {
        headers: headersOf(endpoint, ambient.headers, callOptions.headers, subAccountId)
      })
    if (parts.body !== undefined) request = HttpClientRequest.setBody(request, HttpBody.unsafeJson(parts.body))

    const timeout = callOptions.timeout !== undefined
      ? Duration.decode(callOptions.timeout)
      : ambient.timeout !== undefined
      ? Duration.decode(ambient.timeout)
      : config.timeout

    if (span !== undefined) span.attribute("url.path", parts.path)

    let policy = resolveRetry(config.retry, ambient.retry)
    policy = resolveRetry(policy, callOptions.retry)
    const retry = policy === false || policy.times <= 0 || !(endpoint.idempotent || policy.retryNonIdempotent)
      ? undefined
      : policy === config.retry
      ? configRetry
      : retrying(policy)
    return Attempts.runOn(
      new Call(target, request, timeout, span, onOk, rawHttp, abortable, retry),
      fiber,
      runtimeFlags
    )
  }

  /** The raw body of a 2xx response as a byte stream (timeouts and retries cover the head only). */
  const bytesOf = (
    endpoint: Endpoint.Endpoint<any, any, any>,
    input: unknown,
    options: RequestOptions
  ): Stream.Stream<Uint8Array, AgentPhoneError> =>
    Stream.unwrap(
      send(endpoint, input, options, (response, _target, transport) =>
        Effect.succeed(Stream.mapError(response.stream, transport))).pipe(
          Effect.withSpan(spanNameOf(endpoint))
        )
    )

  /** Every item of every page, one request per page, only as far as the consumer pulls. */
  const pagesOf = (
    endpoint: Endpoint.Endpoint<any, any, any>,
    pagination: Endpoint.Pagination<any, any>,
    input: unknown,
    options: RequestOptions
  ): Stream.Stream<unknown, AgentPhoneError> =>
    Stream.unwrap(Effect.map(CurrentRequestOptions, (ambient) => {
      const limitOption = Number(options.queryParams?.limit ?? ambient.queryParams?.limit)
      const first: Record<string, unknown> = Predicate.isRecord(input) ? input : {}
      return Stream.paginateChunkEffect(first, (request) =>
        Effect.map(traced(endpoint, request, options), (page) => {
          const limit = typeof request.limit === "number" ? request.limit : limitOption
          return [
            Chunk.unsafeFromArray(pagination.items(page)),
            pagination.next(request, page, Number.isFinite(limit) ? limit : undefined)
          ] as const
        }))
    }))

  // `httpClient` adds the bearer key below every caller's transform, at the transport, and hands
  // back responses and errors that carry the request as the caller built it: a request, response
  // or error the caller holds never contains the key (Effect redacts headers only inside a
  // redaction context such as a logger, so `JSON.stringify` or `inspect` elsewhere would show it).
  const httpClient = HttpClient.makeWith(
    (built: Effect.Effect<HttpClientRequest.HttpClientRequest>) =>
      Effect.flatMap(
        built,
        (request) =>
          http.execute(HttpClientRequest.setHeader(request, "authorization", bearer)).pipe(
            Effect.map((response) => seenAs(response, request)),
            Effect.mapError((error): HttpClientError.HttpClientError =>
              error._tag === "RequestError"
                ? new HttpClientError.RequestError({ ...error, request })
                : new HttpClientError.ResponseError({ ...error, request, response: seenAs(error.response, request) })
            )
          )
      ),
    (request) =>
      Effect.map(CurrentRequestOptions, (ambient) => {
        const withBase = HttpClientRequest.prependUrl(request, config.baseUrl).pipe(
          HttpClientRequest.setHeaders({ ...config.headers, ...ambient.headers })
        )
        const subAccountId = ambient.subAccountId ?? config.subAccountId
        return subAccountId === undefined
          ? withBase
          : HttpClientRequest.setHeader(withBase, "x-sub-account-id", subAccountId)
      })
  )

  const traced = <Res>(
    endpoint: Endpoint.Endpoint<any, Res, any>,
    input: unknown,
    options: RequestOptions
  ): Effect.Effect<Res, AgentPhoneError> =>
    Effect.flatMap(
      Effect.makeSpan(spanNameOf(endpoint), spanOptions),
      (span) => send(endpoint, input, options, readBody(endpoint), span)
    )

  return {
    config,
    httpClient,
    execute: (endpoint, request, options) =>
      endpoint.response._tag === "ByteStream"
        ? Effect.succeed(bytesOf(endpoint, request, options ?? emptyOptions)) as Effect.Effect<any, never>
        : traced(endpoint, request, options ?? emptyOptions),
    stream: (endpoint, request, options) =>
      (endpoint.paginate !== undefined
        ? pagesOf(endpoint, endpoint.paginate, request, options ?? emptyOptions)
        : bytesOf(endpoint, request, options ?? emptyOptions)) as Stream.Stream<any, AgentPhoneError>
  }
}

/**
 * The executor as a Layer, from explicit options. Enough for every callable row
 * (`Contacts.listContacts(...)`); use `AgentPhone.layer` for the grouped service as well.
 *
 * @example
 * ```ts
 * import * as AgentPhoneClient from "@agentphone-effect/core/AgentPhoneClient"
 * import { NodeHttpClient } from "@effect/platform-node"
 * import { Layer, Redacted } from "effect"
 *
 * export const ClientLive = AgentPhoneClient.layer({
 *   apiKey: Redacted.make("sk_live_..."),
 *   timeout: "20 seconds",
 *   retry: { times: 3 }
 * }).pipe(Layer.provide(NodeHttpClient.layerUndici))
 * ```
 *
 * @since 0.1.0
 */
export const layer = (options: Options): Layer.Layer<AgentPhoneClient, never, HttpClient.HttpClient> =>
  Layer.effect(AgentPhoneClient, make(options))

/**
 * The configuration `layerConfig` reads: `AGENTPHONE_API_KEY` (required, redacted),
 * `AGENTPHONE_BASE_URL`, `AGENTPHONE_SUB_ACCOUNT_ID` and `AGENTPHONE_TIMEOUT` (e.g. `30 seconds`).
 *
 * @example
 * ```ts
 * import * as AgentPhoneClient from "@agentphone-effect/core/AgentPhoneClient"
 * import { Effect } from "effect"
 *
 * const options = Effect.map(AgentPhoneClient.config, (o) => o.baseUrl ?? AgentPhoneClient.defaultBaseUrl)
 * ```
 *
 * @since 0.1.0
 */
export const config: Config.Config<Options> = Config.all({
  apiKey: Config.redacted("AGENTPHONE_API_KEY"),
  baseUrl: Config.option(Config.string("AGENTPHONE_BASE_URL")),
  subAccountId: Config.option(Config.string("AGENTPHONE_SUB_ACCOUNT_ID")),
  timeout: Config.option(Config.duration("AGENTPHONE_TIMEOUT"))
}).pipe(Config.map(({ apiKey, baseUrl, subAccountId, timeout }) => ({
  apiKey,
  baseUrl: Option.getOrUndefined(baseUrl),
  subAccountId: Option.getOrUndefined(subAccountId),
  timeout: Option.getOrUndefined(timeout)
})))

/**
 * The executor as a Layer, configured from the environment (see `config`); `overrides` replace
 * what was read (e.g. a retry policy).
 *
 * @example
 * ```ts
 * import * as AgentPhoneClient from "@agentphone-effect/core/AgentPhoneClient"
 * import { FetchHttpClient } from "@effect/platform"
 * import { Layer } from "effect"
 *
 * export const ClientLive = AgentPhoneClient.layerConfig().pipe(Layer.provide(FetchHttpClient.layer))
 * ```
 *
 * @since 0.1.0
 */
export const layerConfig = (
  overrides?: Partial<Omit<Options, "apiKey">>
): Layer.Layer<AgentPhoneClient, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.effect(
    AgentPhoneClient,
    Effect.flatMap(config, (options) => make({ ...options, ...overrides }))
  )

type Combinator = <X extends Effect.Effect<any, any, any> | Stream.Stream<any, any, any>>(self: X) => X

/**
 * Run an Effect or a Stream with these request options for every AgentPhone request inside it.
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { Effect } from "effect"
 *
 * const fast = Effect.flatMap(AgentPhone.AgentPhone, (ap) => ap.agents.listAgents()).pipe(
 *   AgentPhone.withRequestOptions({ timeout: "5 seconds", retry: false })
 * )
 * ```
 *
 * @since 0.1.0
 */
export const withRequestOptions = (options: RequestOptions): Combinator => (self) => {
  const merge = (current: RequestOptions): RequestOptions => ({
    ...current,
    ...options,
    headers: { ...current.headers, ...options.headers },
    queryParams: { ...current.queryParams, ...options.queryParams }
  })
  if (Predicate.hasProperty(self, Stream.StreamTypeId)) {
    const stream = self as Stream.Stream<any, any, any>
    return Stream.unwrap(
      Effect.map(
        CurrentRequestOptions,
        (current) => Stream.provideService(stream, CurrentRequestOptions, merge(current))
      )
    ) as typeof self
  }
  const effect = self as Effect.Effect<any, any, any>
  return Effect.flatMap(
    CurrentRequestOptions,
    (current) => Effect.provideService(effect, CurrentRequestOptions, merge(current))
  ) as typeof self
}

/**
 * Act for a sub-account: every request inside carries `X-Sub-Account-Id: id`, on any endpoint
 * (a request's own `"X-Sub-Account-Id"` property still wins).
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { Effect } from "effect"
 *
 * const theirContacts = Effect.flatMap(AgentPhone.AgentPhone, (ap) => ap.contacts.listContacts()).pipe(
 *   AgentPhone.withSubAccount("sub_123")
 * )
 * ```
 *
 * @since 0.1.0
 */
export const withSubAccount = (id: string): Combinator => withRequestOptions({ subAccountId: id })
