/**
 * The endpoint table's row type. Each AgentPhone endpoint is one value of `Endpoint`: its HTTP
 * method, path template, which request keys go to the path, the query (in send order), the body
 * or a header, and the Schemas of its request and response. The executor (`AgentPhoneClient`)
 * runs any row the same way, so adding an endpoint is adding one row to its group. A row is also
 * a function: `Contacts.listContacts({ limit: 10 })` is an Effect that needs only
 * `AgentPhoneClient`, so a bundle keeps just the rows it calls.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import type { ParseOptions } from "effect/SchemaAST"
import * as Stream from "effect/Stream"
import { AgentPhoneClient, type RequestOptions } from "./AgentPhoneClient.js"
import { type AgentPhoneError, InvalidRequestError, Issue } from "./AgentPhoneError.js"
import * as FastDecode from "./internal/fastDecode.js"
import * as Wire from "./internal/wire.js"
import * as Model from "./Model.js"

/**
 * An HTTP method of the API.
 *
 * @example
 * ```ts
 * import { Contacts, type Endpoint } from "@agentphone-effect/core"
 *
 * const isRead = (method: Endpoint.Method) => method === "GET"
 * isRead(Contacts.listContacts.method) // true
 * ```
 *
 * @since 0.1.0
 */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE"

/**
 * Where the request object's remaining keys (not path, query or header) go:
 * `"fields"` — a JSON body of those keys; `"none"` — no body, no content type (body-less POSTs);
 * `{ nested: "body" }` — the JSON body is the value of that one key (the webhook upserts).
 *
 * @example
 * ```ts
 * import { type Endpoint, Webhooks } from "@agentphone-effect/core"
 *
 * const describeBody = (body: Endpoint.Body) =>
 *   body === "fields" ? "the remaining keys" : body === "none" ? "no body" : `the value of \`${body.nested}\``
 * describeBody(Webhooks.createOrUpdateWebhook.body) // "the value of `body`"
 * ```
 *
 * @since 0.1.0
 */
export type Body = "fields" | "none" | { readonly nested: string }

/**
 * How a 2xx response becomes a value.
 *
 * @example
 * ```ts
 * import { Calls, Contacts, type Endpoint } from "@agentphone-effect/core"
 *
 * // Whether calling a row gives a Stream (a streamed body) rather than an Effect.
 * const isStreamed = <A>(spec: Endpoint.ResponseSpec<A>) => spec._tag === "ByteStream"
 * isStreamed(Calls.streamCallTranscript.response) // true
 * isStreamed(Contacts.listContacts.response) // false
 * ```
 *
 * @since 0.1.0
 */
export type ResponseSpec<A> =
  | { readonly _tag: "Json"; readonly schema: Schema.Schema<A, any> }
  | { readonly _tag: "JsonOrNull"; readonly schema: Schema.Schema<any, any>; readonly _A?: A }
  | { readonly _tag: "Empty"; readonly _A?: A }
  | { readonly _tag: "Bytes"; readonly _A?: A }
  | { readonly _tag: "ByteStream"; readonly accept: string; readonly _A?: A }

/**
 * A JSON response decoded with `schema`.
 *
 * @example
 * ```ts
 * import { Endpoint } from "@agentphone-effect/core"
 * import { Schema } from "effect"
 *
 * // A row for an endpoint this SDK does not cover yet.
 * const getBalance = Endpoint.make("GET", "/v1/balance", {
 *   name: "billing.getBalance",
 *   response: Endpoint.json(Schema.Struct({ credits: Schema.Number }))
 * })
 * const credits = getBalance() // Effect<{ readonly credits: number }, AgentPhoneError, AgentPhoneClient>
 * ```
 *
 * @since 0.1.0
 */
export const json = <A, I>(schema: Schema.Schema<A, I>): ResponseSpec<A> => ({ _tag: "Json", schema })

