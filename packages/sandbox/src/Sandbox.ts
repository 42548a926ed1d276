/**
 * A local, stateful AgentPhone-compatible server. `Sandbox.layer` starts one on 127.0.0.1 (a
 * free port) and stops it with its scope; `Sandbox.layerClient` also provides the `AgentPhone`
 * client pointed at it. The control functions (inject inbound messages, start inbound calls,
 * move the simulation clock, inject faults) work on the `Sandbox` service.
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const ap = yield* AgentPhone.AgentPhone
 *   const agent = yield* ap.agents.createAgent({ name: "Support" })
 *   yield* Sandbox.advance("10 seconds")
 *   return agent.id
 * })
 *
 * program.pipe(Effect.provide(Sandbox.layerClient({ seed: 42 })))
 * ```
 *
 * @since 0.1.0
 */
import { AgentPhone } from "@agentphone-effect/core"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpServer from "@effect/platform/HttpServer"
import * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FiberSet from "effect/FiberSet"
import * as Layer from "effect/Layer"
import * as PubSub from "effect/PubSub"
import * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import { createServer } from "node:http"
import * as ApiFailure from "./ApiFailure.js"
import * as Delivery from "./Delivery.js"
import * as Faults from "./Faults.js"
import * as Engine from "./internal/Engine.js"
import * as Routes from "./internal/Routes.js"
import type { SandboxEvent } from "./SandboxEvent.js"
import * as SimClock from "./SimClock.js"
import * as Simulation from "./Simulation.js"
import * as Store from "./Store.js"

/**
 * The inputs of `injectMessage`, `injectReaction` and `startInboundCall` (also the JSON bodies of
 * `POST /sandbox/messages`, `/sandbox/reactions` and `/sandbox/calls`).
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 *
 * const text: Sandbox.InboundMessage = { from: "+14155550123", body: "Running late", channel: "imessage" }
 * const tapback = (messageId: string): Sandbox.InboundReaction => ({ messageId, reaction: "like" })
 * const call: Sandbox.InboundCall = { from: "+14155550123", script: ["Hi, is this the bakery?"] }
 * ```
 *
 * @since 0.1.0
 */
export type { InboundCall, InboundMessage, InboundReaction } from "./internal/Engine.js"

/**
 * Options of a sandbox. All optional: `Sandbox.layer()` is a fresh sandbox on a free port.
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 *
 * // Reproducible ids and key, a fixed start instant, time moving only with `advance`.
 * const options: Sandbox.Options = { seed: 42, startAt: new Date("2026-01-01T09:00:00Z"), paused: true }
 * const layer = Sandbox.layer(options)
 * ```
 *
 * @since 0.1.0
 */
export interface Options {
  /** Default 0 (a free port). */
  readonly port?: number | undefined
  /** Default `127.0.0.1`. */
  readonly host?: string | undefined
  /** The API key clients must send. Default: derived from the seed (`sk_sandbox_…`). */
  readonly apiKey?: string | Redacted.Redacted<string> | undefined
  /** Makes ids, secrets, numbers and fault draws reproducible. */
  readonly seed?: number | string | undefined
  /** Simulated time at start (epoch ms or a Date). Default: the current `Clock` time. */
  readonly startAt?: number | Date | undefined
  /** Start with the simulation clock paused (only `advance` moves it). */
  readonly paused?: boolean | undefined
  /** The conversation simulated calls follow. Default `Simulation.defaultScript`. */
  readonly script?: ReadonlyArray<Simulation.ScriptStep> | undefined
  /** Call timing (turn interval, hang-up delay, heartbeat). */
  readonly timing?: Partial<Simulation.Timing> | undefined
  /** Webhook retry policy. Default 5 retries from 1 s, doubling. */
  readonly webhookRetry?: Partial<Delivery.RetryPolicy> | undefined
}

/**
 * A running sandbox: where it listens, its key, its state, its events and its controls.
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import { Effect, Redacted } from "effect"
 *
 * // Print what a non-Effect client (curl, another SDK) needs to talk to the sandbox.
 * const env = Effect.map(Sandbox.Sandbox, (sandbox: Sandbox.Service) => ({
 *   AGENTPHONE_BASE_URL: sandbox.baseUrl,
 *   AGENTPHONE_API_KEY: Redacted.value(sandbox.apiKey)
 * }))
 * ```
 *
 * @since 0.1.0
 */
