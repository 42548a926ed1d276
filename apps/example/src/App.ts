/**
 * The example app as Layers: which backend (the embedded sandbox, or the real API when
 * `AGENTPHONE_API_KEY` is set), the `AgentPhone` client pointed at it, the HTTP client (undici,
 * chosen once) and the webhook receiver on 127.0.0.1. `run` is the command's handler.
 *
 * ```
 * App.layer
 * ├── Backend + AgentPhone ── AGENTPHONE_API_KEY set?
 * │     ├── no:  Sandbox.make on NodeHttpServer (127.0.0.1, free port, paused simulation clock)
 * │     │        └── AgentPhone.layer({ apiKey: sandbox key, baseUrl: sandbox URL })
 * │     └── yes: AgentPhone.layerConfig() (AGENTPHONE_API_KEY, AGENTPHONE_BASE_URL, …)
 * ├── Receiver.layer (NodeHttpServer on 127.0.0.1: WebhookReceiver → NDJSON voice replies)
 * └── UndiciHttpClient.layer (@agentphone-effect/node; the one HttpClient: SDK calls, transcript SSE,
 *     deliveries)
 * ```
 *
 * @since 0.1.0
 */
import { AgentPhone } from "@agentphone-effect/core"
import { UndiciHttpClient } from "@agentphone-effect/node"
import { Sandbox } from "@agentphone-effect/sandbox"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import type * as HttpClient from "@effect/platform/HttpClient"
import type { ServeError } from "@effect/platform/HttpServerError"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { createServer } from "node:http"
import { Backend } from "./Backend.js"
import type * as Cli from "./Cli.js"
import * as Failure from "./Failure.js"
import { Narrator } from "./Narrator.js"
import { Receiver } from "./Receiver.js"
import * as Scenario from "./Scenario.js"
import * as Steps from "./Steps.js"

/**
 * How fast simulated time runs while the app waits on the sandbox: `step` of simulated time
 * per `pace` (the default shows a call live at about 8x speed; tests pass `nextTick`).
 *
 * @since 0.1.0
 */
export interface Speed {
  readonly step: Duration.DurationInput
  readonly pace: Effect.Effect<void>
}

/**
 * One turn of the event loop (pending I/O runs first); no timer, so no clock is involved.
 *
 * @since 0.1.0
 */
export const nextTick: Effect.Effect<void> = Effect.async<void>((resume) => {
  const handle = setImmediate(() => resume(Effect.void))
  return Effect.sync(() => clearImmediate(handle))
})

/**
 * The default speed of the simulation in the app.
 *
 * @since 0.1.0
 */
export const defaultSpeed: Speed = { step: Duration.millis(500), pace: Effect.sleep(Duration.millis(60)) }

/**
 * The backend and client against the embedded sandbox.
 *
 * @since 0.1.0
 */
export const layerSandbox = (speed: Speed = defaultSpeed) =>
  Layer.unwrapEffect(Effect.gen(function*() {
    const sandbox = yield* Sandbox.Sandbox
    const backend: Backend["Type"] = {
      mode: "sandbox",
      description: `the embedded local sandbox at ${sandbox.baseUrl}`,
      callee: "+14155550100",
      injectInboundSms: (sms) => sandbox.injectMessage({ numberId: sms.numberId, from: sms.from, body: sms.body }),
      // Simulated time is paused outside `drive`; inside, it moves `step` per `pace`.
      drive: (effect) =>
        Effect.scoped(Effect.zipRight(
          Effect.forkScoped(Effect.forever(Effect.zipRight(sandbox.advance(speed.step), speed.pace))),
          effect
        ))
    }
    return Layer.merge(
      Layer.succeed(Backend, backend),
      AgentPhone.layer({ apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl })
    )
  })).pipe(
    // `Sandbox.make` on our own server (127.0.0.1, a free port) and our one HttpClient (its
    // webhook deliveries go out through it), seeded so every run prints the same ids.
    Layer.provideMerge(Layer.scoped(Sandbox.Sandbox, Sandbox.make({ seed: "agentphone-effect", paused: true }))),
    Layer.provide(NodeHttpServer.layer(createServer, { port: 0, host: "127.0.0.1" }))
  )

