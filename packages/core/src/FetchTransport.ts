/**
 * `FetchTransport`: the platform's `FetchHttpClient` (the global `fetch`, or the one you provide
 * as `FetchHttpClient.Fetch`), which AgentPhone calls also use under an `Abort`
 * (`AbortableHttpClient`): each attempt's deadline aborts its `fetch` on the caller's fiber, with
 * no fiber of its own per attempt and without the platform client's per-request wrapping (a span
 * check, a response wrapper and its finalization registration, a fiber run to read each body).
 *
 * Use it in place of `FetchHttpClient.layer` where client CPU matters (a server, an edge worker,
 * Node without `@agentphone-effect/node`): in `pnpm bench` an AgentPhone call over it costs less
 * CPU than one over `FetchHttpClient.layer` (see the README). Every request made through the
 * `HttpClient` interface itself (`ap.httpClient`, a client you derive with middleware) is the
 * platform's `FetchHttpClient` as it is.
 *
 * Under an `Abort`, as the platform client does: `FetchHttpClient.Fetch` and
 * `FetchHttpClient.RequestInit` are read from the call's context, then from the layer's; an
 * interrupted request, or an interrupted body read, aborts the `fetch`; failures are the
 * platform's (`RequestError` `InvalidUrl` / `Transport`, `ResponseError` `Decode`).
 *
 * @example
 * ```ts
 * import * as AgentPhoneClient from "@agentphone-effect/core/AgentPhoneClient"
 * import * as FetchTransport from "@agentphone-effect/core/FetchTransport"
 * import { Layer, Redacted } from "effect"
 *
 * export const ClientLive = AgentPhoneClient.layer({ apiKey: Redacted.make("sk_live_...") }).pipe(
 *   Layer.provide(FetchTransport.layer)
 * )
 * ```
 *
 * @since 0.1.0
 */
import * as Cookies from "@effect/platform/Cookies"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as UrlParams from "@effect/platform/UrlParams"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Inspectable from "effect/Inspectable"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as AbortableHttpClient from "./AbortableHttpClient.js"

const parseJson = Schema.decodeEither(Schema.parseJson())

/**
 * The response of a `fetch` sent under an `Abort`. `text` and `arrayBuffer` are each read once (as
 * the platform's are), and a read that is interrupted aborts the `fetch`; `stream` aborts it once
 * it ends. Headers, cookies and `formData` are the platform's (`HttpClientResponse.fromWeb`, made
 * only when asked for).
 */
class FetchResponse extends Inspectable.Class implements HttpClientResponse.HttpClientResponse {
  readonly [HttpIncomingMessage.TypeId]: HttpIncomingMessage.TypeId = HttpIncomingMessage.TypeId
  readonly [HttpClientResponse.TypeId]: HttpClientResponse.TypeId = HttpClientResponse.TypeId
  private web: HttpClientResponse.HttpClientResponse | undefined = undefined
  private textBody: Promise<string> | undefined = undefined
  private bytesBody: Promise<ArrayBuffer> | undefined = undefined

  constructor(
    readonly request: HttpClientRequest.HttpClientRequest,
    private readonly source: Response,
    private readonly controller: AbortController
  ) {
    super()
  }

  private get platform(): HttpClientResponse.HttpClientResponse {
    return this.web ??= HttpClientResponse.fromWeb(this.request, this.source)
  }

  private decodeError(cause: unknown): HttpClientError.ResponseError {
    return new HttpClientError.ResponseError({ request: this.request, response: this, reason: "Decode", cause })
  }

  private read<A>(body: () => Promise<A>): Effect.Effect<A, HttpClientError.ResponseError> {
    return Effect.async((resume) => {
      body().then((value) => resume(Effect.succeed(value)), (cause) => resume(Effect.fail(this.decodeError(cause))))
      return Effect.sync(() => this.controller.abort())
    })
  }

  get status(): number {
    return this.source.status
  }

  get headers(): Headers.Headers {
    return this.platform.headers
  }

  get cookies(): Cookies.Cookies {
    return this.platform.cookies
  }

  get remoteAddress(): Option.Option<string> {
    return Option.none()
  }

  get text(): Effect.Effect<string, HttpClientError.ResponseError> {
    return this.read(() => this.textBody ??= this.source.text())
  }

  get json(): Effect.Effect<unknown, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) => {
      if (text === "") return Effect.succeed(null)
      const json = parseJson(text)
      return Either.isRight(json) ? Effect.succeed(json.right) : Effect.fail(this.decodeError(json.left))
    })
  }

  get urlParamsBody(): Effect.Effect<UrlParams.UrlParams, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) =>
      Effect.try({
        try: () => UrlParams.fromInput(new URLSearchParams(text)),
        catch: (cause) => this.decodeError(cause)
      }))
  }

  get arrayBuffer(): Effect.Effect<ArrayBuffer, HttpClientError.ResponseError> {
    return this.read(() => this.bytesBody ??= this.source.arrayBuffer())
  }

  get formData(): Effect.Effect<FormData, HttpClientError.ResponseError> {
    return this.platform.formData
  }

  get stream(): Stream.Stream<Uint8Array, HttpClientError.ResponseError> {
    return Stream.ensuring(this.platform.stream, Effect.sync(() => this.controller.abort()))
  }

  toJSON(): unknown {
    return HttpIncomingMessage.inspect(this, {
      _id: "@effect/platform/HttpClientResponse",
      request: this.request.toJSON(),
      status: this.status
    })
  }
}

