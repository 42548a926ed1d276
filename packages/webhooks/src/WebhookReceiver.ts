/**
 * Ready webhook receivers. `toHttpApp` is an `@effect/platform` `HttpApp` (mount it on an
 * `HttpRouter` or serve it directly); `toFetchHandler` adapts the same pipeline to a Fetch-style
 * `(Request) => Promise<Response>` for Node, Next.js route handlers, Hono, Bun, Deno and friends.
 *
 * Each delivery: the raw body is read once, verified (signature, timestamp), decoded, checked
 * against the `DeliveryStore` by `X-Webhook-ID`, and only then handed to your handler Effect.
 * Answers: your response (or `200`), `200 {"duplicate":true}` for an id already handled, `409`
 * while the same id is still being handled, `401`/`400` with `{error, reason, message}` for a
 * refused delivery, `500 {"error":"HandlerFailed"}` when your handler fails. Never a stack trace.
 *
 * @since 0.1.0
 */
import type * as HttpApp from "@effect/platform/HttpApp"
import * as PlatformHttpApp from "@effect/platform/HttpApp"
import * as HttpRouter from "@effect/platform/HttpRouter"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import type * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Option from "effect/Option"
import type * as Runtime from "effect/Runtime"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import * as DeliveryStore from "./DeliveryStore.js"
import * as Webhook from "./Webhook.js"
import * as WebhookError from "./WebhookError.js"
import type * as WebhookEvent from "./WebhookEvent.js"

/**
 * @example
 * ```ts
 * import { WebhookReceiver } from "@agentphone-effect/webhooks"
 * import { Redacted } from "effect"
 *
 * const options: WebhookReceiver.Options = {
 *   secrets: [Redacted.make("whsec_new"), Redacted.make("whsec_old")],
 *   toleranceSeconds: 300,
 *   dedupe: true,
 *   maxBodyBytes: 512 * 1024
 * }
 * ```
 *
 * @since 0.1.0
 */
export interface Options extends Webhook.VerifyOptions {
  /** The webhook secret, or several during a rotation. */
  readonly secrets: Webhook.Secrets
  /**
   * Skip the handler for an `X-Webhook-ID` already handled (default `true`). The store is the
   * `DeliveryStore` service when provided, else one in-memory store per receiver.
   */
  readonly dedupe?: boolean | undefined
  /**
   * The largest body accepted, in bytes (default `defaultMaxBodyBytes`, 1 MiB). A larger body is
   * answered `413` (`BodyTooLargeError`) without being read past the limit (at once when its
   * `Content-Length` says so) and the handler does not run. `Infinity` turns the limit off; `NaN`
   * or a negative value means the default.
   */
  readonly maxBodyBytes?: number | undefined
}

/**
 * The default `maxBodyBytes`: 1 MiB (AgentPhone deliveries are a few KB; a finished call's full
 * transcript stays well below this).
 *
 * @example
 * ```ts
 * import { WebhookReceiver } from "@agentphone-effect/webhooks"
 * import { Effect, Redacted } from "effect"
 *
 * const app = WebhookReceiver.toHttpApp(
 *   { secrets: Redacted.make("whsec_..."), maxBodyBytes: 4 * WebhookReceiver.defaultMaxBodyBytes },
 *   (event) => Effect.log(event._tag)
 * )
 * ```
 *
 * @since 0.1.0
 */
export const defaultMaxBodyBytes = 1_048_576

/**
 * Your handler: gets the decoded event and the delivery, returns the HTTP response (a
 * `VoiceReply` for voice turns) or nothing (`200`).
 *
 * @example
 * ```ts
 * import { VoiceReply, WebhookReceiver } from "@agentphone-effect/webhooks"
 * import { Effect } from "effect"
 *
 * const handler: WebhookReceiver.Handler<never, never> = (event, delivery) =>
 *   event._tag === "VoiceMessage" ?
 *     Effect.succeed(VoiceReply.say("Hello!")) :
 *     Effect.log(`delivery ${delivery.id}: ${event._tag}`)
 * ```
 *
 * @since 0.1.0
 */
export type Handler<E, R> = (
  event: WebhookEvent.WebhookEvent,
  delivery: Webhook.Delivery
) => Effect.Effect<HttpServerResponse.HttpServerResponse | void, E, R>