/**
 * A JSON response that may be the literal `null` (or empty): decodes to `Option`.
 *
 * @example
 * ```ts
 * import { Webhooks } from "@agentphone-effect/core"
 * import { Effect, Option } from "effect"
 *
 * // No webhook configured is `None`, not an error.
 * const webhookUrl = Effect.map(Webhooks.getWebhook(), Option.map((webhook) => webhook.url))
 * ```
 *
 * @since 0.1.0
 */
export const jsonOrNull = <A, I>(schema: Schema.Schema<A, I>): ResponseSpec<Option.Option<A>> => ({
  _tag: "JsonOrNull",
  schema
})

/**
 * A response whose body is ignored (204, or a body the official SDK discards).
 *
 * @example
 * ```ts
 * import { Endpoint } from "@agentphone-effect/core"
 * import { Schema } from "effect"
 *
 * const deleteThing = Endpoint.make("DELETE", "/v1/things/{thing_id}", {
 *   request: Schema.Struct({ thing_id: Schema.String }),
 *   response: Endpoint.empty
 * })
 * const deleted = deleteThing({ thing_id: "t_1" }) // Effect<void, AgentPhoneError, AgentPhoneClient>
 * ```
 *
 * @since 0.1.0
 */
export const empty: ResponseSpec<void> = { _tag: "Empty" }

/**
 * A binary response, returned intact.
 *
 * @example
 * ```ts
 * import { Calls } from "@agentphone-effect/core"
 * import { Effect } from "effect"
 * import { writeFile } from "node:fs/promises"
 *
 * // A call recording (`Endpoint.bytes`) saved to a file.
 * const saveRecording = (callId: string, file: string) =>
 *   Effect.flatMap(Calls.getCallRecording({ call_id: callId }), (bytes) => Effect.promise(() => writeFile(file, bytes)))
 * ```
 *
 * @since 0.1.0
 */
export const bytes: ResponseSpec<Uint8Array> = { _tag: "Bytes" }

/**
 * A streamed response (e.g. server-sent events): the method returns the raw body as a byte
 * `Stream` instead of an Effect. The request is sent when the stream runs; timeouts and retries
 * cover only the response head, so a long-lived stream is never cut by the request timeout.
 *
 * @example
 * ```ts
 * import { Calls } from "@agentphone-effect/core"
 * import { Stream } from "effect"
 *
 * // The raw server-sent events of a live call (@agentphone-effect/transcripts parses them for you).
 * const frames = Calls.streamCallTranscript({ call_id: "call_1" }).pipe(Stream.decodeText(), Stream.splitLines)
 * ```
 *
 * @since 0.1.0
 */
export const byteStream = (accept: string): ResponseSpec<Stream.Stream<Uint8Array, AgentPhoneError>> => ({
  _tag: "ByteStream",
  accept
})

/**
 * How a list endpoint pages: which items a page holds and which request fetches the next page
 * (`None` at the end, decided from the page alone, without an extra request).
 *
 * @example
 * ```ts
 * import { Contacts } from "@agentphone-effect/core"
 * import { Effect, Option } from "effect"
 *
 * // Fetch one page and tell whether another follows (what the `stream` form does between pages).
 * const { paginate } = Contacts.listContacts
 * const hasNextPage = Effect.map(Contacts.listContacts({ limit: 50 }), (page) =>
 *   paginate !== undefined && Option.isSome(paginate.next({ limit: 50 }, page, 50)))
 * ```
 *
 * @since 0.1.0
 */
export interface Pagination<Res, Item> {
  readonly _tag: "Offset" | "Cursor"
  /** The items of one page. */
  readonly items: (page: Res) => ReadonlyArray<Item>
  /**
   * The request for the page after `page`, or `None` when `page` is the last one. `limit` is the
   * page size asked for (the request's `limit` or a `limit` query option), if any.
   */
  readonly next: (
    request: Readonly<Record<string, unknown>>,
    page: Res,
    limit: number | undefined
  ) => Option.Option<Record<string, unknown>>
}

