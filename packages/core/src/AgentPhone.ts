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
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Stream from "effect/Stream"
import * as AgentPhoneClient from "./AgentPhoneClient.js"
import type { AgentPhoneError } from "./AgentPhoneError.js"
import * as Agents from "./Agents.js"
import * as AgentWebhooks from "./AgentWebhooks.js"
import * as Calls from "./Calls.js"
import * as ContactCards from "./ContactCards.js"
import * as Contacts from "./Contacts.js"
import * as Conversations from "./Conversations.js"
import * as Endpoint from "./Endpoint.js"
import * as Location from "./Location.js"
import * as Messages from "./Messages.js"
import * as Numbers from "./Numbers.js"
import * as Registration from "./Registration.js"
import * as SubAccounts from "./SubAccounts.js"
import * as Usage from "./Usage.js"
import * as Webhooks from "./Webhooks.js"

/**
 * The API's only public base URL, the retry policy, request and layer options, and the ambient
 * request options: the executor's (see `AgentPhoneClient`), re-exported here.
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { Effect } from "effect"
 *
 * const quick = Effect.flatMap(AgentPhone.AgentPhone, (ap) => ap.agents.listAgents()).pipe(
 *   AgentPhone.withRequestOptions({ timeout: "5 seconds", retry: { times: 1 } })
 * )
 * ```
 *
 * @since 0.1.0
 */
export {
  config,
  CurrentRequestOptions,
  defaultBaseUrl,
  defaultRetryPolicy,
  parseErrorBody,
  parseRetryAfter,
  resolveConfig,
  retryDelay,
  withRequestOptions,
  withSubAccount
} from "./AgentPhoneClient.js"

/**
 * Types of the executor's options and configuration, re-exported here.
 *
 * @example
 * ```ts
 * import type { AgentPhone } from "@agentphone-effect/core"
 *
 * const perCall: AgentPhone.RequestOptions = { timeout: "10 seconds", retry: false, subAccountId: "sub_77aa" }
 * ```
 *
 * @since 0.1.0
 */
export type { Options, RequestOptions, ResolvedConfig, RetryPolicy } from "./AgentPhoneClient.js"

/**
 * A method of the service, derived from its endpoint row: endpoints without a request take
 * options only; those whose request has no required key take it optionally.
 *
 * @example
 * ```ts
 * import type { AgentPhone, Contacts } from "@agentphone-effect/core"
 *
 * // the type of `ap.contacts.getContact`
 * type GetContact = AgentPhone.MethodOf<typeof Contacts.getContact>
 * ```
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
 * @example
 * ```ts
 * import type { AgentPhone } from "@agentphone-effect/core"
 *
 * // a method whose request is required: (request, options?) => Out
 * type F = AgentPhone.Signature<{ readonly contact_id: string }, string>
 * ```
 *
 * @since 0.1.0
 */
export type Signature<Req, Out> = Endpoint.Signature<Req, Out>

/**
 * The streaming form of a row: the items of every page of a paged list, or the bytes of a
 * binary response.
 *
 * @example
 * ```ts
 * import type { AgentPhone, Contacts } from "@agentphone-effect/core"
 *
 * // the type of `ap.contacts.listContactsStream`: a Stream of contacts
 * type ListAll = AgentPhone.StreamMethodOf<typeof Contacts.listContacts>
 * ```
 *
 * @since 0.1.0
 */
export type StreamMethodOf<E> = E extends Endpoint.Endpoint<infer Req, any, infer Item>
  ? Signature<Req, Stream.Stream<[Item] extends [never] ? Uint8Array : Item, AgentPhoneError>>
  : never

/**
 * `K + "Stream"` for the rows that have a streaming form (paged lists and binary downloads).
 *
 * @example
 * ```ts
 * import type { AgentPhone, Contacts } from "@agentphone-effect/core"
 *
 * const key: AgentPhone.StreamKey<"listContacts", typeof Contacts.listContacts> = "listContactsStream"
 * ```
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
 * @example
 * ```ts
 * import type { AgentPhone, Contacts } from "@agentphone-effect/core"
 *
 * // the type of `ap.contacts`
 * type ContactsClient = AgentPhone.Client<typeof Contacts.endpoints>
 * ```
 *
 * @since 0.1.0
 */
export type Client<G> =
  & { readonly [K in keyof G]: MethodOf<G[K]> }
  & { readonly [K in keyof G as StreamKey<K, G[K]>]: StreamMethodOf<G[K]> }

/**
 * The endpoint tables of every group, by the official group name.
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 *
 * // every method name of the service, e.g. "contacts.listContacts"
 * const methods = Object.entries(AgentPhone.groups).flatMap(([group, rows]) =>
 *   Object.keys(rows).map((method) => `${group}.${method}`)
 * )
 * ```
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
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { Effect } from "effect"
 *
 * const baseUrl = Effect.map(AgentPhone.AgentPhone, (ap: AgentPhone.Service) => ap.config.baseUrl)
 * ```
 *
 * @since 0.1.0
 */