/** What `fetch` sends as a body. */
const isBodyInit = (u: unknown): u is BodyInit =>
  typeof u === "string" || u instanceof ArrayBuffer || (ArrayBuffer.isView(u) && u.buffer instanceof ArrayBuffer) ||
  u instanceof Blob ||
  u instanceof FormData || u instanceof URLSearchParams || u instanceof ReadableStream

/** `tag` from the call's context, else from the layer's. */
const lookup = <I, S>(
  tag: Context.Tag<I, S>,
  call: Context.Context<never>,
  layer: Context.Context<never>
): S | undefined => Context.getOrElse(call, tag, () => Context.getOrElse(layer, tag, () => undefined))

/** What a `fetch` under an `Abort` sends, and how (see the module doc). */
const executeUnder = (layerContext: Context.Context<never>): AbortableHttpClient.ExecuteAbortable => (request, abort) =>
  Effect.withFiberRuntime((fiber) => {
    const url = UrlParams.makeUrl(request.url, request.urlParams, request.hash)
    if (Either.isLeft(url)) {
      return Effect.fail(new HttpClientError.RequestError({ request, reason: "InvalidUrl", cause: url.left }))
    }
    const context = fiber.currentContext
    const fetch = lookup(FetchHttpClient.Fetch, context, layerContext) ?? globalThis.fetch
    const init = lookup(FetchHttpClient.RequestInit, context, layerContext) ?? {}
    let headers = init.headers ? Headers.merge(Headers.fromInput(init.headers), request.headers) : request.headers
    if (headers["content-length"] !== undefined) headers = Headers.remove(headers, "content-length")
    const send = (body: BodyInit | null) =>
      Effect.async<HttpClientResponse.HttpClientResponse, HttpClientError.RequestError>((resume) => {
        const controller = new AbortController()
        const failed = (cause: unknown) =>
          resume(Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause })))
        if (abort.aborted) return failed(new Error("aborted before it was sent"))
        abort.onAbort(() => controller.abort())
        // (`duplex`, which a streamed body needs, is not in the DOM typings yet)
        const options: RequestInit & { readonly duplex?: "half" | undefined } = {
          ...init,
          method: request.method,
          headers,
          body,
          duplex: request.body._tag === "Stream" ? "half" : undefined,
          signal: controller.signal
        }
        try {
          fetch(url.right, options).then(
            (response) => resume(Effect.succeed(new FetchResponse(request, response, controller))),
            failed
          )
        } catch (cause) {
          // (a provided `fetch` may throw instead of rejecting)
          failed(cause)
        }
        return Effect.sync(() => controller.abort())
      })
    switch (request.body._tag) {
      case "Raw":
      case "Uint8Array": {
        const body = request.body.body
        return isBodyInit(body) ? send(body) : Effect.fail(
          new HttpClientError.RequestError({
            request,
            reason: "Encode",
            description: "fetch cannot send this body (not a string, bytes, Blob, FormData, URLSearchParams or stream)"
          })
        )
      }
      case "FormData":
        return send(request.body.formData)
      case "Stream":
        return Effect.flatMap(Stream.toReadableStreamEffect(request.body.stream), send)
      case "Empty":
        return send(null)
    }
  })

/**
 * Build the client in the current context (what `FetchHttpClient.Fetch` and
 * `FetchHttpClient.RequestInit` fall back to).
 *
 * @example
 * ```ts
 * import * as FetchTransport from "@agentphone-effect/core/FetchTransport"
 * import { AbortableHttpClient } from "@agentphone-effect/core"
 * import { Effect } from "effect"
 *
 * const takesAnAbort = Effect.map(FetchTransport.make, AbortableHttpClient.isAbortable) // true
 * ```
 *
 * @since 0.1.0
 */
export const make: Effect.Effect<AbortableHttpClient.AbortableHttpClient> = Effect.flatMap(
  Effect.context<never>(),
  (context) =>
    Effect.map(
      Effect.provide(HttpClient.HttpClient, FetchHttpClient.layer),
      // (the platform's client, built for this layer alone: it gains the abortable form)
      (client) => Object.assign(client, { [AbortableHttpClient.TypeId]: executeUnder(context) })
    )
)

/**
 * The `HttpClient` layer (see the module doc): provide it where you would `FetchHttpClient.layer`.
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import * as FetchTransport from "@agentphone-effect/core/FetchTransport"
 * import { Layer } from "effect"
 *
 * export const AgentPhoneLive = AgentPhone.layerConfig().pipe(Layer.provide(FetchTransport.layer))
 * ```
 *
 * @since 0.1.0
 */
export const layer: Layer.Layer<HttpClient.HttpClient> = Layer.effect(HttpClient.HttpClient, make)
