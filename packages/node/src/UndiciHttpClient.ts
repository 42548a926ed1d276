/**
 * A lean `HttpClient` over undici for Node: the `@effect/platform` interface, with less machinery
 * per request than `NodeHttpClient.layerUndici`.
 *
 * `NodeHttpClient.layerUndici` is built with `HttpClient.make` over `undici.request`, which for
 * every request makes an `AbortController`, an async resource and a body stream, wraps the response
 * to abort it when interrupted or garbage-collected, and reads a body through `Effect.cached` run on
 * a fiber of its own. This client talks to undici's dispatcher directly (`dispatcher.dispatch` with a
 * handler per request) and keeps what a caller relies on:
 *
 * - interruption aborts the request while it waits for its response, and stops a body being read
 *   (which frees the connection);
 * - a body is received into memory for the readers that take it whole (`text`, `json`,
 *   `arrayBuffer`, `formData`, `urlParamsBody`), which can each be asked for, any number of times;
 *   `stream` reads it as it arrives, with backpressure;
 * - a body nobody reads is received up to 256 KiB, then the connection is paused; a paused, unread
 *   body is aborted when its response is garbage-collected, so it never holds a connection for good;
 * - failures are the platform's: `RequestError` (`Transport`, `InvalidUrl`, `Encode`) and
 *   `ResponseError` (`Decode`);
 * - it is an `AbortableHttpClient` (`@agentphone-effect/core`'s protocol): a request can be sent
 *   under an `Abort`, which fails it, or its body being received, once it aborts. An AgentPhone
 *   call over it keeps its per-attempt deadline that way, on the caller's fiber, with no fiber of
 *   its own per attempt.
 *
 * What it does not do: it creates no `http.client` span and adds no trace-propagation headers
 * (AgentPhone calls have their own span, `AgentPhone.<group>.<method>`); undici's own options come
 * from the dispatcher you give it.
 *
 * @since 0.1.0
 */
import * as NodeStream from "@effect/platform-node/NodeStream"
import * as Cookies from "@effect/platform/Cookies"
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as UrlParams from "@effect/platform/UrlParams"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Inspectable from "effect/Inspectable"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { Readable } from "node:stream"
import * as Undici from "undici"

type RequestBody = Exclude<Undici.Dispatcher.DispatchOptions["body"], undefined>

/** What is sent: the body, and the content type it brings (a multipart form's boundary). */
interface Outgoing {
  readonly body: RequestBody
  readonly contentType?: string | undefined
}

const parseJson = Schema.decodeEither(Schema.parseJson())

/** How much of a body nobody reads yet is held before the connection is paused. */
const unreadLimit = 256 * 1024

// A paused, unread body is aborted when its response is collected (what frees its connection).
const unread = new FinalizationRegistry<Exchange>((exchange) => exchange.abort())

const enum State {
  Head,
  Body,
  Done,
  Failed
}

/**
 * What aborts a request besides interruption: `@agentphone-effect/core`'s `AbortableHttpClient.Abort`
 * (a call's deadline), by shape.
 */
interface Abort {
  readonly aborted: boolean
  readonly onAbort: (listener: () => void) => void
}

type RawHeaders = Record<string, string | Array<string> | undefined>

/**
 * What an `Exchange` reports once: its head (the exchange, the status and the headers), or why
 * there is none.
 */
type OnHead = (exchange: Exchange | undefined, status: number, headers: RawHeaders | undefined, cause?: unknown) => void

/**
 * One request as undici's dispatch handler sees it: the head, then the body, buffered in memory
 * (undici's chunks, as they arrive) for the readers that take it whole, or handed to a `Readable`
 * for `stream`. No promise, `AbortController` or body stream per request: in the request-overhead
 * bench that halves undici's own cost against `undici.request`.
 *
 * It holds no more than it still needs: the head goes to the response, the whole body goes to the
 * response that takes it, and the response and undici's controller are let go once the body is
 * complete. undici and the interruption handler keep an exchange referenced, and in V8 an object
 * that happens to be in the old generation keeps what it references alive through every young
 * collection until a full one: an exchange that held the response, its headers and its body made
 * each request's objects outlive it, which cost about a third of a request's CPU in collection.
 */
