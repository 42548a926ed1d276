/**
 * The app's webhook receiver: an `@effect/platform` HTTP server on 127.0.0.1 that verifies every
 * delivery's signature, decodes its event, answers voice turns with a streamed NDJSON reply, and
 * keeps what it received so the scenario can wait for it.
 *
 * @since 0.1.0
 */
import { Webhook, type WebhookEvent } from "@agentphone-effect/webhooks"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServer from "@effect/platform/HttpServer"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
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
  /** The status the receiver answered with. */
  readonly status: number
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
  /** How many deliveries were rejected (bad signature, stale timestamp, undecodable body). */
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
 * The NDJSON reply to a caller's turn: the agent's words as interim chunks while the brain
 * produces them, then a final chunk that closes the turn (and hangs up when the brain says so).
 *
 * @since 0.1.0
 */
export const voiceReply = (said: string): HttpServerResponse.HttpServerResponse => {
  const { hangup } = Brain.answer(said)
  const pieces = Brain.speak(said).pipe(
    Stream.map((text) => ({ text, interim: true as boolean, hangup: false })),
    Stream.concat(Stream.make({ text: "", interim: false, hangup }))
  )
  return HttpServerResponse.stream(
    pieces.pipe(
      Stream.map(({ hangup, interim, text }) =>
        JSON.stringify(interim ? { text, interim } : hangup ? { text, hangup } : { text }) + "\n"
      ),
      Stream.encodeText
    ),
    { contentType: "application/x-ndjson" }
  )
}

const make = Effect.gen(function*() {
  const secrets = yield* Ref.make<ReadonlyArray<Redacted.Redacted<string>>>([])
  const received = yield* SubscriptionRef.make<ReadonlyArray<Received>>([])
  const rejected = yield* Ref.make(0)

  const handle = Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    // The exact bytes that were signed: read the body once, never re-serialise it.
    const raw = new Uint8Array(yield* request.arrayBuffer)
    const delivery = yield* Effect.flatMap(Ref.get(secrets), (s) => Webhook.verifyDelivery(raw, request.headers, s))
    const seen = (yield* SubscriptionRef.get(received)).some((r) => r.id !== undefined && r.id === delivery.id)
    const response = delivery.event._tag === "VoiceMessage"
      ? voiceReply(delivery.event.data.transcript)
      : HttpServerResponse.empty({ status: 204 })
    // A retried delivery (same X-Webhook-ID) is answered again but recorded once.
    if (!seen) {
      yield* SubscriptionRef.update(
        received,
        (all) => [...all, { id: delivery.id, event: delivery.event, status: response.status }]
      )
    }
    return response
  }).pipe(
    Effect.catchTags({
      RequestError: () => HttpServerResponse.json({ error: "could not read the body" }, { status: 400 }),
      UndecodableBodyError: (e) =>
        Effect.zipRight(Ref.update(rejected, (n) => n + 1), HttpServerResponse.json({ error: e.message }, { status: 400 }))
    }),
    Effect.catchAll((e) =>
      Effect.zipRight(Ref.update(rejected, (n) => n + 1), HttpServerResponse.json({ error: e.message }, { status: 401 }))
    )
  )

  const server = yield* NodeHttpServer.make(() => createServer(), { port: 0, host: "127.0.0.1" })
  yield* HttpRouter.empty.pipe(
    HttpRouter.post(path, handle),
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