const numberOf = (u: unknown): number | undefined => typeof u === "number" && Number.isFinite(u) ? u : undefined

/**
 * Offset paging (`offset`, optional `limit`). The end is the first of: an empty page; `hasMore:
 * false` (when the envelope has `hasMore`, it decides); `offset + items >= total`; a page shorter
 * than the `limit` asked for.
 *
 * @example
 * ```ts
 * import { Endpoint } from "@agentphone-effect/core"
 * import { Schema } from "effect"
 *
 * const Page = Schema.Struct({ data: Schema.Array(Schema.String), total: Schema.Number })
 * const listThings = Endpoint.make("GET", "/v1/things", {
 *   request: Schema.Struct({ offset: Schema.optional(Schema.Int) }),
 *   query: ["offset"],
 *   response: Endpoint.json(Page),
 *   paginate: Endpoint.offsetPaged((page: typeof Page.Type) => page.data)
 * })
 * ```
 *
 * @since 0.1.0
 */
export const offsetPaged = <Res, Item>(items: (page: Res) => ReadonlyArray<Item>): Pagination<Res, Item> => ({
  _tag: "Offset",
  items,
  next: (request, page, limit) => {
    const count = items(page).length
    if (count === 0) return Option.none()
    const envelope: Record<string, unknown> = Predicate.isRecord(page) ? page : {}
    const offset = numberOf(request.offset) ?? numberOf(envelope.offset) ?? 0
    const nextOffset = offset + count
    const next = Option.some({ ...request, offset: nextOffset })
    if (typeof envelope.hasMore === "boolean") return envelope.hasMore ? next : Option.none()
    const total = numberOf(envelope.total)
    if (total !== undefined && nextOffset >= total) return Option.none()
    const size = limit ?? numberOf(envelope.limit)
    if (size !== undefined && count < size) return Option.none()
    return next
  }
})

/**
 * Timestamp-cursor paging (`before` / `after`, `hasMore`): walks back in time, each next page
 * asking for items `before` the oldest timestamp of the current one (the order inside a page does
 * not matter), `after` kept as the lower bound. Ends on `hasMore: false`, an empty page, or a
 * cursor that would not move back (so a server that treats `before` as inclusive cannot loop).
 *
 * @example
 * ```ts
 * import { Endpoint } from "@agentphone-effect/core"
 * import { Schema } from "effect"
 *
 * const Event = Schema.Struct({ id: Schema.String, createdAt: Schema.String })
 * const Page = Schema.Struct({ data: Schema.Array(Event), hasMore: Schema.Boolean })
 * const listEvents = Endpoint.make("GET", "/v1/events", {
 *   request: Schema.Struct({ before: Schema.optional(Schema.String), limit: Schema.optional(Schema.Int) }),
 *   query: ["before", "limit"],
 *   response: Endpoint.json(Page),
 *   paginate: Endpoint.cursorPaged((page: typeof Page.Type) => page.data, (event) => event.createdAt)
 * })
 * const everyEvent = listEvents.stream({ limit: 100 }) // newest first, page after page
 * ```
 *
 * @since 0.1.0
 */
export const cursorPaged = <Res, Item>(
  items: (page: Res) => ReadonlyArray<Item>,
  timestamp: (item: Item) => string
): Pagination<Res, Item> => ({
  _tag: "Cursor",
  items,
  next: (request, page) => {
    const list = items(page)
    const envelope: Record<string, unknown> = Predicate.isRecord(page) ? page : {}
    if (list.length === 0 || envelope.hasMore === false) return Option.none()
    let oldest: string | undefined
    let oldestMillis = Infinity
    for (const item of list) {
      const ts = timestamp(item)
      const millis = Date.parse(ts)
      if (!Number.isNaN(millis) && millis < oldestMillis) {
        oldest = ts
        oldestMillis = millis
      }
    }
    if (oldest === undefined) return Option.none()
    const previous = typeof request.before === "string" ? Date.parse(request.before) : NaN
    if (!Number.isNaN(previous) && oldestMillis >= previous) return Option.none()
    return Option.some({ ...request, before: oldest })
  }
})

