import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, ManagedRuntime, Redacted, Ref, TestClock } from "effect"
import * as DeliveryStore from "../src/DeliveryStore.js"
import * as WebhookEvent from "../src/WebhookEvent.js"
import * as WebhookReceiver from "../src/WebhookReceiver.js"
import * as WebhookSigner from "../src/WebhookSigner.js"
import fixture from "./fixtures/vectors.json" with { type: "json" }
import { json, post, serve } from "./utils/Serve.js"

const secret = Redacted.make("whsec_test_receiver")
const now = 1772471045
const sms = JSON.parse(fixture.vectors.find((v) => v.id === "valid-sms-message")!.body) as Record<string, unknown>

/** A receiver that counts handler runs and records the events it saw. */
const counting = (options?: Partial<WebhookReceiver.Options>) =>
  Effect.gen(function*() {
    const seen = yield* Ref.make<ReadonlyArray<WebhookEvent.WebhookEvent>>([])
    const app = WebhookReceiver.toHttpApp({ secrets: secret, ...options }, (event) =>
      Ref.update(seen, (xs) => [...xs, event]))
    const url = `${yield* serve(app)}/webhooks`
    return {
      url,
      runs: Effect.map(Ref.get(seen), (xs) =>
        xs.length),
      seen: Ref.get(seen)
    }
  })

describe("WebhookReceiver.toHttpApp over a real server on 127.0.0.1", () => {
  it.scoped("a valid delivery runs the handler once; a replayed id does not run it again", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now * 1000)
      const { runs, seen, url } = yield* counting()
      const delivery = yield* WebhookSigner.sign({ secret, payload: sms, id: "wh_once" })

      const first = yield* post(url, delivery.body, { ...delivery.headers })
      assert.strictEqual(first.status, 200)
      assert.strictEqual(yield* runs, 1)
      const [event] = yield* seen
      assert.strictEqual(event._tag, "Message")
      assert.strictEqual(event._tag === "Message" && event.data.message, "Is my order on its way?")

      const replay = yield* post(url, delivery.body, { ...delivery.headers })
      assert.strictEqual(replay.status, 200)
      assert.deepStrictEqual(yield* json(replay), { duplicate: true })
      assert.strictEqual(yield* runs, 1)

      // the same body under a new id is a new delivery
      const again = yield* WebhookSigner.sign({ secret, payload: sms, id: "wh_other" })
      assert.strictEqual((yield* post(url, again.body, { ...again.headers })).status, 200)
      assert.strictEqual(yield* runs, 2)
    }))

  const refusals: ReadonlyArray<{
    readonly name: string
    readonly tamper: (d: WebhookSigner.SignedDelivery) => WebhookSigner.SignedDelivery
    readonly status: number
    readonly reason: string
  }> = [
    {
      name: "a tampered body",
      tamper: (d) => ({ ...d, body: d.body.replace("Is my order", "Was my order") }),
      status: 401,
      reason: "signature_mismatch"
    },
    {
      name: "a stale timestamp",
      tamper: () => WebhookSigner.signAt({ secret, payload: sms, timestamp: now - 301 }),
      status: 401,
      reason: "timestamp_too_old"
    },
    {
      name: "a timestamp too far in the future",
      tamper: () => WebhookSigner.signAt({ secret, payload: sms, timestamp: now + 301 }),
      status: 401,
      reason: "timestamp_too_new"
    },
    {
      name: "a missing signature header",
      tamper: (d) => {
        const { "x-webhook-signature": _, ...headers } = d.headers
        return { ...d, headers }
      },
      status: 401,
      reason: "missing_header"
    },
    {
      name: "a missing timestamp header",
      tamper: (d) => {
        const { "x-webhook-timestamp": _, ...headers } = d.headers
        return { ...d, headers }
      },
      status: 401,
      reason: "missing_header"
    },
    {
      name: "a malformed signature",
      tamper: (d) => ({ ...d, headers: { ...d.headers, "x-webhook-signature": "sha256=zz" } }),
      status: 401,
      reason: "malformed_signature"
    },
    {
      name: "a wrong secret",
      tamper: () => WebhookSigner.signAt({ secret: Redacted.make("whsec_other"), payload: sms, timestamp: now }),
      status: 401,
      reason: "signature_mismatch"
    },
    {
      name: "an authentic body that is not JSON",
      tamper: () => WebhookSigner.signAt({ secret, payload: "{not json", timestamp: now }),
      status: 400,
      reason: "undecodable_body"
    },
    {
      name: "an authentic known event that breaks its shape",
      tamper: () =>
        WebhookSigner.signAt({ secret, payload: { event: "agent.call_ended", data: { nope: 1 } }, timestamp: now }),
      status: 400,
      reason: "undecodable_body"
    }
  ]

  for (const c of refusals) {
    it.scoped(`${c.name} gets ${c.status} ${c.reason} and does not run the handler`, () =>
      Effect.gen(function*() {
        yield* TestClock.setTime(now * 1000)
        const { runs, url } = yield* counting()
        const delivery = c.tamper(yield* WebhookSigner.sign({ secret, payload: sms }))
        const response = yield* post(url, delivery.body, { ...delivery.headers })
        assert.strictEqual(response.status, c.status)
        const body = yield* json(response)
        assert.strictEqual(body.reason, c.reason)
        assert.isString(body.message)
        assert.notInclude(JSON.stringify(body), "whsec_")
        assert.notInclude(JSON.stringify(body), "    at ")
        assert.strictEqual(yield* runs, 0)
      }))
  }

  it.scoped("a failing handler answers 500 without a stack trace, and the retry runs it again", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now * 1000)
      const attempts = yield* Ref.make(0)
      const app = WebhookReceiver.toHttpApp(
        { secrets: secret },
        () =>
          Effect.flatMap(
            Ref.updateAndGet(attempts, (n) => n + 1),
            (n) => n === 1 ? Effect.fail(new Error("database down at /srv/app.js:12")) : Effect.void
          )
      )
      const url = yield* serve(app)
      const delivery = yield* WebhookSigner.sign({ secret, payload: sms, id: "wh_retry" })
      const failed = yield* post(url, delivery.body, { ...delivery.headers })
      assert.strictEqual(failed.status, 500)
      const text = yield* Effect.promise(() => failed.text())
      assert.notInclude(text, "database down")
      assert.notInclude(text, "app.js")
      const retried = yield* post(url, delivery.body, { ...delivery.headers })
      assert.strictEqual(retried.status, 200)
      assert.strictEqual(yield* Ref.get(attempts), 2)
      const third = yield* post(url, delivery.body, { ...delivery.headers })
      assert.deepStrictEqual(yield* json(third), { duplicate: true })
      assert.strictEqual(yield* Ref.get(attempts), 2)
    }))

  it.scoped("rotation: deliveries signed with either configured secret are accepted", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now * 1000)
      const older = Redacted.make("whsec_old")
      const { runs, url } = yield* counting({ secrets: [secret, older] })
      for (const s of [secret, older]) {
        const d = yield* WebhookSigner.sign({ secret: s, payload: sms })
        assert.strictEqual((yield* post(url, d.body, { ...d.headers })).status, 200)
      }
      assert.strictEqual(yield* runs, 2)
    }))

  it.scoped("dedupe: false runs every delivery; a provided DeliveryStore is used", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now * 1000)
      const off = yield* counting({ dedupe: false })
      const d = yield* WebhookSigner.sign({ secret, payload: sms, id: "wh_same" })
      yield* post(off.url, d.body, { ...d.headers })
      yield* post(off.url, d.body, { ...d.headers })
      assert.strictEqual(yield* off.runs, 2)

      const claims = yield* Ref.make<ReadonlyArray<string>>([])
      const store: DeliveryStore.Service = {
        claim: (id) => Effect.as(Ref.update(claims, (xs) => [...xs, id]), "Duplicate" as const),
        complete: () => Effect.void,
        release: () => Effect.void
      }
      const runs = yield* Ref.make(0)
      const app = WebhookReceiver.toHttpApp({ secrets: secret }, () => Ref.update(runs, (n) => n + 1)).pipe(
        Effect.provideService(DeliveryStore.DeliveryStore, store)
      )
      const url = yield* serve(app)
      const response = yield* post(url, d.body, { ...d.headers })
      assert.deepStrictEqual(yield* json(response), { duplicate: true })
      assert.deepStrictEqual(yield* Ref.get(claims), ["wh_same"])
      assert.strictEqual(yield* Ref.get(runs), 0)
    }))
})