class Exchange implements Undici.Dispatcher.DispatchHandler {
  state = State.Head
  failure: Error | undefined = undefined
  private controller: Undici.Dispatcher.DispatchController | undefined = undefined
  private aborted = false
  private chunks: Array<Buffer> | undefined = undefined
  private size = 0
  /** A reader wants the whole body: buffer it all, never pause. */
  private wanted = false
  private waiters: Array<() => void> | undefined = undefined
  private sink: Readable | undefined = undefined
  /** The response, until its body is complete or paused unread (then `unread` watches it). */
  private owner: object | undefined = undefined
  /** Whether `unread` watches the owner. */
  private watched = false
  private onHead: OnHead | undefined
  /** What aborts the exchange besides interruption (see `Abort`). */
  private handle: Abort | undefined = undefined

  constructor(onHead: OnHead) {
    this.onHead = onHead
  }

  /** Stop the request or the body being received (nothing happens once the body is complete). */
  abort(): void {
    if (this.state >= State.Done || this.aborted) return
    this.aborted = true
    this.controller?.abort(new Undici.errors.RequestAbortedError())
  }

  /** Fail the request, or the body being received, once `handle` aborts (reported, unlike `abort`). */
  listen(handle: Abort): void {
    this.handle = handle
    handle.onAbort(() => this.cancel())
  }

  private cancel(): void {
    if (this.state < State.Done && !this.aborted) this.controller?.abort(cancelled())
  }

  onRequestStart(controller: Undici.Dispatcher.DispatchController): void {
    this.controller = controller
    if (this.aborted) controller.abort(new Undici.errors.RequestAbortedError())
    else if (this.handle?.aborted === true) controller.abort(cancelled())
  }

  onResponseStart(
    controller: Undici.Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | Array<string> | undefined>
  ): void {
    if (statusCode < 200 || this.state !== State.Head) return // 1xx: informational
    this.controller = controller
    this.state = State.Body
    const onHead = this.onHead!
    this.onHead = undefined
    onHead(this, statusCode, headers)
  }

  onResponseData(controller: Undici.Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.sink !== undefined) {
      if (!this.sink.push(chunk)) controller.pause()
      return
    }
    ;(this.chunks ??= []).push(chunk)
    this.size += chunk.length
    if (!this.wanted && this.size >= unreadLimit) {
      controller.pause()
      // from now on the response is only watched: a body nobody reads must not keep it alive
      const owner = this.owner
      this.owner = undefined
      if (owner !== undefined) {
        this.watched = true
        unread.register(owner, this, this)
      }
    }
  }

  onResponseEnd(): void {
    this.state = State.Done
    this.settle()
  }

  onResponseError(_controller: unknown, error: Error): void {
    if (this.state === State.Head) {
      const onHead = this.onHead
      this.onHead = undefined
      this.state = State.Failed
      this.controller = undefined
      this.handle = undefined
      if (!this.aborted) onHead?.(undefined, 0, undefined, error)
      return
    }
    if (this.state === State.Body) {
      this.state = State.Failed
      this.failure = error
      this.settle()
    }
  }

  /** The response that owns this body (held until the body is complete, or watched once paused unread). */
  ownedBy(response: object): void {
    this.owner = response
  }

  /** Whether the body is (being) read as a stream: then it is not kept for the whole-body readers. */
  get streamed(): boolean {
    return this.sink !== undefined
  }

  /**
   * The whole body, handed over: the exchange keeps none of it (its response, the one caller,
   * keeps it). `undefined` while it is still arriving (then `whenSettled`) or when it failed.
   */
  take(): Buffer | undefined {
    if (this.state !== State.Done || this.sink !== undefined) return undefined
    const chunks = this.chunks
    this.chunks = undefined
    return chunks === undefined ? Buffer.alloc(0) : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, this.size)
  }

  /** Call `f` once the body is complete or has failed; the body is then received in full. */
  whenSettled(f: () => void): void {
    this.want()
    if (this.state >= State.Done) return f()
    ;(this.waiters ??= []).push(f)
  }

  /** The body as a `Readable` (what was buffered first, then as it arrives, with backpressure). */
  readable(): Readable {
    if (this.sink !== undefined) return this.sink
    const sink = new Readable({
      read: () => {
        if (this.controller?.paused) this.controller.resume()
      },
      destroy: (error, callback) => {
        this.abort()
        callback(error)
      }
    })
    this.sink = sink
    this.unwatch()
    if (this.chunks !== undefined) { for (const chunk of this.chunks) sink.push(chunk) }
    this.chunks = undefined
    if (this.state === State.Done) sink.push(null)
    else if (this.state === State.Failed) sink.destroy(this.failure)
    else this.want()
    return sink
  }

  private want(): void {
    if (this.wanted) return
    this.wanted = true
    this.unwatch()
    if (this.controller?.paused) this.controller.resume()
  }

  private unwatch(): void {
    if (!this.watched) return
    this.watched = false
    unread.unregister(this)
  }

  private settle(): void {
    // complete or failed: neither the response nor undici's controller is needed any more
    this.owner = undefined
    this.controller = undefined
    this.handle = undefined
    if (this.sink !== undefined) {
      if (this.state === State.Done) this.sink.push(null)
      else this.sink.destroy(this.failure)
      return
    }
    this.unwatch()
    const waiters = this.waiters
    this.waiters = undefined
    if (waiters !== undefined) { for (const f of waiters) f() }
  }
}

