/**
 * The app's webhook receiver: an `@effect/platform` HTTP server on 127.0.0.1 that verifies every
 * delivery's signature, decodes its event, answers voice turns with a streamed NDJSON reply, and
 * keeps what it received so the scenario can wait for it.
 *
 * @since 0.1.0
 */
import type { Webhook, WebhookEvent } from "@agentphone-effect/webhooks"
import { DeliveryStore, VoiceReply, WebhookReceiver } from "@agentphone-effect/webhooks"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServer from "@effect/platform/HttpServer"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as Stream from "effect/Stream"
import * as SubscriptionRef from "effect/SubscriptionRef"
import { createServer } from "node:http"
import * as Brain from "./Brain.js"

/**
 * One delivery the receiver answered.
 *
 * @since 0.1.0
 */
export interface Received {
  /** `X-Webhook-ID`. */
  readonly id: string | undefined
  readonly event: WebhookEvent.WebhookEvent
}

/**
 * What the receiver offers the scenario.
 *
 * @since 0.1.0
 */
export interface Service {
  /** Where to send deliveries, e.g. `http://127.0.0.1:43123/webhooks/agentphone`. */
  readonly url: string
  /** Accept deliveries signed with this secret (the latest registration's; older ones stay valid). */
  readonly addSecret: (secret: Redacted.Redacted<string>) => Effect.Effect<void>
  /** Every verified delivery so far, in order of arrival. */
  readonly received: Effect.Effect<ReadonlyArray<Received>>
  /** How many deliveries were answered 4xx/5xx (bad signature, stale timestamp, undecodable body, …). */
  readonly rejected: Effect.Effect<number>
  /** Wait for the first delivery (already received or still to come) that `pick` accepts. */
  readonly waitFor: <A>(pick: (event: WebhookEvent.WebhookEvent) => Option.Option<A>) => Effect.Effect<A>
}

/**
 * The webhook receiver service.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Receiver } from "./Receiver.js"
 *
 * const program = Effect.flatMap(Receiver, (r) => Effect.log(`deliveries go to ${r.url}`))
 * program.pipe(Effect.provide(Receiver.layer))
 * ```
 *
 * @since 0.1.0
 */
export class Receiver extends Context.Tag("@agentphone-effect/example/Receiver")<Receiver, Service>() {
  /** Serve on 127.0.0.1, on a free port, until the scope closes. */
  static readonly layer: Layer.Layer<Receiver, HttpServerError.ServeError> = Layer.scoped(
    Receiver,
    Effect.suspend(() => make)
  )
}

/**
 * The path deliveries are POSTed to.
 *
 * @since 0.1.0
 */
export const path = "/webhooks/agentphone"

/**
 * The answer to a caller's turn: the brain's words streamed as NDJSON interim chunks while they
 * are produced, then a final chunk that closes the turn (and hangs up when the brain says so).
 *
 * @since 0.1.0
 */
export const voiceReply = (said: string) =>
  VoiceReply.stream(Brain.speak(said), { final: Brain.answer(said).hangup ? { hangup: true } : undefined })

const make = Effect.gen(function*() {
  const secrets = yield* Ref.make<ReadonlyArray<Redacted.Redacted<string>>>([])
  const received = yield* SubscriptionRef.make<ReadonlyArray<Received>>([])
  const rejected = yield* Ref.make(0)
  const store = yield* DeliveryStore.makeMemory()

  // Verify (any registered secret), drop duplicates by X-Webhook-ID, decode, then run this.
  const handler = (event: WebhookEvent.WebhookEvent, delivery: Webhook.Delivery) =>
    Effect.zipRight(
      SubscriptionRef.update(received, (all) => [...all, { id: delivery.id, event }]),
      event._tag === "VoiceMessage" ? voiceReply(event.data.transcript) : Effect.void
    )
  // The secrets change when the webhook is (re-)registered: build the app on each request.
  const app = Effect.flatMap(Ref.get(secrets), (current) => WebhookReceiver.toHttpApp({ secrets: current }, handler))
    .pipe(
      Effect.tap((response) => response.status >= 400 ? Ref.update(rejected, (n) => n + 1) : Effect.void),
      Effect.provideService(DeliveryStore.DeliveryStore, store)
    )

  const server = yield* NodeHttpServer.make(() => createServer(), { port: 0, host: "127.0.0.1" })
  yield* HttpRouter.empty.pipe(
    HttpRouter.post(path, app),
    HttpServer.serveEffect(),
    Effect.provideService(HttpServer.HttpServer, server)
  )
  const address = server.address
  const port = address._tag === "TcpAddress" ? address.port : 0

  const service: Service = {
    url: `http://127.0.0.1:${port}${path}`,
    addSecret: (secret) => Ref.update(secrets, (all) => [secret, ...all]),
    received: SubscriptionRef.get(received),
    rejected: Ref.get(rejected),
    waitFor: (pick) =>
      received.changes.pipe(
        Stream.filterMap((all) => {
          for (const r of all) {
            const picked = pick(r.event)
            if (Option.isSome(picked)) return picked
          }
          return Option.none()
        }),
        Stream.runHead,
        Effect.flatten,
        Effect.orDie
      )
  }
  return service
})