export interface Service {
  /** e.g. `http://127.0.0.1:53121` (no trailing slash). */
  readonly baseUrl: string
  readonly apiKey: Redacted.Redacted<string>
  readonly store: Store.Service
  readonly clock: SimClock.Service
  /** Everything that happens inside (deliveries, turns, call ends, messages). */
  readonly events: Stream.Stream<SandboxEvent>
  /** Subscribe now (scoped), so no event published after this point is missed. */
  readonly subscribe: Effect.Effect<Stream.Stream<SandboxEvent>, never, Scope.Scope>
  readonly injectMessage: (input: Engine.InboundMessage) => Effect.Effect<Store.MessageRecord, ApiFailure.ApiFailure>
  readonly injectReaction: (input: Engine.InboundReaction) => Effect.Effect<Store.ReactionRecord, ApiFailure.ApiFailure>
  readonly startInboundCall: (input: Engine.InboundCall) => Effect.Effect<Store.CallRecord, ApiFailure.ApiFailure>
  /** Hang up a call (as `endCall` does). */
  readonly endCall: (callId: string) => Effect.Effect<void, ApiFailure.ApiFailure>
  readonly advance: (duration: Duration.DurationInput) => Effect.Effect<void>
  readonly pause: Effect.Effect<void>
  readonly resume: Effect.Effect<void>
  readonly setFaults: (faults: Faults.FaultConfig) => Effect.Effect<void>
  readonly clearFaults: Effect.Effect<void>
  /** Transcript streams currently open. */
  readonly openTranscriptStreams: Effect.Effect<number>
}

/**
 * The running sandbox, provided by `layer` and `layerClient`.
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * const baseUrl = Effect.map(Sandbox.Sandbox, (sandbox) => sandbox.baseUrl).pipe(
 *   Effect.provide(Sandbox.layer())
 * ) // e.g. "http://127.0.0.1:53121"
 * ```
 *
 * @since 0.1.0
 */
export class Sandbox extends Context.Tag("@agentphone-effect/sandbox/Sandbox")<Sandbox, Service>() {}

/**
 * The API key of a seeded sandbox (when no `apiKey` option is given): a process that did not start
 * the sandbox can compute it from the seed.
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 *
 * // The key `agentphone-sandbox --seed 42` accepts.
 * const key = Sandbox.keyForSeed(42) // "sk_sandbox_…", the same on every run
 * ```
 *
 * @since 0.1.0
 */
export const keyForSeed = (seed: number | string): string => {
  let h = 0x811c9dc5
  const s = String(seed)
  let out = ""
  for (let round = 0; round < 4; round++) {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0
    h = Math.imul(h ^ round, 0x01000193) >>> 0
    out += h.toString(16).padStart(8, "0")
  }
  return `sk_sandbox_${out}`
}

/**
 * Start a sandbox on the `HttpServer` in context (webhooks go out through the `HttpClient` in
 * context). Most users want `layer`.
 *
 * @example
 * ```ts
 * import { NodeHttpClient, NodeHttpServer } from "@effect/platform-node"
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import { Effect, Layer } from "effect"
 * import { createServer } from "node:http"
 *
 * // A sandbox on a fixed port of all interfaces (e.g. in a container).
 * const program = Effect.gen(function*() {
 *   const sandbox = yield* Sandbox.make({ seed: 1 })
 *   yield* Effect.log(`sandbox at ${sandbox.baseUrl}`)
 *   return yield* Effect.never
 * }).pipe(
 *   Effect.scoped,
 *   Effect.provide(Layer.merge(NodeHttpServer.layer(createServer, { port: 4010, host: "0.0.0.0" }), NodeHttpClient.layerUndici))
 * )
 * ```
 *
 * @since 0.1.0
 */