/** Why an exchange failed once its `Abort` aborted. */
const cancelled = (): Error => new Undici.errors.RequestAbortedError("Request aborted by its caller")

/** UTF-8 text of a body, without a byte-order mark (as `Response.text` decodes it). */
const utf8 = (bytes: Buffer): string =>
  bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
    ? bytes.toString("utf8", 3)
    : bytes.toString("utf8")

class UndiciResponse extends Inspectable.Class implements HttpClientResponse.HttpClientResponse {
  readonly [HttpIncomingMessage.TypeId]: HttpIncomingMessage.TypeId = HttpIncomingMessage.TypeId
  readonly [HttpClientResponse.TypeId]: HttpClientResponse.TypeId = HttpClientResponse.TypeId
  private bodyBytes: Buffer | undefined
  private textBody: string | undefined
  private cachedHeaders: Headers.Headers | undefined
  private cachedCookies: Cookies.Cookies | undefined

  constructor(
    readonly request: HttpClientRequest.HttpClientRequest,
    private readonly exchange: Exchange,
    readonly status: number,
    private readonly rawHeaders: RawHeaders
  ) {
    super()
    exchange.ownedBy(this)
  }

  get headers(): Headers.Headers {
    return (this.cachedHeaders ??= Headers.fromInput(this.rawHeaders))
  }

  get cookies(): Cookies.Cookies {
    if (this.cachedCookies !== undefined) return this.cachedCookies
    const header = this.rawHeaders["set-cookie"]
    return (this.cachedCookies = header === undefined
      ? Cookies.empty
      : Cookies.fromSetCookie(Array.isArray(header) ? header : [header]))
  }

  get remoteAddress(): Option.Option<string> {
    return Option.none()
  }

  private decodeError(cause: unknown): HttpClientError.ResponseError {
    return new HttpClientError.ResponseError({ request: this.request, response: this, reason: "Decode", cause })
  }

  /**
   * The whole body. Waiting for it can be interrupted, which stops the body being received (and
   * frees the connection).
   */
  private get body(): Effect.Effect<Buffer, HttpClientError.ResponseError> {
    return Effect.suspend(() => {
      if (this.bodyBytes !== undefined) return Effect.succeed(this.bodyBytes)
      const exchange = this.exchange
      if (exchange.streamed) return Effect.fail(this.decodeError(new Error("the body was read as a stream")))
      const ready = exchange.take()
      if (ready !== undefined) return Effect.succeed(this.bodyBytes = ready)
      return Effect.async<Buffer, HttpClientError.ResponseError>((resume) => {
        exchange.whenSettled(() => {
          // (another reader waiting too may have taken it first)
          const bytes = this.bodyBytes ?? (this.bodyBytes = exchange.take())
          resume(bytes !== undefined ? Effect.succeed(bytes) : Effect.fail(this.decodeError(exchange.failure)))
        })
        return Effect.sync(() => exchange.abort())
      })
    })
  }