/**
 * The request of an endpoint that takes none: its method is called with options only.
 *
 * @example
 * ```ts
 * import { Endpoint } from "@agentphone-effect/core"
 * import { Schema } from "effect"
 *
 * const getStatus = Endpoint.make("GET", "/v1/status", {
 *   request: Endpoint.NoRequest,
 *   response: Endpoint.json(Schema.Struct({ ok: Schema.Boolean }))
 * })
 * const status = getStatus({ timeout: "5 seconds" }) // options only, no request object
 * ```
 *
 * @since 0.1.0
 */
export const NoRequest: typeof Schema.Void = Schema.Void

/**
 * What one request becomes on the wire, before the base URL and auth are added.
 *
 * @example
 * ```ts
 * import { Contacts } from "@agentphone-effect/core"
 *
 * // What a request would send, without sending it (to log it, or to test a row).
 * const wire = Contacts.getContact.encode({ contact_id: "c_1" })
 * // Right({ path: "/v1/contacts/c_1", query: [], body: undefined, subAccountId: undefined })
 * ```
 *
 * @since 0.1.0
 */
export interface Encoded {
  readonly path: string
  readonly query: ReadonlyArray<readonly [string, string]>
  /** The JSON body, or `undefined` for no body. */
  readonly body: unknown
  /** The request's own `X-Sub-Account-Id`, if it has one. */
  readonly subAccountId: string | undefined
}

/**
 * One row of the endpoint table.
 *
 * @example
 * ```ts
 * import { Contacts, type Endpoint } from "@agentphone-effect/core"
 *
 * const summary = <Req, Res, Item>(row: Endpoint.Endpoint<Req, Res, Item>) =>
 *   `${row.name}: ${row.method} ${row.path}${row.idempotent ? "" : " (not retried by default)"}`
 * summary(Contacts.createContact) // "contacts.createContact: POST /v1/contacts (not retried by default)"
 * ```
 *
 * @since 0.1.0
 */
export interface Endpoint<Req, Res, Item = never> {
  /** The official SDK name, `group.method`. */
  readonly name: string
  readonly method: Method
  /** The path template, e.g. `/v1/agents/{agent_id}`. */
  readonly path: string
  readonly pathParams: ReadonlyArray<string>
  /** Query keys in send order (wire names). */
  readonly query: ReadonlyArray<string>
  readonly body: Body
  /** `false` only for the public recording download. */
  readonly auth: boolean
  /** GET, PUT and DELETE are retried by default; POST and PATCH only on request. */
  readonly idempotent: boolean
  readonly request: Schema.Schema<Req, any>
  readonly response: ResponseSpec<Res>
  /** Set on the paged lists: the service adds a `<method>Stream` form yielding items. */
  readonly paginate: Pagination<Res, Item> | undefined
  /** Schema-encode and place the request object; a typed error before any I/O. */
  readonly encode: (input: unknown) => Either.Either<Encoded, InvalidRequestError>
  /** Decode a 2xx body (text) into the response value. */
  readonly decode: (text: string) => Either.Either<Res, ReadonlyArray<Issue>>
}

/**
 * Any row, whatever its types. (`group` is constrained by this rather than `Endpoint<any, any,
 * any>`, which would leak `any` into the rows' inferred item types.)
 *
 * @example
 * ```ts
 * import { Calls, Contacts, type Endpoint } from "@agentphone-effect/core"
 *
 * // A route table for logs or docs, from rows of any types.
 * const rows: ReadonlyArray<Endpoint.Any> = [Contacts.listContacts, Contacts.getContact, Calls.getCall]
 * const routes = rows.map((row) => `${row.method} ${row.path}`)
 * ```
 *
 * @since 0.1.0
 */
export interface Any {
  readonly name: string
  readonly method: Method
  readonly path: string
}