export const make = (
  options: Options = {}
): Effect.Effect<Service, never, HttpServer.HttpServer | HttpClient.HttpClient | Scope.Scope> =>
  Effect.gen(function*() {
    const startAt = options.startAt instanceof Date ? options.startAt.getTime() : options.startAt
    const clock = yield* SimClock.make({ startAt, paused: options.paused })
    const store = yield* Store.make({ seed: options.seed }).pipe(Effect.provideService(SimClock.SimClock, clock))
    const apiKey = options.apiKey === undefined
      ? Redacted.make(keyForSeed(options.seed ?? (yield* store.hex(8))))
      : Redacted.isRedacted(options.apiKey)
      ? options.apiKey
      : Redacted.make(options.apiKey)
    const fibers = yield* FiberSet.make()
    const events = yield* Effect.acquireRelease(PubSub.unbounded<SandboxEvent>(), PubSub.shutdown)
    const http = yield* HttpClient.HttpClient
    const delivery = Delivery.make({
      store,
      clock,
      http,
      fibers,
      events,
      retry: { ...Delivery.defaultRetryPolicy, ...options.webhookRetry }
    })
    const shutdown = yield* Deferred.make<void>()
    yield* Effect.addFinalizer(() => Deferred.succeed(shutdown, undefined))
    const simulation = Simulation.make({
      shutdown,
      store,
      clock,
      delivery,
      fibers,
      events,
      timing: { ...Simulation.defaultTiming, ...options.timing }
    })
    const faults = Faults.make(store.nextFloat)
    const engine = Engine.make({
      store,
      clock,
      delivery,
      simulation,
      faults,
      events,
      apiKey,
      script: options.script ?? Simulation.defaultScript
    })
    yield* HttpServer.serveEffect()(Routes.make(engine))
    const server = yield* HttpServer.HttpServer
    const address = server.address
    const baseUrl = address._tag === "TcpAddress"
      ? `http://${address.hostname.includes(":") ? `[${address.hostname}]` : address.hostname}:${address.port}`
      : `http://unix:${address.path}`
    return {
      baseUrl,
      apiKey,
      store,
      clock,
      events: Stream.fromPubSub(events),
      subscribe: Effect.map(PubSub.subscribe(events), (queue) => Stream.fromQueue(queue)),
      injectMessage: engine.injectMessage,
      injectReaction: engine.injectReaction,
      startInboundCall: engine.startInboundCall,
      endCall: (callId) =>
        Effect.suspend(() => {
          const found = store.findCall(callId)
          return found === undefined
            ? Effect.fail(ApiFailure.notFound("Call"))
            : simulation.end(found.tenant, found.call, "api_hangup")
        }),
      advance: clock.advance,
      pause: clock.pause,
      resume: clock.resume,
      setFaults: faults.set,
      clearFaults: faults.clear,
      openTranscriptStreams: simulation.openStreams
    }
  })

/**
 * A sandbox on 127.0.0.1 (a free port unless `port` is given), stopped with the layer's scope.
 * Webhooks are delivered with undici.
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * // Start a sandbox, send it one inbound text, stop it.
 * const program = Sandbox.injectMessage({ from: "+14155550123", body: "Hi" }).pipe(
 *   Effect.provide(Sandbox.layer({ seed: 42 }))
 * )
 * ```
 *
 * @since 0.1.0
 */
export const layer = (options: Options = {}): Layer.Layer<Sandbox> =>
  Layer.scoped(Sandbox, make(options)).pipe(
    Layer.provide(
      NodeHttpServer.layer(createServer, { port: options.port ?? 0, host: options.host ?? "127.0.0.1" }).pipe(
        Layer.orDie
      )
    ),
    Layer.provide(NodeHttpClient.layerUndici)
  )

/**
 * A sandbox and the `AgentPhone` client pointed at it (undici transport). `client` options are
 * passed to `AgentPhone.layer` (e.g. a retry policy).
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const ap = yield* AgentPhone.AgentPhone
 *   return yield* ap.agents.listAgents()
 * }).pipe(Effect.provide(Sandbox.layerClient({ seed: 42 }, { timeout: "5 seconds" })))
 * ```
 *
 * @since 0.1.0
 */
export const layerClient = (
  options: Options = {},
  client: Omit<AgentPhone.Options, "apiKey" | "baseUrl"> = {}
): Layer.Layer<Sandbox | AgentPhone.AgentPhone> =>
  Layer.unwrapEffect(
    Effect.map(Sandbox, (sandbox) =>
      AgentPhone.layer({ ...client, apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl }).pipe(
        Layer.provide(NodeHttpClient.layerUndici)
      ))
  ).pipe(Layer.provideMerge(layer(options)))

// ---------------------------------------------------------------------------------------------
// Control functions (on the Sandbox service)
// ---------------------------------------------------------------------------------------------

/**
 * Inject an inbound SMS / MMS / iMessage: it is stored (conversation, message) and delivered to
 * the webhook as `agent.message`. The account needs an active number (`to` / `numberId` pick
 * one; the default is the first).
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const ap = yield* AgentPhone.AgentPhone
 *   const number = yield* ap.numbers.createNumber({ country: "US" })
 *   const message = yield* Sandbox.injectMessage({ from: "+14155550123", to: number.phoneNumber, body: "Hello?" })
 *   return message.id
 * })
 * ```
 *
 * @since 0.1.0
 */
export const injectMessage = (input: Engine.InboundMessage) => Effect.flatMap(Sandbox, (s) => s.injectMessage(input))

/**
 * Inject an inbound iMessage reaction on a stored message (`agent.reaction`).
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const message = yield* Sandbox.injectMessage({ from: "+14155550123", body: "See you at 5", channel: "imessage" })
 *   return yield* Sandbox.injectReaction({ messageId: message.id, reaction: "like" })
 * })
 * ```
 *
 * @since 0.1.0
 */