  get text(): Effect.Effect<string, HttpClientError.ResponseError> {
    return Effect.suspend(() =>
      this.textBody !== undefined
        ? Effect.succeed(this.textBody)
        : Effect.map(this.body, (bytes) => (this.textBody ??= utf8(bytes)))
    )
  }

  get json(): Effect.Effect<unknown, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) => {
      if (text === "") return Effect.succeed(null)
      const json = parseJson(text)
      return Either.isRight(json) ? Effect.succeed(json.right) : Effect.fail(this.decodeError(json.left))
    })
  }

  get arrayBuffer(): Effect.Effect<ArrayBuffer, HttpClientError.ResponseError> {
    // a copy: the body's buffer may be a slice of a shared one
    return Effect.map(this.body, (bytes) => new Uint8Array(bytes).buffer)
  }

  get formData(): Effect.Effect<FormData, HttpClientError.ResponseError> {
    return Effect.flatMap(this.body, (bytes) =>
      Effect.tryPromise({
        try: () => {
          const type = this.rawHeaders["content-type"]
          return new Response(new Uint8Array(bytes), {
            headers: type === undefined ? {} : { "content-type": String(type) }
          }).formData() as Promise<FormData>
        },
        catch: (cause) => this.decodeError(cause)
      }))
  }

  get urlParamsBody(): Effect.Effect<UrlParams.UrlParams, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) =>
      Effect.try({
        try: () => UrlParams.fromInput(new URLSearchParams(text)),
        catch: (cause) => this.decodeError(cause)
      }))
  }

  get stream(): Stream.Stream<Uint8Array, HttpClientError.ResponseError> {
    return Stream.suspend(() =>
      // a body already read whole is streamed from what the response keeps
      this.bodyBytes !== undefined
        ? Stream.succeed(this.bodyBytes)
        : NodeStream.fromReadable<HttpClientError.ResponseError, Uint8Array>(
          () => this.exchange.readable(),
          (cause) => this.decodeError(cause)
        )
    )
  }

  toJSON(): unknown {
    return HttpIncomingMessage.inspect(this, {
      _id: "@effect/platform/HttpClientResponse",
      request: this.request.toJSON(),
      status: this.status
    })
  }
}

const bodyOf = (
  request: HttpClientRequest.HttpClientRequest
): Effect.Effect<Outgoing, HttpClientError.RequestError> | undefined => {
  const body = request.body
  switch (body._tag) {
    case "Empty":
      return undefined
    case "Uint8Array":
      return Effect.succeed({ body: body.body })
    case "Raw":
      return Effect.succeed({ body: body.body as RequestBody })
    case "FormData":
      // encoded by the platform's own `Response` (multipart, with its boundary), then sent as bytes
      return Effect.tryPromise({
        try: async (): Promise<Outgoing> => {
          const encoded = new Response(body.formData)
          return {
            body: new Uint8Array(await encoded.arrayBuffer()),
            contentType: encoded.headers.get("content-type") ?? undefined
          }
        },
        catch: (cause) => new HttpClientError.RequestError({ request, reason: "Encode", cause })
      })
    case "Stream":
      return Effect.map(
        NodeStream.toReadable(body.stream) as Effect.Effect<Readable, HttpClientError.RequestError>,
        (readable): Outgoing => ({ body: readable })
      )
  }
}

const send = (
  dispatcher: Undici.Dispatcher,
  request: HttpClientRequest.HttpClientRequest,
  url: URL,
  outgoing: Outgoing | undefined,
  handle: Abort | undefined
): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.RequestError> =>
  Effect.async<HttpClientResponse.HttpClientResponse, HttpClientError.RequestError>((resume) => {
    if (handle?.aborted === true) {
      return resume(Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause: cancelled() })))
    }
    const exchange = new Exchange((head, status, headers, cause) =>
      resume(
        head !== undefined && headers !== undefined
          ? Effect.succeed(new UndiciResponse(request, head, status, headers))
          : Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause }))
      )
    )
    if (handle !== undefined) exchange.listen(handle)
    dispatcher.dispatch({
      method: request.method,
      headers: outgoing?.contentType === undefined
        ? request.headers
        : { ...request.headers, "content-type": outgoing.contentType },
      origin: url.origin,
      path: url.pathname + url.search + url.hash,
      body: outgoing === undefined ? null : outgoing.body,
      // timeouts are Effect's (`Effect.timeout`, the AgentPhone client's per-attempt timeout)
      headersTimeout: 0,
      bodyTimeout: 0
    }, exchange)
    // interrupted while waiting for the response: abort the request
    return Effect.sync(() => exchange.abort())
  })