const refused = (
  error: WebhookError.WebhookVerificationError | WebhookError.BodyTooLargeError
): HttpServerResponse.HttpServerResponse =>
  HttpServerResponse.unsafeJson(
    { error: error._tag, reason: error.reason, message: error.message },
    // The rest of an oversized body is never read: close the connection instead of draining it.
    error._tag === "BodyTooLargeError" ?
      { status: error.status, headers: { connection: "close" } } :
      { status: error.status }
  )

/** A web `Request` without a body (`body === null`): its stream would fail rather than end. */
const hasNoBody = (request: HttpServerRequest.HttpServerRequest): boolean =>
  typeof request.source === "object" && request.source !== null && "body" in request.source &&
  request.source.body === null

/**
 * The body, read chunk by chunk and abandoned as soon as it passes `maxBytes` (or refused up front
 * when `Content-Length` announces more). Pulled in the request's scope: the stream's finalizer
 * (which on Node destroys an unfinished request, and its socket) runs after the response is sent.
 */
const readBody = (
  request: HttpServerRequest.HttpServerRequest,
  maxBytes: number
): Effect.Effect<Uint8Array | WebhookError.BodyTooLargeError, HttpServerError.RequestError, Scope.Scope> =>
  Effect.gen(function*() {
    const declared = request.headers["content-length"]
    if (declared !== undefined && /^\s*\d+\s*$/.test(declared) && Number(declared) > maxBytes) {
      return new WebhookError.BodyTooLargeError({ maxBytes, contentLength: Number(declared) })
    }
    if (hasNoBody(request)) return new Uint8Array(0)
    const pull = yield* Stream.toPull(request.stream)
    const chunks: Array<Uint8Array> = []
    let total = 0
    while (true) {
      const next = yield* Effect.either(pull)
      if (Either.isLeft(next)) {
        if (Option.isNone(next.left)) break
        return yield* Effect.fail(next.left.value)
      }
      for (const chunk of next.right) {
        total += chunk.length
        if (total > maxBytes) return new WebhookError.BodyTooLargeError({ maxBytes })
        chunks.push(chunk)
      }
    }
    if (chunks.length === 1) return chunks[0]
    const body = new Uint8Array(total)
    let offset = 0
    for (const chunk of chunks) {
      body.set(chunk, offset)
      offset += chunk.length
    }
    return body
  })

const handlerFailed = HttpServerResponse.unsafeJson({
  error: "HandlerFailed",
  message: "The webhook handler failed; AgentPhone will retry the delivery."
}, { status: 500 })

const storeFailed = HttpServerResponse.unsafeJson({
  error: "DeliveryStoreError",
  message: "The delivery store failed; AgentPhone will retry the delivery."
}, { status: 500 })

const unreadable = HttpServerResponse.unsafeJson({
  error: "BodyUnreadable",
  reason: "body_unreadable",
  message: "The request body could not be read."
}, { status: 400 })

const duplicate = HttpServerResponse.unsafeJson({ duplicate: true }, { status: 200 })

const inFlight = HttpServerResponse.unsafeJson({
  error: "InFlight",
  message: "This delivery id is being handled right now; retry later."
}, { status: 409 })

const ok = HttpServerResponse.empty({ status: 200 })

/**
 * The receiver as an `HttpApp`. Read the secret once (e.g. from `Config`) and build the app.
 *
 * @example
 * ```ts
 * import { HttpRouter, HttpServer } from "@effect/platform"
 * import { NodeHttpServer, NodeRuntime } from "@effect/platform-node"
 * import { VoiceReply, WebhookReceiver } from "@agentphone-effect/webhooks"
 * import { Effect, Layer, Redacted, Stream } from "effect"
 * import { createServer } from "node:http"
 *
 * const receiver = WebhookReceiver.toHttpApp(
 *   { secrets: Redacted.make(process.env.AGENTPHONE_WEBHOOK_SECRET ?? "") },
 *   (event) => {
 *     switch (event._tag) {
 *       case "VoiceMessage":
 *         return VoiceReply.stream(Stream.make("Let me check. ", "Your order shipped today."))
 *       case "Message":
 *         return Effect.log(`SMS from ${event.data.from}: ${event.data.message}`)
 *       default:
 *         return Effect.void
 *     }
 *   }
 * )
 *
 * const Server = HttpRouter.empty.pipe(
 *   HttpRouter.post("/webhooks/agentphone", receiver),
 *   HttpServer.serve(),
 *   Layer.provide(NodeHttpServer.layer(createServer, { port: 3000 }))
 * )
 * NodeRuntime.runMain(Layer.launch(Server))
 * ```
 *
 * @since 0.1.0
 */