export const injectReaction = (input: Engine.InboundReaction) => Effect.flatMap(Sandbox, (s) => s.injectReaction(input))

/**
 * Start an inbound call to one of the account's numbers; it follows the script (turns every
 * `timing.turnInterval` of simulated time, then a hang-up and `agent.call_ended`).
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const call = yield* Sandbox.startInboundCall({ from: "+14155550123", script: ["I'd like to book a table for two."] })
 *   yield* Sandbox.advance("10 seconds") // the turn is due after 5 s, the hang-up 2 s later
 *   return call.id
 * })
 * ```
 *
 * @since 0.1.0
 */
export const startInboundCall = (input: Engine.InboundCall) => Effect.flatMap(Sandbox, (s) => s.startInboundCall(input))

/**
 * Hang up a call (as `endCall` does through the API): it completes with `api_hangup`.
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const call = yield* Sandbox.startInboundCall({ from: "+14155550123" })
 *   yield* Sandbox.endCall(call.id)
 *   return call.disconnectionReason // "api_hangup"
 * })
 * ```
 *
 * @since 0.1.0
 */
export const endCall = (callId: string) => Effect.flatMap(Sandbox, (s) => s.endCall(callId))

/**
 * Move simulated time forward at once: due turns, hang-ups and webhook retries happen now.
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * // Let every pending webhook retry run (the default policy's last one is 31 s after the first attempt).
 * const flushRetries = Sandbox.advance("1 minute")
 * ```
 *
 * @since 0.1.0
 */
export const advance = (duration: Duration.DurationInput) => Effect.flatMap(Sandbox, (s) => s.advance(duration))

/**
 * Freeze simulated time (only `advance` moves it), so a test decides exactly when turns happen.
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   yield* Sandbox.pause
 *   const call = yield* Sandbox.startInboundCall({ from: "+14155550123" })
 *   yield* Sandbox.advance("5 seconds") // the first turn is due now, and nothing after it
 *   return call.id
 * })
 * ```
 *
 * @since 0.1.0
 */
export const pause: Effect.Effect<void, never, Sandbox> = Effect.flatMap(Sandbox, (s) => s.pause)

/**
 * Let simulated time follow the clock again (from where it stands).
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * const stepThenRun = Sandbox.pause.pipe(
 *   Effect.zipRight(Sandbox.advance("5 seconds")),
 *   Effect.zipRight(Sandbox.resume)
 * )
 * ```
 *
 * @since 0.1.0
 */
export const resume: Effect.Effect<void, never, Sandbox> = Effect.flatMap(Sandbox, (s) => s.resume)

/**
 * Inject faults (replaces the previous configuration and resets the `times` counters).
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * // The next request gets a 503; the client's retry policy should make the call succeed anyway.
 * const program = Effect.gen(function*() {
 *   yield* Sandbox.setFaults({ serverError: { rate: 1, times: 1 } })
 *   const ap = yield* AgentPhone.AgentPhone
 *   return yield* ap.agents.listAgents()
 * })
 * ```
 *
 * @since 0.1.0
 */
export const setFaults = (faults: Faults.FaultConfig) => Effect.flatMap(Sandbox, (s) => s.setFaults(faults))

/**
 * Stop injecting faults.
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * // Faults only around one step of a test.
 * const withLatency = <A, E, R>(self: Effect.Effect<A, E, R>) =>
 *   Sandbox.setFaults({ latency: { rate: 1, millis: 500 } }).pipe(
 *     Effect.zipRight(self),
 *     Effect.ensuring(Sandbox.clearFaults)
 *   )
 * ```
 *
 * @since 0.1.0
 */
export const clearFaults: Effect.Effect<void, never, Sandbox> = Effect.flatMap(Sandbox, (s) => s.clearFaults)

/**
 * Subscribe to the sandbox's events (scoped: subscribe first, then act, then read).
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import { Effect, Stream } from "effect"
 *
 * // Wait for a call to end without sleeping.
 * const endOfCall = Effect.scoped(Effect.gen(function*() {
 *   const events = yield* Sandbox.subscribe
 *   const call = yield* Sandbox.startInboundCall({ from: "+14155550123" })
 *   return yield* events.pipe(
 *     Stream.filter((event) => event._tag === "CallEnded" && event.callId === call.id),
 *     Stream.runHead
 *   )
 * }))
 * ```
 *
 * @since 0.1.0
 */
export const subscribe = Effect.flatMap(Sandbox, (s) => s.subscribe)