// The key of `AbortableHttpClient`'s method, `@agentphone-effect/core`'s protocol for a transport
// that its caller can abort, e.g. at a call's deadline (a global symbol: no dependency on core).
const abortable = Symbol.for("@agentphone-effect/core/AbortableHttpClient")

/**
 * An `HttpClient` that sends every request through `dispatcher` (an undici `Agent`, `Pool`, the
 * global dispatcher, a `MockAgent`, …).
 *
 * @example
 * ```ts
 * import { UndiciHttpClient } from "@agentphone-effect/node"
 * import { HttpClient } from "@effect/platform"
 * import { Layer } from "effect"
 * import { Agent } from "undici"
 *
 * // keep-alive connections for 30 s, at most 16 per origin
 * const HttpLive = Layer.succeed(
 *   HttpClient.HttpClient,
 *   UndiciHttpClient.make(new Agent({ keepAliveTimeout: 30_000, connections: 16 }))
 * )
 * ```
 *
 * @since 0.1.0
 */
export const make = (dispatcher: Undici.Dispatcher): HttpClient.HttpClient => {
  const execute = (
    request: HttpClientRequest.HttpClientRequest,
    handle: Abort | undefined
  ): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError> => {
    const url = UrlParams.makeUrl(request.url, request.urlParams, request.hash)
    if (url._tag === "Left") {
      return Effect.fail(new HttpClientError.RequestError({ request, reason: "InvalidUrl", cause: url.left }))
    }
    const outgoing = bodyOf(request)
    return outgoing === undefined
      ? send(dispatcher, request, url.right, undefined, handle)
      : Effect.flatMap(outgoing, (o) => send(dispatcher, request, url.right, o, handle))
  }
  const client = HttpClient.makeWith<HttpClientError.HttpClientError, never, HttpClientError.HttpClientError, never>(
    (effect) => Effect.flatMap(effect, (request) => execute(request, undefined)),
    Effect.succeed
  )
  // `AbortableHttpClient` (@agentphone-effect/core): a request sent under an `Abort`, e.g. a call's deadline
  return Object.assign(client, {
    [abortable]: (request: HttpClientRequest.HttpClientRequest, handle: Abort) => execute(request, handle)
  })
}

/**
 * The client as a Layer, over an undici `Agent` of its own that the Layer closes when released.
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { UndiciHttpClient } from "@agentphone-effect/node"
 * import { Layer } from "effect"
 *
 * // AGENTPHONE_API_KEY (and AGENTPHONE_BASE_URL, …) from the environment
 * export const AgentPhoneLive = AgentPhone.layerConfig().pipe(Layer.provide(UndiciHttpClient.layer))
 * ```
 *
 * @since 0.1.0
 */
export const layer: Layer.Layer<HttpClient.HttpClient> = Layer.scoped(
  HttpClient.HttpClient,
  Effect.map(
    Effect.acquireRelease(
      Effect.sync(() => new Undici.Agent()),
      (agent) => Effect.promise(() => agent.destroy())
    ),
    make
  )
)

/**
 * The client as a Layer over undici's global dispatcher (`undici.setGlobalDispatcher`), e.g. one a
 * proxy or a test has installed.
 *
 * @example
 * ```ts
 * import { UndiciHttpClient } from "@agentphone-effect/node"
 * import { HttpClient } from "@effect/platform"
 * import { Effect } from "effect"
 *
 * const status = Effect.flatMap(HttpClient.HttpClient, (client) => client.get("https://example.com")).pipe(
 *   Effect.map((response) => response.status),
 *   Effect.provide(UndiciHttpClient.layerGlobal)
 * )
 * ```
 *
 * @since 0.1.0
 */
export const layerGlobal: Layer.Layer<HttpClient.HttpClient> = Layer.sync(
  HttpClient.HttpClient,
  () => make(Undici.getGlobalDispatcher())
)