/**
 * The backend and client against the real API (`AgentPhone.layerConfig()`).
 *
 * @since 0.1.0
 */
export const layerLive = Layer.merge(
  AgentPhone.layerConfig(),
  Layer.effect(
    Backend,
    Effect.map(Config.string("AGENTPHONE_BASE_URL").pipe(Config.withDefault(AgentPhone.defaultBaseUrl)), (url) => ({
      mode: "live" as const,
      description: `the AgentPhone API at ${url}`,
      callee: "",
      injectInboundSms: () =>
        Effect.fail(
          new Failure.Unsupported({ what: "cannot inject an SMS into the real API", hint: "unset AGENTPHONE_API_KEY" })
        ),
      drive: (effect) => effect
    }))
  )
)

/**
 * Whether a (non-empty) `AGENTPHONE_API_KEY` is set.
 *
 * @since 0.1.0
 */
export const hasApiKey = Config.option(Config.redacted("AGENTPHONE_API_KEY")).pipe(
  Config.map(Option.exists((key) => Redacted.value(key).trim() !== ""))
)

/**
 * Everything the scenario needs: backend, client, receiver and the HTTP client.
 *
 * @since 0.1.0
 */
export const layer = Layer.unwrapEffect(
  Effect.map(
    hasApiKey,
    (live): Layer.Layer<AgentPhone.AgentPhone | Backend, ConfigError.ConfigError | ServeError, HttpClient.HttpClient> =>
      live ? layerLive : layerSandbox()
  )
).pipe(
  Layer.merge(Receiver.layer),
  Layer.provide(UndiciHttpClient.layer)
)

/**
 * The steps to run: all of them against the sandbox; against the real API only what is free and
 * read-only, unless `--only` asks for a step explicitly.
 *
 * @since 0.1.0
 */
export const planFor = (mode: "sandbox" | "live", only: Option.Option<Steps.Step>): ReadonlyArray<Steps.Step> =>
  Option.isSome(only)
    ? Steps.plan(only.value)
    : mode === "sandbox"
    ? Steps.plan(undefined)
    : ["usage", "conversations"]

/**
 * Follow one call's transcript (`--call-id`), narrated.
 *
 * @since 0.1.0
 */
export const follow = Effect.fn("App.follow")(function*(callId: string) {
  const narrator = yield* Narrator
  const backend = yield* Backend
  yield* narrator.step(1, 1, `Follow the transcript of call ${callId}`)
  const turns = yield* narrator.spin(
    "waiting for turns until the call ends",
    backend.drive(Scenario.followTranscript(callId))
  )
  yield* narrator.ok(`call ended after ${turns.length} transcript lines`)
})

/**
 * The program for the parsed flags, against the layers it needs: narrates, and reports any
 * failure as one line with what to do (then fails with `Failure.Reported`).
 *
 * @since 0.1.0
 */
export const program = (flags: Cli.Flags) =>
  Effect.gen(function*() {
    const narrator = yield* Narrator
    const backend = yield* Backend
    yield* narrator.title("AgentPhone × Effect", `— running against ${backend.description}`)
    if (Option.isSome(flags.callId)) return yield* follow(flags.callId.value)
    if (backend.mode === "live" && Option.isNone(flags.only)) {
      yield* narrator.note("AGENTPHONE_API_KEY is set: running the free, read-only steps against your account.")
      yield* narrator.note("The full scenario buys a number and places calls, so it runs on the local sandbox only.")
    }
    yield* Scenario.run(planFor(backend.mode, flags.only))
    yield* narrator.title(
      "Done.",
      "Every step above went through the typed client, the signed webhook and the live transcript stream."
    )
  })

/**
 * The command handler: the program, with its layers, failures reported in one line.
 *
 * @since 0.1.0
 */
export const run = (flags: Cli.Flags): Effect.Effect<void, Failure.Reported, Narrator> =>
  program(flags).pipe(
    Effect.provide(layer),
    Effect.catchAll((error) =>
      Effect.flatMap(Narrator, (narrator) => {
        const { hint, what } = Failure.explain(error)
        return Effect.zipRight(narrator.fail(what, hint), Effect.fail(new Failure.Reported()))
      })
    )
  )