/**
 * A method's parameters from its request type: none (options only), an optional request (no
 * required key), or a required one.
 *
 * @example
 * ```ts
 * import type { Endpoint } from "@agentphone-effect/core"
 * import type { Effect } from "effect"
 *
 * // No required key: the request may be left out.
 * type ListThings = Endpoint.Signature<{ readonly limit?: number }, Effect.Effect<ReadonlyArray<string>>>
 * const callTwice = (listThings: ListThings) => [listThings(), listThings({ limit: 5 })]
 * ```
 *
 * @since 0.1.0
 */
export type Signature<Req, Out> = [Req] extends [void] ? (options?: RequestOptions) => Out
  : {} extends Req ? (request?: Req, options?: RequestOptions) => Out
  : (request: Req, options?: RequestOptions) => Out

/**
 * What calling a row gives: an Effect of the response, or, for a streamed body, the Stream itself;
 * either needs `AgentPhoneClient`.
 *
 * @example
 * ```ts
 * import { Contacts, type Endpoint } from "@agentphone-effect/core"
 *
 * const firstPage: Endpoint.Call<Contacts.ContactListResponse> = Contacts.listContacts()
 * ```
 *
 * @since 0.1.0
 */
export type Call<Res> =
  // Option and Either are Effects (and so look like Streams): only a non-Effect Stream is returned as is.
  [Res] extends [Effect.Effect<any, any, any>] ? Effect.Effect<Res, AgentPhoneError, AgentPhoneClient>
    : [Res] extends [Stream.Stream<infer A, infer E, any>] ? Stream.Stream<A, E, AgentPhoneClient>
    : Effect.Effect<Res, AgentPhoneError, AgentPhoneClient>

/**
 * The `stream` form a row has when it is a paged list (every item of every page) or a binary
 * download (the bytes).
 *
 * @example
 * ```ts
 * import { Contacts } from "@agentphone-effect/core"
 * import { Stream } from "effect"
 *
 * // A paged list's `stream` form yields every item of every page, fetching pages as it goes.
 * const everyNumber = Contacts.listContacts.stream().pipe(Stream.map((contact) => contact.phoneNumber), Stream.runCollect)
 * ```
 *
 * @since 0.1.0
 */
export type StreamForm<Req, Res, Item> = [Item] extends [never] ? [Res] extends [Uint8Array] ? {
      readonly stream: Signature<Req, Stream.Stream<Uint8Array, AgentPhoneError, AgentPhoneClient>>
    }
  : {}
  : { readonly stream: Signature<Req, Stream.Stream<Item, AgentPhoneError, AgentPhoneClient>> }

/**
 * A row as `make` builds it: the row, callable (`row(request?, options?)`), with a `stream` form
 * for paged lists and downloads.
 *
 * @example
 * ```ts
 * import { Contacts } from "@agentphone-effect/core"
 *
 * // A row is a function (call it for an Effect) and a description (read its fields).
 * const row = Contacts.getContact
 * const contact = row({ contact_id: "c_1" }) // Effect<Contact, AgentPhoneError, AgentPhoneClient>
 * const route = `${row.method} ${row.path}` // "GET /v1/contacts/{contact_id}"
 * ```
 *
 * @since 0.1.0
 */
export type Callable<Req, Res, Item = never> =
  & Endpoint<Req, Res, Item>
  & Signature<Req, Call<Res>>
  & StreamForm<Req, Res, Item>

/**
 * Turn a `ParseError` into issues that name the field.
 *
 * @example
 * ```ts
 * import { Endpoint } from "@agentphone-effect/core"
 * import { Either, Schema } from "effect"
 *
 * const result = Schema.decodeUnknownEither(Schema.Struct({ limit: Schema.Int }))({ limit: 1.5 })
 * if (Either.isLeft(result)) Endpoint.issuesOf(result.left, ["query"]) // one Issue at ["query", "limit"]
 * ```
 *
 * @since 0.1.0
 */
