/**
 * The `AgentPhone` service: every endpoint of the AgentPhone API under its official group and
 * method name, typed end to end, with bounded retries, per-attempt timeouts and typed errors.
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { FetchHttpClient } from "@effect/platform"
 * import { Effect, Layer, Redacted } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const ap = yield* AgentPhone.AgentPhone
 *   const agents = yield* ap.agents.listAgents()
 *   return agents.total
 * })
 *
 * const AgentPhoneLive = AgentPhone.layer({ apiKey: Redacted.make("sk_live_...") }).pipe(
 *   Layer.provide(FetchHttpClient.layer)
 * )
 * program.pipe(Effect.provide(AgentPhoneLive))
 * ```
 *
 * @since 0.1.0
 */
import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
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
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import * as Random from "effect/Random"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import {
  type AgentPhoneError,
  ApiError,
  ConflictError,
  DecodeError,
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
import * as Agents from "./Agents.js"
import * as AgentWebhooks from "./AgentWebhooks.js"
import * as Calls from "./Calls.js"
import * as ContactCards from "./ContactCards.js"
import * as Contacts from "./Contacts.js"
import * as Conversations from "./Conversations.js"
import * as Endpoint from "./Endpoint.js"
import * as Location from "./Location.js"
import * as Messages from "./Messages.js"
import * as Model from "./Model.js"
import * as Numbers from "./Numbers.js"
import * as Registration from "./Registration.js"
import * as SubAccounts from "./SubAccounts.js"
import * as Usage from "./Usage.js"
import * as Webhooks from "./Webhooks.js"

/**
 * The API's only public base URL.
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
 * @since 0.1.0
 */
export interface RequestOptions {
  /** Per attempt. Default 60 s. */
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
 * @since 0.1.0
 */
export interface Options {
  readonly apiKey: Redacted.Redacted<string>
  /** Default `https://api.agentphone.ai`; a path prefix is kept. */
  readonly baseUrl?: string | URL | undefined
  /** Per attempt. Default 60 s. */
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
 * @since 0.1.0
 */
export class CurrentRequestOptions extends Context.Reference<CurrentRequestOptions>()(
  "@agentphone-effect/core/AgentPhone/CurrentRequestOptions",
  { defaultValue: (): RequestOptions => ({}) }
) {}

/**
 * A method of the service, derived from its endpoint row: endpoints without a request take
 * options only; those whose request has no required key take it optionally.
 *
 * @since 0.1.0
 */
export type MethodOf<E> = E extends Endpoint.Endpoint<infer Req, infer Res, any> ? Signature<
    Req,
    // Option and Either are Effects (and so look like Streams): only a non-Effect Stream is returned as is.
    [Res] extends [Effect.Effect<any, any, any>] ? Effect.Effect<Res, AgentPhoneError>
      : [Res] extends [Stream.Stream<any, any, any>] ? Res
      : Effect.Effect<Res, AgentPhoneError>
  >
  : never

/**
 * A method's parameters from its request type: none (options only), an optional request (no
 * required key), or a required one.
 *
 * @since 0.1.0
 */
export type Signature<Req, Out> = [Req] extends [void] ? (options?: RequestOptions) => Out
  : {} extends Req ? (request?: Req, options?: RequestOptions) => Out
  : (request: Req, options?: RequestOptions) => Out

/**
 * The streaming form of a row: the items of every page of a paged list, or the bytes of a
 * binary response.
 *
 * @since 0.1.0
 */
export type StreamMethodOf<E> = E extends Endpoint.Endpoint<infer Req, any, infer Item>
  ? Signature<Req, Stream.Stream<[Item] extends [never] ? Uint8Array : Item, AgentPhoneError>>
  : never

/**
 * `K + "Stream"` for the rows that have a streaming form (paged lists and binary downloads).
 *
 * @since 0.1.0
 */
export type StreamKey<K, E> = K extends string
  ? E extends Endpoint.Endpoint<any, infer Res, infer Item>
    ? [Item] extends [never] ? [Res] extends [Uint8Array] ? `${K}Stream` : never : `${K}Stream`
  : never
  : never

/**
 * A resource group of the service, derived from its endpoint table: one method per row, plus a
 * `<method>Stream` form for every paged list and binary download.
 *
 * @since 0.1.0
 */
export type Client<G> =
  & { readonly [K in keyof G]: MethodOf<G[K]> }
  & { readonly [K in keyof G as StreamKey<K, G[K]>]: StreamMethodOf<G[K]> }

/**
 * The endpoint tables of every group, by the official group name.
 *
 * @since 0.1.0
 */
export const groups = {
  agents: Agents.endpoints,
  numbers: Numbers.endpoints,
  webhooks: Webhooks.endpoints,
  agentWebhooks: AgentWebhooks.endpoints,
  contacts: Contacts.endpoints,
  conversations: Conversations.endpoints,
  calls: Calls.endpoints,
  usage: Usage.endpoints,
  messages: Messages.endpoints,
  contactCards: ContactCards.endpoints,
  registration: Registration.endpoints,
  subAccounts: SubAccounts.endpoints,
  location: Location.endpoints
} as const

/**
 * What `AgentPhone` provides: one property per resource group, plus the configuration and the
 * configured `HttpClient` (base URL, bearer key, headers) for sibling packages.
 *
 * @since 0.1.0
 */
export type Service =
  & { readonly [G in keyof typeof groups]: Client<(typeof groups)[G]> }
  & {
    readonly config: ResolvedConfig
    /** The app's `HttpClient` with base URL, `Authorization` and default headers applied. */
    readonly httpClient: HttpClient.HttpClient
    /** Run any endpoint row through the client (retries, timeouts, errors), e.g. one you define. */
    readonly call: <Req, Res>(
      endpoint: Endpoint.Endpoint<Req, Res, any>,
      request: Req,
      options?: RequestOptions
    ) => Effect.Effect<Res, AgentPhoneError>
  }

/**
 * The AgentPhone client service. Build it with `AgentPhone.layer` or `AgentPhone.layerConfig`;
 * both need an `HttpClient.HttpClient` (the app picks fetch, undici or node:http).
 *
 * @since 0.1.0
 */
export class AgentPhone extends Context.Tag("@agentphone-effect/core/AgentPhone")<AgentPhone, Service>() {}

const resolveRetry = (
  base: RetryPolicy | false,
  override: Partial<RetryPolicy> | false | undefined
): RetryPolicy | false =>
  override === false ? false : override === undefined ? base : { ...(base || defaultRetryPolicy), ...override }

/**
 * Resolve layer options into the configuration the service runs with.
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

const withRetries = <A>(
  once: Effect.Effect<A, AgentPhoneError>,
  policy: RetryPolicy
): Effect.Effect<A, AgentPhoneError> => {
  const loop = (attempt: number): Effect.Effect<A, AgentPhoneError> =>
    Effect.catchAll(once, (error) =>
      attempt < policy.times && isRetryable(error)
        ? Effect.flatMap(retryDelay(policy, error, attempt), (delay) =>
          Effect.zipRight(
            Effect.annotateLogs(Effect.logDebug(`retrying after ${error._tag}`), { attempt: attempt + 1 }),
            Effect.delay(loop(attempt + 1), delay)
          ))
        : Effect.fail(error))
  return loop(0)
}

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
  return Effect.flatMap(Effect.mapError(response.text, transport), (text) => {
    const decoded = endpoint.decode(text)
    return Either.isRight(decoded)
      ? Effect.succeed(decoded.right)
      : Effect.fail(new DecodeError({ ...target, status: response.status, issues: decoded.left }, true))
  })
}

/**
 * Build the service from resolved options and an `HttpClient`.
 *
 * @since 0.1.0
 */
export const make = (options: Options): Effect.Effect<Service, never, HttpClient.HttpClient> =>
  Effect.map(HttpClient.HttpClient, (http) => makeWith(resolveConfig(options), http))

const makeWith = (config: ResolvedConfig, rawHttp: HttpClient.HttpClient): Service => {
  const http = HttpClient.withTracerPropagation(rawHttp, false)
  const bearer = `Bearer ${Redacted.value(config.apiKey)}`

  const execute = <Req, Res>(
    endpoint: Endpoint.Endpoint<Req, Res, any>,
    input: unknown,
    callOptions: RequestOptions
  ): Effect.Effect<Res, AgentPhoneError> => send(endpoint, input, callOptions, readBody(endpoint))

  /** Run a row; `onOk` reads a 2xx response inside the attempt (under its timeout and retries). */
  const send = <A>(
    endpoint: Endpoint.Endpoint<any, any, any>,
    input: unknown,
    callOptions: RequestOptions,
    onOk: (
      response: HttpClientResponse.HttpClientResponse,
      target: Target,
      transport: (error: HttpClientError.HttpClientError) => AgentPhoneError
    ) => Effect.Effect<A, AgentPhoneError>
  ): Effect.Effect<A, AgentPhoneError> =>
    Effect.flatMap(CurrentRequestOptions, (ambient) => {
      const encoded = endpoint.encode(input)
      if (Either.isLeft(encoded)) return Effect.fail(encoded.left)
      const parts = encoded.right
      const target: Target = { endpoint: endpoint.name, method: endpoint.method, path: parts.path }

      const headers: Record<string, string> = {
        accept: endpoint.response._tag === "Bytes"
          ? "*/*"
          : endpoint.response._tag === "ByteStream"
          ? endpoint.response.accept
          : "application/json",
        ...config.headers,
        ...ambient.headers,
        ...callOptions.headers
      }
      if (endpoint.auth) headers.authorization = bearer
      const subAccountId = parts.subAccountId ?? callOptions.subAccountId ?? ambient.subAccountId ??
        config.subAccountId
      if (subAccountId !== undefined) headers["x-sub-account-id"] = subAccountId

      const extraQuery = { ...ambient.queryParams, ...callOptions.queryParams }
      let urlParams: Array<readonly [string, string]> = parts.query as Array<readonly [string, string]>
      for (const [key, value] of Object.entries(extraQuery)) {
        if (value === undefined) continue
        const index = urlParams.findIndex(([k]) => k === key)
        if (urlParams === parts.query) urlParams = [...parts.query]
        if (index >= 0) urlParams[index] = [key, String(value)]
        else urlParams.push([key, String(value)])
      }

      const request = HttpClientRequest.make(endpoint.method)(config.baseUrl + parts.path, {
        headers,
        urlParams,
        ...(parts.body === undefined ? {} : { body: HttpBody.unsafeJson(parts.body) })
      })

      const timeout = callOptions.timeout !== undefined
        ? Duration.decode(callOptions.timeout)
        : ambient.timeout !== undefined
        ? Duration.decode(ambient.timeout)
        : config.timeout

      const transport = (error: HttpClientError.HttpClientError) =>
        new TransportError({ ...target, reason: describeTransport(error) }, true)

      const once: Effect.Effect<A, AgentPhoneError> = http.execute(request).pipe(
        Effect.mapError(transport),
        Effect.flatMap((response): Effect.Effect<A, AgentPhoneError> => {
          if (response.status >= 200 && response.status < 300) {
            return onOk(response, target, transport)
          }
          return Effect.flatMap(
            Effect.zip(Effect.orElseSucceed(response.text, () => ""), Clock.currentTimeMillis),
            ([text, now]) => Effect.fail(statusError(target, response, text, now))
          )
        }),
        Effect.timeoutFail({
          duration: timeout,
          onTimeout: () => new TimeoutError({ ...target, timeoutMillis: Duration.toMillis(timeout) }, true)
        })
      )

      let policy = resolveRetry(config.retry, ambient.retry)
      policy = resolveRetry(policy, callOptions.retry)
      if (policy === false || policy.times <= 0 || !(endpoint.idempotent || policy.retryNonIdempotent)) return once
      return withRetries(once, policy)
    })

  /** The raw body of a 2xx response as a byte stream (timeouts and retries cover the head only). */
  const bytesOf = (
    endpoint: Endpoint.Endpoint<any, any, any>,
    input: unknown,
    options: RequestOptions
  ): Stream.Stream<Uint8Array, AgentPhoneError> =>
    Stream.unwrap(
      send(endpoint, input, options, (response, _target, transport) =>
        Effect.succeed(Stream.mapError(response.stream, transport))).pipe(
          Effect.withSpan(`AgentPhone.${endpoint.name}`)
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
        Effect.map(execute(endpoint, request, options), (page) => {
          const limit = typeof request.limit === "number" ? request.limit : limitOption
          return [
            Chunk.unsafeFromArray(pagination.items(page)),
            pagination.next(request, page, Number.isFinite(limit) ? limit : undefined)
          ] as const
        }))
    }))

  const withOptionalRequest = <A>(
    endpoint: Endpoint.Endpoint<any, any, any>,
    f: (input: unknown, options: RequestOptions) => A
  ) =>
    endpoint.request === Endpoint.NoRequest
      ? (options?: RequestOptions) => f(undefined, options ?? emptyOptions)
      : (request?: unknown, options?: RequestOptions) => f(request ?? {}, options ?? emptyOptions)

  const methodFor = (endpoint: Endpoint.Endpoint<any, any, any>) => {
    if (endpoint.response._tag === "ByteStream") {
      return withOptionalRequest(endpoint, (input, options) => bytesOf(endpoint, input, options))
    }
    const traced = Effect.fn(`AgentPhone.${endpoint.name}`)(function*(input: unknown, options: RequestOptions) {
      return yield* execute(endpoint, input, options)
    })
    return withOptionalRequest(endpoint, traced)
  }

  const streamMethodFor = (endpoint: Endpoint.Endpoint<any, any, any>) => {
    const pagination = endpoint.paginate
    if (pagination !== undefined) {
      return withOptionalRequest(endpoint, (input, options) => pagesOf(endpoint, pagination, input, options))
    }
    if (endpoint.response._tag === "Bytes") {
      return withOptionalRequest(endpoint, (input, options) => bytesOf(endpoint, input, options))
    }
    return undefined
  }

  const service: Record<string, unknown> = {}
  for (const [groupName, table] of Object.entries(groups)) {
    const client: Record<string, unknown> = {}
    for (const [methodName, endpoint] of Object.entries(table)) {
      const row = endpoint as Endpoint.Endpoint<any, any, any>
      client[methodName] = methodFor(row)
      const streamMethod = streamMethodFor(row)
      if (streamMethod !== undefined) client[`${methodName}Stream`] = streamMethod
    }
    service[groupName] = client
  }

  const httpClient = http.pipe(
    HttpClient.mapRequestEffect((request) =>
      Effect.map(CurrentRequestOptions, (ambient) => {
        const withBase = HttpClientRequest.prependUrl(request, config.baseUrl).pipe(
          HttpClientRequest.setHeaders({ ...config.headers, ...ambient.headers }),
          HttpClientRequest.setHeader("authorization", bearer)
        )
        const subAccountId = ambient.subAccountId ?? config.subAccountId
        return subAccountId === undefined
          ? withBase
          : HttpClientRequest.setHeader(withBase, "x-sub-account-id", subAccountId)
      })
    )
  )

  return {
    ...service,
    config,
    httpClient,
    call: (endpoint, request, options) =>
      endpoint.response._tag === "ByteStream"
        ? Effect.succeed(bytesOf(endpoint, request, options ?? emptyOptions))
        : execute(endpoint, request, options ?? emptyOptions)
  } as Service
}

/**
 * The service as a Layer, from explicit options.
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { NodeHttpClient } from "@effect/platform-node"
 * import { Layer, Redacted } from "effect"
 *
 * export const AgentPhoneLive = AgentPhone.layer({
 *   apiKey: Redacted.make("sk_live_..."),
 *   timeout: "20 seconds",
 *   retry: { times: 3 }
 * }).pipe(Layer.provide(NodeHttpClient.layerUndici))
 * ```
 *
 * @since 0.1.0
 */
export const layer = (options: Options): Layer.Layer<AgentPhone, never, HttpClient.HttpClient> =>
  Layer.effect(AgentPhone, make(options))

/**
 * The configuration `layerConfig` reads: `AGENTPHONE_API_KEY` (required, redacted),
 * `AGENTPHONE_BASE_URL`, `AGENTPHONE_SUB_ACCOUNT_ID` and `AGENTPHONE_TIMEOUT` (e.g. `30 seconds`).
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
 * The service as a Layer, configured from the environment (see `config`); `overrides` replace
 * what was read (e.g. a retry policy).
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { FetchHttpClient } from "@effect/platform"
 * import { Layer } from "effect"
 *
 * export const AgentPhoneLive = AgentPhone.layerConfig().pipe(Layer.provide(FetchHttpClient.layer))
 * ```
 *
 * @since 0.1.0
 */
export const layerConfig = (
  overrides?: Partial<Omit<Options, "apiKey">>
): Layer.Layer<AgentPhone, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.effect(
    AgentPhone,
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