describe("WebhookReceiver.toFetchHandler", () => {
  it.live("verifies, dedupes and answers with web Responses", () =>
    Effect.gen(function*() {
      let runs = 0
      const handler = WebhookReceiver.toFetchHandler({ secrets: secret }, () => Effect.sync(() => void runs++))
      const d = yield* WebhookSigner.sign({ secret, payload: sms, id: "wh_fetch" })
      const request = () => WebhookSigner.toRequest("http://localhost/webhooks", d)
      const first = yield* Effect.promise(() => handler(request()))
      assert.strictEqual(first.status, 200)
      const second = yield* Effect.promise(() => handler(request()))
      assert.deepStrictEqual(yield* json(second), { duplicate: true })
      assert.strictEqual(runs, 1)
      const tampered = yield* Effect.promise(() =>
        handler(new Request("http://localhost/webhooks", { method: "POST", body: d.body + " ", headers: d.headers }))
      )
      assert.strictEqual(tampered.status, 401)
      assert.strictEqual((yield* json(tampered)).reason, "signature_mismatch")
      assert.strictEqual(runs, 1)
    }))

  it.live("runs the handler with services from a ManagedRuntime", () =>
    Effect.gen(function*() {
      const runtime = ManagedRuntime.make(DeliveryStore.layerMemory({ capacity: 10 }))
      yield* Effect.addFinalizer(() => Effect.promise(() => runtime.dispose()))
      const handler = WebhookReceiver.toFetchHandler(
        { secrets: secret },
        (event) => Effect.map(DeliveryStore.DeliveryStore, () => void event),
        runtime
      )
      const d = yield* WebhookSigner.sign({ secret, payload: sms })
      const response = yield* Effect.promise(() => handler(WebhookSigner.toRequest("http://localhost/", d)))
      assert.strictEqual(response.status, 200)
    }).pipe(Effect.scoped))

  it.live("toFetchHandlerLayer provides the layer and disposes", () =>
    Effect.gen(function*() {
      const { dispose, handler } = WebhookReceiver.toFetchHandlerLayer(
        { secrets: secret },
        () => Effect.void,
        Layer.merge(DeliveryStore.layerMemory(), Layer.empty)
      )
      const d = yield* WebhookSigner.sign({ secret, payload: sms })
      const response = yield* Effect.promise(() => handler(WebhookSigner.toRequest("http://localhost/", d)))
      assert.strictEqual(response.status, 200)
      yield* Effect.promise(dispose)
    }))
})