export const issuesOf = (error: ParseResult.ParseError, prefix: ReadonlyArray<string> = []): ReadonlyArray<Issue> => {
  let formatted: ReadonlyArray<ParseResult.ArrayFormatterIssue>
  try {
    formatted = ParseResult.ArrayFormatter.formatErrorSync(error)
  } catch {
    // Describing the offending value can overflow the stack (hostile, absurdly nested JSON).
    return [new Issue({ loc: [...prefix], msg: "the value is too deeply nested to describe", type: "Type" }, true)]
  }
  return formatted.map((i) =>
    new Issue({
      loc: [...prefix, ...i.path.map((p) => typeof p === "symbol" ? String(p) : p)],
      msg: i.message.length > maxMessage ? i.message.slice(0, maxMessage) + "…" : i.message,
      type: i._tag
    }, true)
  )
}

const maxMessage = 500

const pathParamsOf = (template: string): ReadonlyArray<string> =>
  Array.from(template.matchAll(/\{([^}]+)\}/g), (m) => m[1])

const excluded = new Set(["X-Sub-Account-Id"])

/**
 * What `make` takes besides the method and path.
 *
 * @example
 * ```ts
 * import { Endpoint } from "@agentphone-effect/core"
 * import { Schema } from "effect"
 *
 * const options: Endpoint.MakeOptions<{ readonly thing_id: string }, { readonly id: string }, never> = {
 *   name: "things.getThing",
 *   request: Schema.Struct({ thing_id: Schema.String }),
 *   response: Endpoint.json(Schema.Struct({ id: Schema.String }))
 * }
 * ```
 *
 * @since 0.1.0
 */
export interface MakeOptions<Req, Res, Item> {
  readonly request?: Schema.Schema<Req, any> | undefined
  readonly response: ResponseSpec<Res>
  readonly query?: ReadonlyArray<string> | undefined
  readonly body?: Body | undefined
  readonly auth?: boolean | undefined
  readonly paginate?: Pagination<Res, Item> | undefined
  /** The official name, `group.method`, used in errors and spans; defaults to `METHOD path`. */
  readonly name?: string | undefined
}

/**
 * Build a row. Path parameters are read from the template's `{name}` segments.
 *
 * @example
 * ```ts
 * import { Endpoint } from "@agentphone-effect/core"
 * import { Schema } from "effect"
 *
 * const getThing = Endpoint.make("GET", "/v1/things/{thing_id}", {
 *   request: Schema.Struct({ thing_id: Schema.String }),
 *   response: Endpoint.json(Schema.Struct({ id: Schema.String }))
 * })
 * ```
 *
 * @since 0.1.0
 */