export type Service =
  & { readonly [G in keyof typeof groups]: Client<(typeof groups)[G]> }
  & {
    readonly config: AgentPhoneClient.ResolvedConfig
    /** The app's `HttpClient` with base URL, `Authorization` and default headers applied. */
    readonly httpClient: HttpClient.HttpClient
    /** Run any endpoint row through the client (retries, timeouts, errors), e.g. one you define. */
    readonly call: <Req, Res>(
      endpoint: Endpoint.Endpoint<Req, Res, any>,
      request: Req,
      options?: AgentPhoneClient.RequestOptions
    ) => Effect.Effect<Res, AgentPhoneError>
  }

/**
 * The AgentPhone client service. Build it with `AgentPhone.layer` or `AgentPhone.layerConfig`;
 * both need an `HttpClient.HttpClient` (the app picks fetch, undici or node:http).
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const ap = yield* AgentPhone.AgentPhone
 *   const contact = yield* ap.contacts.createContact({ phoneNumber: "+14155550123", name: "Ada" })
 *   return contact.id
 * })
 * ```
 *
 * @since 0.1.0
 */
export class AgentPhone extends Context.Tag("@agentphone-effect/core/AgentPhone")<AgentPhone, Service>() {}

const emptyOptions: AgentPhoneClient.RequestOptions = {}

const withOptionalRequest = <A>(
  endpoint: Endpoint.Endpoint<any, any, any>,
  f: (input: unknown, options: AgentPhoneClient.RequestOptions) => A
) =>
  endpoint.request === Endpoint.NoRequest
    ? (options?: AgentPhoneClient.RequestOptions) => f(undefined, options ?? emptyOptions)
    : (request?: unknown, options?: AgentPhoneClient.RequestOptions) => f(request ?? {}, options ?? emptyOptions)

/**
 * Build the grouped service over an executor: one method per row of every group, plus the
 * `<method>Stream` forms.
 *
 * @example
 * ```ts
 * import { AgentPhone, AgentPhoneClient } from "@agentphone-effect/core"
 * import { Effect } from "effect"
 *
 * const service = Effect.map(AgentPhoneClient.AgentPhoneClient, AgentPhone.fromClient)
 * ```
 *
 * @since 0.1.0
 */
export const fromClient = (client: AgentPhoneClient.Service): Service => {
  const service: Record<string, unknown> = {}
  for (const [groupName, table] of Object.entries(groups)) {
    const methods: Record<string, unknown> = {}
    for (const [methodName, row] of Object.entries(table)) {
      const endpoint = row as Endpoint.Endpoint<any, any, any>
      methods[methodName] = endpoint.response._tag === "ByteStream"
        ? withOptionalRequest(endpoint, (input, options) => client.stream(endpoint, input, options))
        : withOptionalRequest(endpoint, (input, options) => client.execute(endpoint, input, options))
      if (endpoint.paginate !== undefined || endpoint.response._tag === "Bytes") {
        methods[`${methodName}Stream`] = withOptionalRequest(
          endpoint,
          (input, options) => client.stream(endpoint, input, options)
        )
      }
    }
    service[groupName] = methods
  }
  return {
    ...service,
    config: client.config,
    httpClient: client.httpClient,
    call: (endpoint, request, options) => client.execute(endpoint, request, options)
  } as Service
}

/**
 * Build the service from options and an `HttpClient`.
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { FetchHttpClient } from "@effect/platform"
 * import { Effect, Redacted } from "effect"
 *
 * const ap = AgentPhone.make({ apiKey: Redacted.make("sk_live_...") }).pipe(Effect.provide(FetchHttpClient.layer))
 * ```
 *
 * @since 0.1.0
 */
export const make = (
  options: AgentPhoneClient.Options
): Effect.Effect<Service, never, HttpClient.HttpClient> => Effect.map(AgentPhoneClient.make(options), fromClient)

const fromClientLayer: Layer.Layer<AgentPhone, never, AgentPhoneClient.AgentPhoneClient> = Layer.effect(
  AgentPhone,
  Effect.map(AgentPhoneClient.AgentPhoneClient, fromClient)
)

/**
 * The service as a Layer, from explicit options. It provides `AgentPhoneClient` as well, so the
 * callable rows (`Contacts.listContacts(...)`) run under it too.
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
export const layer = (
  options: AgentPhoneClient.Options
): Layer.Layer<AgentPhone | AgentPhoneClient.AgentPhoneClient, never, HttpClient.HttpClient> =>
  Layer.provideMerge(fromClientLayer, AgentPhoneClient.layer(options))

/**
 * The service as a Layer, configured from the environment (`AGENTPHONE_API_KEY`, …; see
 * `AgentPhoneClient.config`); `overrides` replace what was read (e.g. a retry policy). It provides
 * `AgentPhoneClient` as well.
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
  overrides?: Partial<Omit<AgentPhoneClient.Options, "apiKey">>
): Layer.Layer<AgentPhone | AgentPhoneClient.AgentPhoneClient, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.provideMerge(fromClientLayer, AgentPhoneClient.layerConfig(overrides))