export const toHttpApp = <E, R>(
  options: Options,
  handler: Handler<E, R>
): HttpApp.Default<never, R | Scope.Scope> => {
  const dedupe = options.dedupe ?? true
  // Not a number of bytes (NaN, negative): the default, never "no limit" by accident.
  const maxBodyBytes = options.maxBodyBytes !== undefined && options.maxBodyBytes >= 0
    ? options.maxBodyBytes
    : defaultMaxBodyBytes
  // Used only when no `DeliveryStore` service is in the context.
  let fallbackStore: DeliveryStore.Service | undefined
  const storeFromContext = Effect.map(
    Effect.serviceOption(DeliveryStore.DeliveryStore),
    Option.getOrElse(() => fallbackStore ??= DeliveryStore.unsafeMakeMemory())
  )

  const run = (delivery: Webhook.Delivery) =>
    Effect.suspend(() => handler(delivery.event, delivery)).pipe(
      Effect.map((response) => HttpServerResponse.isServerResponse(response) ? response : ok)
    )

  const handled = (delivery: Webhook.Delivery) =>
    Effect.gen(function*() {
      if (!dedupe || delivery.id === undefined) return yield* Effect.exit(run(delivery))
      const id = delivery.id
      const store = yield* storeFromContext
      const claim = yield* store.claim(id)
      if (claim === "Duplicate") {
        yield* Effect.logDebug("duplicate webhook delivery skipped")
        return Exit.succeed(duplicate)
      }
      if (claim === "InFlight") return Exit.succeed(inFlight)
      const exit = yield* Effect.exit(run(delivery))
      yield* Exit.isSuccess(exit) ? store.complete(id) : store.release(id)
      return exit
    }).pipe(
      Effect.onInterrupt(() =>
        dedupe && delivery.id !== undefined ?
          Effect.flatMap(storeFromContext, (store) => Effect.ignore(store.release(delivery.id!))) :
          Effect.void
      )
    )

  return Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const bytes = yield* Effect.either(readBody(request, maxBodyBytes))
    if (bytes._tag === "Left") return unreadable
    if (bytes.right instanceof WebhookError.BodyTooLargeError) {
      yield* Effect.logWarning(`webhook delivery refused: ${bytes.right.reason}`)
      return refused(bytes.right)
    }
    const verified = yield* Effect.either(
      Webhook.verifyDelivery(bytes.right, request.headers, options.secrets, options)
    )
    if (verified._tag === "Left") {
      yield* Effect.logWarning(`webhook delivery refused: ${verified.left.reason}`)
      return refused(verified.left)
    }
    const delivery = verified.right
    const exit = yield* handled(delivery).pipe(
      Effect.annotateLogs({ webhookId: delivery.id ?? "", webhookEvent: delivery.event.event })
    )
    if (Exit.isSuccess(exit)) return exit.value
    if (Cause.isInterruptedOnly(exit.cause)) return yield* Effect.interrupt
    yield* Effect.logError("webhook handler failed", exit.cause)
    return handlerFailed
  }).pipe(
    Effect.catchTag(
      "DeliveryStoreError",
      (error) => Effect.as(Effect.logError("webhook delivery store failed", error), storeFailed)
    ),
    Effect.withSpan("WebhookReceiver.handle")
  )
}

/**
 * A router with the receiver mounted at `POST path`.
 *
 * @example
 * ```ts
 * import { WebhookReceiver } from "@agentphone-effect/webhooks"
 * import { Effect, Redacted } from "effect"
 *
 * const router = WebhookReceiver.toRouter("/webhooks/agentphone", { secrets: Redacted.make("whsec_...") }, (e) =>
 *   Effect.log(e._tag))
 * ```
 *
 * @since 0.1.0
 */
export const toRouter = <E, R>(
  path: HttpRouter.PathInput,
  options: Options,
  handler: Handler<E, R>
): HttpRouter.HttpRouter<never, R> => HttpRouter.empty.pipe(HttpRouter.post(path, toHttpApp(options, handler)))