export function make<Req = void, Res = unknown, Item = never>(
  method: Method,
  path: string,
  options: MakeOptions<Req, Res, Item>
): Callable<Req, Res, Item>
/** @internal */
export function make<Req, Res, Item>(
  method: Method,
  path: string,
  options: MakeOptions<Req, Res, Item>
): Endpoint<Req, Res, Item> {
  const request = (options.request ?? Schema.Void) as Schema.Schema<Req, any>
  const pathParams = pathParamsOf(path)
  const query = options.query ?? []
  const body: Body = options.body ?? (method === "GET" || method === "DELETE" ? "none" : "fields")
  const placed = new Set([...pathParams, ...query, ...excluded])
  const name = options.name ?? `${method} ${path}`
  // Compiled on first use, so importing the table stays cheap.
  let encodeEither: ((u: unknown) => Either.Either<unknown, ParseResult.ParseError>) | undefined
  let decode: ((text: string) => Either.Either<Res, ReadonlyArray<Issue>>) | undefined
  let emptyEncoded: Either.Either<Encoded, InvalidRequestError> | undefined
  const hasRequest = request !== (NoRequest as Schema.Schema<any, any>)
  const args = <A>(f: (input: unknown, callOptions: RequestOptions | undefined) => A) =>
    hasRequest
      ? (request?: unknown, callOptions?: RequestOptions) => f(request ?? {}, callOptions)
      : (callOptions?: RequestOptions) => f(undefined, callOptions)
  const streamOf = (input: unknown, callOptions: RequestOptions | undefined) =>
    Stream.unwrap(Effect.map(AgentPhoneClient, (client) => client.stream(self, input, callOptions)))
  const call = options.response._tag === "ByteStream"
    ? args(streamOf)
    : args((input, callOptions) =>
      Effect.flatMap(AgentPhoneClient, (client) => client.execute(self, input, callOptions))
    )
  const stream = options.paginate !== undefined || options.response._tag === "Bytes" ? args(streamOf) : undefined
  const fields: Omit<Endpoint<Req, Res, Item>, "name"> = {
    method,
    path,
    pathParams,
    query,
    body,
    auth: options.auth ?? true,
    idempotent: method === "GET" || method === "PUT" || method === "DELETE",
    request,
    response: options.response,
    paginate: options.paginate,
    encode: (input) => {
      // no request, or an empty one, is always placed the same: once (`listAgents()`, `getBalance()`)
      const empty = isEmptyRequest(input)
      if (empty && emptyEncoded !== undefined) return emptyEncoded
      encodeEither ??= twoPass((options) => Schema.encodeUnknownEither(request, options))
      // an optional key set to `undefined` is a key left out, as in the official SDK
      const given = Wire.withoutUndefined(input)
      const encoded = encodeEither(given)
      if (Either.isLeft(encoded)) {
        return Either.left(new InvalidRequestError({ endpoint: name, issues: issuesOf(encoded.left) }, true))
      }
      const result = place(self, encoded.right, given, placed)
      if (empty && Either.isRight(result)) emptyEncoded = result
      return result
    },
    decode: (text) => (decode ??= makeDecode(options.response))(text)
  }
  // A function's own `name` is read-only: define it rather than assign it. (The overload above gives
  // the call its per-request signature, which a conditional type describes and no value can check.)
  const self: Endpoint<Req, Res, Item> = Object.defineProperty(
    Object.assign(call, fields, stream === undefined ? {} : { stream }),
    "name",
    {
      value: name
    }
  )
  return self
}

/** No request, or a plain object without keys. */
const isEmptyRequest = (input: unknown): boolean => {
  if (input === undefined) return true
  if (typeof input !== "object" || input === null || Object.getPrototypeOf(input) !== Object.prototype) return false
  // (`for…in`, not `Object.keys`: no array per call)
  for (const key in input) if (Object.prototype.hasOwnProperty.call(input, key)) return false
  return true
}

const invalid = (self: Endpoint<any, any, any>, name: string, msg: string, type: string) =>
  Either.left(
    new InvalidRequestError({ endpoint: self.name, issues: [new Issue({ loc: [name], msg, type }, true)] }, true)
  )

/**
 * The wire parts of `value` (what the request schema made of `input`): the path with its
 * parameters escaped, the query in the row's order (escaped when it is sent), the body in the
 * caller's key order.
 */
const place = (
  self: Endpoint<any, any, any>,
  value: unknown,
  input: unknown,
  placed: ReadonlySet<string>
): Either.Either<Encoded, InvalidRequestError> => {
  const fields: Record<string, unknown> = Predicate.isRecord(value) ? value : {}
  let path = self.path
  for (const name of self.pathParams) {
    const v = fields[name]
    const s = typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : undefined
    if (s === undefined) return invalid(self, name, "is missing", "PathParameter")
    if (s === "" || s === "." || s === "..") {
      return invalid(
        self,
        name,
        `must be a non-empty id other than "." or ".." (got ${JSON.stringify(s)})`,
        "PathParameter"
      )
    }
    const escaped = Wire.component(s)
    if (escaped === undefined) return invalid(self, name, Wire.malformed, "PathParameter")
    path = path.replace(`{${name}}`, escaped)
  }
  const query: Array<readonly [string, string]> = []
  for (const name of self.query) {
    const v = fields[name]
    if (v === undefined) continue
    query.push([name, v === null ? "" : String(v)])
  }
  const sub = fields["X-Sub-Account-Id"]
  const given: Record<string, unknown> = Predicate.isRecord(input) ? input : {}
  let body: unknown = undefined
  if (self.body === "fields") {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(fields)) {
      if (!placed.has(key) && fields[key] !== undefined) Wire.put(out, key, fields[key])
    }
    body = Wire.inOrderOf(out, given)
  } else if (self.body !== "none") {
    body = Wire.inOrderOf(fields[self.body.nested], given[self.body.nested])
  }
  return Either.right({ path, query, body, subAccountId: typeof sub === "string" ? sub : undefined })
}

