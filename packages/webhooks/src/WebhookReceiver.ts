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
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Option from "effect/Option"
import type * as Runtime from "effect/Runtime"
import type * as Scope from "effect/Scope"
import * as DeliveryStore from "./DeliveryStore.js"
import * as Webhook from "./Webhook.js"
import type * as WebhookError from "./WebhookError.js"
import type * as WebhookEvent from "./WebhookEvent.js"

/**
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
}

/**
 * Your handler: gets the decoded event and the delivery, returns the HTTP response (a
 * `VoiceReply` for voice turns) or nothing (`200`).
 *
 * @since 0.1.0
 */
export type Handler<E, R> = (
  event: WebhookEvent.WebhookEvent,
  delivery: Webhook.Delivery
) => Effect.Effect<HttpServerResponse.HttpServerResponse | void, E, R>

const refused = (error: WebhookError.WebhookVerificationError): HttpServerResponse.HttpServerResponse =>
  HttpServerResponse.unsafeJson(
    { error: error._tag, reason: error.reason, message: error.message },
    { status: error.status }
  )

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
): HttpApp.Default<never, R> => {
  const dedupe = options.dedupe ?? true
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
    const bytes = yield* Effect.either(request.arrayBuffer)
    if (bytes._tag === "Left") return unreadable
    const verified = yield* Effect.either(
      Webhook.verifyDelivery(new Uint8Array(bytes.right), request.headers, options.secrets, options)
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
 * when your handler needs services (database, `AgentPhone` client, ...); a `ManagedRuntime` is
 * built on first use.
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
