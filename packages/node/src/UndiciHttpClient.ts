/**
 * A lean `HttpClient` over undici for Node: the `@effect/platform` interface, with less machinery
 * per request than `NodeHttpClient.layerUndici`.
 *
 * `NodeHttpClient.layerUndici` is built with `HttpClient.make`, which for every request makes an
 * `AbortController`, wraps the response to abort it when interrupted or garbage-collected, and reads
 * a body through `Effect.cached` run on a fiber of its own (whose fiber refs are diffed and patched
 * back). In the request-overhead bench that costs about as much CPU as undici's own request. This
 * client keeps what a caller relies on and drops the rest:
 *
 * - interruption aborts the request (the signal of `Effect.async`) and, while a body is read,
 *   destroys the body, which frees the connection;
 * - a response whose body is never read is destroyed when it is garbage-collected, as the
 *   platform's is (a `FinalizationRegistry`), so an unread body never holds a connection for good;
 * - each body reader (`text`, `json`, `arrayBuffer`, `formData`) reads at most once and gives the
 *   same result when asked again; `stream` reads the body as it arrives;
 * - failures are the platform's: `RequestError` (`Transport`, `InvalidUrl`) and `ResponseError`
 *   (`Decode`).
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
import type * as Stream from "effect/Stream"
import type { Readable } from "node:stream"
import * as Undici from "undici"

type Source = Undici.Dispatcher.ResponseData
type RequestBody = Exclude<Undici.Dispatcher.DispatchOptions["body"], undefined>

/** What is sent: the body, and the content type it brings (a multipart form's boundary). */
interface Outgoing {
  readonly body: RequestBody
  readonly contentType?: string | undefined
}

const parseJson = Schema.decodeEither(Schema.parseJson())

// An unread body is destroyed when its response is collected (what frees its connection).
const unread = new FinalizationRegistry<Readable>((body) => {
  if (!body.destroyed) body.destroy()
})

const noop = () => {}

class UndiciResponse extends Inspectable.Class implements HttpClientResponse.HttpClientResponse {
  readonly [HttpIncomingMessage.TypeId]: HttpIncomingMessage.TypeId = HttpIncomingMessage.TypeId
  readonly [HttpClientResponse.TypeId]: HttpClientResponse.TypeId = HttpClientResponse.TypeId
  private textBody: Promise<string> | undefined
  private arrayBufferBody: Promise<ArrayBuffer> | undefined
  private formDataBody: Promise<FormData> | undefined
  private cachedHeaders: Headers.Headers | undefined
  private cachedCookies: Cookies.Cookies | undefined

  constructor(readonly request: HttpClientRequest.HttpClientRequest, private readonly source: Source) {
    super()
    // a body that fails with nobody reading it must not crash the process
    source.body.on("error", noop)
    unread.register(this, source.body, this)
  }

  get status(): number {
    return this.source.statusCode
  }

  get headers(): Headers.Headers {
    return (this.cachedHeaders ??= Headers.fromInput(this.source.headers))
  }

  get cookies(): Cookies.Cookies {
    if (this.cachedCookies !== undefined) return this.cachedCookies
    const header = this.source.headers["set-cookie"]
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

  /** Wait for a body read; interrupting the wait destroys the body (and frees the connection). */
  private await<A>(promise: Promise<A>): Effect.Effect<A, HttpClientError.ResponseError> {
    return Effect.async<A, HttpClientError.ResponseError>((resume) => {
      promise.then(
        (value) => resume(Effect.succeed(value)),
        (cause) => resume(Effect.fail(this.decodeError(cause)))
      )
      return Effect.sync(() => {
        if (!this.source.body.destroyed) this.source.body.destroy()
      })
    })
  }

  private read<A>(start: () => Promise<A>): Promise<A> {
    unread.unregister(this)
    return start()
  }

  get text(): Effect.Effect<string, HttpClientError.ResponseError> {
    return Effect.suspend(() => this.await(this.textBody ??= this.read(() => this.source.body.text())))
  }

  get json(): Effect.Effect<unknown, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) => {
      if (text === "") return Effect.succeed(null)
      const json = parseJson(text)
      return Either.isRight(json) ? Effect.succeed(json.right) : Effect.fail(this.decodeError(json.left))
    })
  }

  get arrayBuffer(): Effect.Effect<ArrayBuffer, HttpClientError.ResponseError> {
    return Effect.suspend(() => this.await(this.arrayBufferBody ??= this.read(() => this.source.body.arrayBuffer())))
  }

  get formData(): Effect.Effect<FormData, HttpClientError.ResponseError> {
    return Effect.suspend(() =>
      this.await(this.formDataBody ??= this.read(() => this.source.body.formData() as Promise<FormData>))
    )
  }

  get urlParamsBody(): Effect.Effect<UrlParams.UrlParams, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) =>
      Effect.try({
        try: () => UrlParams.fromInput(new URLSearchParams(text)),
        catch: (cause) => this.decodeError(cause)
      }))
  }

  get stream(): Stream.Stream<Uint8Array, HttpClientError.ResponseError> {
    unread.unregister(this)
    return NodeStream.fromReadable<HttpClientError.ResponseError, Uint8Array>(
      () => this.source.body,
      (cause) => this.decodeError(cause)
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
  outgoing: Outgoing | undefined
): Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.RequestError> =>
  Effect.async<HttpClientResponse.HttpClientResponse, HttpClientError.RequestError>((resume, signal) => {
    dispatcher.request({
      signal,
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
    }).then(
      (source: Source) => {
        if (signal.aborted) {
          source.body.destroy()
          return
        }
        resume(Effect.succeed(new UndiciResponse(request, source)))
      },
      (cause: unknown) => {
        if (!signal.aborted) {
          resume(Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause })))
        }
      }
    )
  })

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
export const make = (dispatcher: Undici.Dispatcher): HttpClient.HttpClient =>
  HttpClient.makeWith<HttpClientError.HttpClientError, never, HttpClientError.HttpClientError, never>(
    (effect) =>
      Effect.flatMap(effect, (request) => {
        const url = UrlParams.makeUrl(request.url, request.urlParams, request.hash)
        if (url._tag === "Left") {
          return Effect.fail(new HttpClientError.RequestError({ request, reason: "InvalidUrl", cause: url.left }))
        }
        const outgoing = bodyOf(request)
        return outgoing === undefined
          ? send(dispatcher, request, url.right, undefined)
          : Effect.flatMap(outgoing, (o) => send(dispatcher, request, url.right, o))
      }),
    Effect.succeed
  )

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