const isEmpty = (text: string) => text.trim().length === 0

type Parser<A> = (u: unknown) => Either.Either<A, ParseResult.ParseError>

const fastOptions: ParseOptions = { onExcessProperty: "preserve" }
const allOptions: ParseOptions = { onExcessProperty: "preserve", errors: "all" }

/**
 * A parser that stops at the first issue, and re-runs with `errors: "all"` only when that fails, so
 * a failure still lists every issue. Both accept exactly the same inputs with the same result (the
 * schemas are synchronous), and collecting every issue costs on the success path too (measured:
 * about a third of a list decode), so the common path pays for one pass only.
 */
const twoPass = <A>(compile: (options: ParseOptions) => Parser<A>): Parser<A> => {
  const fast = compile(fastOptions)
  let all: Parser<A> | undefined
  return (u) => {
    const result = fast(u)
    return Either.isRight(result) ? result : (all ??= compile(allOptions))(u)
  }
}

const issuesOfError = (error: ParseResult.ParseError) => issuesOf(error)

// JSON text is parsed once (safely, see `Model.JsonText`), then the value is decoded.
const parseJsonText = Schema.decodeUnknownEither(Model.JsonText)

/**
 * The value of `json`, decoded with `schema`: by the compiled decoder (`internal/fastDecode`) when
 * it applies and accepts, which gives exactly the Schema decoder's value; otherwise (or to build
 * the error) by the Schema decoder itself. The compiler's core forms only: no response model is a
 * tagged union or a struct transformation (a test holds every table's models to this), and leaving
 * those features out keeps them out of a bundle that makes one call.
 */
const decoderOf = <A>(schema: Schema.Schema<A, any>): (json: unknown) => Either.Either<A, ReadonlyArray<Issue>> => {
  const decode = twoPass((options) => Schema.decodeUnknownEither(schema, options))
  const fast = FastDecode.compile(schema.ast, fastOptions)
  if (fast === undefined) return (json) => Either.mapLeft(decode(json), issuesOfError)
  return (json) => {
    const value = fast(json)
    return value !== FastDecode.Fail ? Either.right(value as A) : Either.mapLeft(decode(json), issuesOfError)
  }
}

const makeDecode = <A>(spec: ResponseSpec<A>): (text: string) => Either.Either<A, ReadonlyArray<Issue>> => {
  switch (spec._tag) {
    case "Json": {
      const decode = decoderOf(spec.schema)
      return (text) => {
        const json = parseJsonText(text)
        return Either.isLeft(json) ? Either.left(issuesOf(json.left)) : decode(json.right)
      }
    }
    case "JsonOrNull": {
      const decode = decoderOf(Schema.NullOr(spec.schema))
      return (text) => {
        if (isEmpty(text)) return Either.right(Option.none() as A)
        const json = parseJsonText(text)
        if (Either.isLeft(json)) return Either.left(issuesOf(json.left))
        return Either.map(decode(json.right), (v) => Option.fromNullable(v) as A)
      }
    }
    case "Empty":
      return () => Either.right(undefined as A)
    case "Bytes":
    case "ByteStream":
      return () => Either.left([new Issue({ loc: [], msg: "a binary response is read as bytes", type: "Bytes" }, true)])
  }
}