/**
 * A Fetch-style handler `(Request) => Promise<Response>`. Give a `Runtime` or `ManagedRuntime`
 * when your handler needs services (database, `AgentPhone` client, ...) or your own logger or
 * tracer; a `ManagedRuntime` is built on first use. Without one, the receiver runs on Effect's
 * default runtime: its log lines go to the default (console) logger. See also `makeFetchHandler`
 * (the runtime of the calling Effect) and `toFetchHandlerLayer`.
 *
 * @example
 * ```ts
 * // app/api/agentphone/route.ts (Next.js)
 * import { WebhookReceiver } from "@agentphone-effect/webhooks"
 * import { Effect, Redacted } from "effect"
 *
 * export const POST = WebhookReceiver.toFetchHandler(
 *   { secrets: Redacted.make(process.env.AGENTPHONE_WEBHOOK_SECRET!) },
 *   (event) => Effect.log(`received ${event._tag}`)
 * )
 * ```
 *
 * @since 0.1.0
 */
export const toFetchHandler: {
  <E>(options: Options, handler: Handler<E, Scope.Scope>): (request: Request) => Promise<Response>
  <E, R, RE>(
    options: Options,
    handler: Handler<E, R | Scope.Scope>,
    runtime: Runtime.Runtime<R> | ManagedRuntime.ManagedRuntime<R, RE>
  ): (request: Request) => Promise<Response>
} = <E, R, RE>(
  options: Options,
  handler: Handler<E, R | Scope.Scope>,
  runtime?: Runtime.Runtime<R> | ManagedRuntime.ManagedRuntime<R, RE>
): (request: Request) => Promise<Response> => {
  const app = toHttpApp(options, handler)
  if (runtime === undefined) {
    return PlatformHttpApp.toWebHandler(app as HttpApp.Default<never, Scope.Scope>)
  }
  if (ManagedRuntime.isManagedRuntime(runtime)) {
    const managed = runtime as ManagedRuntime.ManagedRuntime<R, RE>
    let web: Promise<(request: Request) => Promise<Response>> | undefined
    return (request) => {
      web ??= managed.runtime().then((rt) => PlatformHttpApp.toWebHandlerRuntime(rt)(app))
      return web.then((handle) => handle(request))
    }
  }
  return PlatformHttpApp.toWebHandlerRuntime(runtime as Runtime.Runtime<R>)(app)
}

/**
 * A Fetch-style handler that runs with the runtime of the Effect that builds it: its services, and
 * its logger, tracer and log level, so the receiver's log lines and its `WebhookReceiver.handle`
 * span go wherever the rest of your program's do. Use it when a web framework is started from an
 * Effect program.
 *
 * @example
 * ```ts
 * import { WebhookReceiver } from "@agentphone-effect/webhooks"
 * import { Effect, Logger, Redacted } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const handle = yield* WebhookReceiver.makeFetchHandler(
 *     { secrets: Redacted.make("whsec_...") },
 *     (event) => Effect.log(`received ${event._tag}`) // logged as JSON, like the rest
 *   )
 *   // hand `handle` to Bun.serve, Hono, ...
 *   return handle
 * }).pipe(Effect.provide(Logger.json))
 * ```
 *
 * @since 0.1.0
 */
export const makeFetchHandler = <E, R>(
  options: Options,
  handler: Handler<E, R | Scope.Scope>
): Effect.Effect<(request: Request) => Promise<Response>, never, Exclude<R, Scope.Scope>> =>
  Effect.map(
    Effect.runtime<Exclude<R, Scope.Scope>>(),
    (runtime) =>
      PlatformHttpApp.toWebHandlerRuntime(runtime)(
        toHttpApp(options, handler) as HttpApp.Default<never, Exclude<R, Scope.Scope> | Scope.Scope>
      )
  )

/**
 * A Fetch-style handler whose services come from a `Layer`, with `dispose` to release them.
 *
 * @example
 * ```ts
 * import { DeliveryStore, WebhookReceiver } from "@agentphone-effect/webhooks"
 * import { Effect, Redacted } from "effect"
 *
 * const { handler, dispose } = WebhookReceiver.toFetchHandlerLayer(
 *   { secrets: Redacted.make("whsec_...") },
 *   (event) => Effect.log(event._tag),
 *   DeliveryStore.layerMemory({ capacity: 50_000 })
 * )
 * ```
 *
 * @since 0.1.0
 */
export const toFetchHandlerLayer = <E, R, RE>(
  options: Options,
  handler: Handler<E, R | Scope.Scope>,
  layer: Layer.Layer<R, RE>
): {
  readonly handler: (request: Request) => Promise<Response>
  readonly dispose: () => Promise<void>
} => PlatformHttpApp.toWebHandlerLayer(toHttpApp(options, handler), layer)
