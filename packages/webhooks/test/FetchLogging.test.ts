import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Logger, ManagedRuntime, Redacted } from "effect"
import * as WebhookReceiver from "../src/WebhookReceiver.js"
import * as WebhookSigner from "../src/WebhookSigner.js"

const secretText = "whsec_LOGCHECK_5e1a9d3c7b"
const secret = Redacted.make(secretText)
const payload = { event: "agent.message", channel: "sms", data: { from: "+1", to: "+2", direction: "inbound" } }

/** A logger that keeps every line (message and annotations, logfmt). */
const capture = () => {
  const lines: Array<string> = []
  const logger = Logger.make((options) => void lines.push(Logger.logfmtLogger.log(options)))
  return { lines, layer: Logger.replace(Logger.defaultLogger, logger) }
}

const handler: WebhookReceiver.Handler<never, never> = (event, delivery) =>
  Effect.log(`handled ${event._tag} ${delivery.id}`)

/** One good delivery and one forged one through `handle`; returns the statuses. */
const exercise = (handle: (request: Request) => Promise<Response>) =>
  Effect.promise(async () => {
    const now = Math.floor(Date.now() / 1000)
    const good = WebhookSigner.signAt({ secret, payload, timestamp: now, id: "wh_logged" })
    const forged = WebhookSigner.signAt({ secret: Redacted.make("whsec_forger"), payload, timestamp: now })
    const a = await handle(WebhookSigner.toRequest("http://localhost/hooks", good))
    const b = await handle(WebhookSigner.toRequest("http://localhost/hooks", forged))
    return [a.status, b.status]
  })

const check = (lines: ReadonlyArray<string>) => {
  const all = lines.join("\n")
  assert.include(all, "handled Message wh_logged")
  assert.include(all, "webhookId=wh_logged") // the receiver's annotations reach the user's logger
  assert.include(all, "webhook delivery refused: signature_mismatch")
  assert.notInclude(all, secretText)
  assert.notInclude(all, secretText.slice(-10))
}

describe("the Fetch adapters log through the logger the user supplies", () => {
  it.live("makeFetchHandler: the runtime of the calling Effect", () =>
    Effect.gen(function*() {
      const { layer, lines } = capture()
      const statuses = yield* Effect.flatMap(WebhookReceiver.makeFetchHandler({ secrets: secret }, handler), exercise)
        .pipe(Effect.provide(layer))
      assert.deepStrictEqual(statuses, [200, 401])
      check(lines)
    }))

  it.live("toFetchHandler with a ManagedRuntime", () =>
    Effect.gen(function*() {
      const { layer, lines } = capture()
      const runtime = ManagedRuntime.make(layer)
      yield* Effect.addFinalizer(() => Effect.promise(() => runtime.dispose()))
      const statuses = yield* exercise(WebhookReceiver.toFetchHandler({ secrets: secret }, handler, runtime))
      assert.deepStrictEqual(statuses, [200, 401])
      check(lines)
    }).pipe(Effect.scoped))

  it.live("toFetchHandlerLayer", () =>
    Effect.gen(function*() {
      const { layer, lines } = capture()
      const web = WebhookReceiver.toFetchHandlerLayer({ secrets: secret }, handler, Layer.merge(layer, Layer.empty))
      const statuses = yield* exercise(web.handler)
      yield* Effect.promise(web.dispose)
      assert.deepStrictEqual(statuses, [200, 401])
      check(lines)
    }))
})
