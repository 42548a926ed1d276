import { assert, describe, it } from "@effect/vitest"
import { Effect, Redacted, Ref, TestClock } from "effect"
import * as WebhookReceiver from "../src/WebhookReceiver.js"
import * as WebhookSigner from "../src/WebhookSigner.js"
import { json, post, postOpenBody, serve } from "./utils/Serve.js"

const secret = Redacted.make("whsec_test_limit")
const now = 1772471045
const payload = { event: "agent.message", channel: "sms", data: { from: "+1", to: "+2", direction: "inbound" } }
const maxBodyBytes = 1024

const receiver = Effect.gen(function*() {
  const runs = yield* Ref.make(0)
  const app = WebhookReceiver.toHttpApp({ secrets: secret, maxBodyBytes }, () => Ref.update(runs, (n) => n + 1))
  return { runs: Ref.get(runs), url: yield* serve(app) }
})

const tooLarge = (response: { readonly status: number; readonly text: string }) => {
  assert.strictEqual(response.status, 413)
  const body = JSON.parse(response.text) as Record<string, unknown>
  assert.strictEqual(body.error, "BodyTooLargeError")
  assert.strictEqual(body.reason, "body_too_large")
  assert.include(String(body.message), "1024 bytes")
}

describe("WebhookReceiver body limit over a real server on 127.0.0.1", () => {
  it.scoped("a Content-Length above the limit is refused with 413 before the body arrives", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now * 1000)
      const { runs, url } = yield* receiver
      const d = WebhookSigner.signAt({ secret, payload, timestamp: now })
      // 10 MB announced, 100 bytes sent, the body left open: only an up-front refusal can answer.
      const response = yield* postOpenBody(url, { ...d.headers, "content-length": "10000000" }, ["x".repeat(100)])
      tooLarge(response)
      assert.strictEqual(response.connection, "close")
      assert.strictEqual(yield* runs, 0)
    }))

  it.scoped("a limit that is not a number of bytes (NaN, negative) is the default, never none", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now * 1000)
      const d = WebhookSigner.signAt({ secret, payload, timestamp: now })
      for (const invalid of [NaN, -1]) {
        const app = WebhookReceiver.toHttpApp({ secrets: secret, maxBodyBytes: invalid }, () => Effect.void)
        const url = yield* serve(app)
        const over = WebhookReceiver.defaultMaxBodyBytes + 1
        const response = yield* postOpenBody(url, { ...d.headers, "content-length": String(over) }, ["x"])
        assert.strictEqual(response.status, 413)
        assert.include(response.text, `${WebhookReceiver.defaultMaxBodyBytes} bytes`)
      }
    }))

  it.scoped("a chunked body is read only up to the limit, then refused with 413", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now * 1000)
      const { runs, url } = yield* receiver
      const d = WebhookSigner.signAt({ secret, payload, timestamp: now })
      // No Content-Length (chunked), 4 KB written and the body never finished: the server must stop
      // at the limit on its own.
      const chunk = new Uint8Array(512).fill(0x20)
      const response = yield* postOpenBody(url, { ...d.headers, "transfer-encoding": "chunked" }, Array(8).fill(chunk))
      tooLarge(response)
      assert.strictEqual(yield* runs, 0)
    }))

  it.scoped("a body of exactly the limit is accepted; one byte more is refused", () =>
    Effect.gen(function*() {
      yield* TestClock.setTime(now * 1000)
      const { runs, url } = yield* receiver
      const padded = { ...payload, pad: "" }
      const fit = WebhookSigner.signAt({ secret, payload: padded, timestamp: now })
      padded.pad = " ".repeat(maxBodyBytes - fit.body.length)
      const exact = WebhookSigner.signAt({ secret, payload: padded, timestamp: now, id: "wh_exact" })
      assert.strictEqual(exact.body.length, maxBodyBytes)
      assert.strictEqual((yield* post(url, exact.body, { ...exact.headers })).status, 200)
      assert.strictEqual(yield* runs, 1)
      padded.pad += " "
      const over = WebhookSigner.signAt({ secret, payload: padded, timestamp: now, id: "wh_over" })
      const response = yield* post(url, over.body, { ...over.headers })
      assert.strictEqual(response.status, 413)
      assert.strictEqual((yield* json(response)).reason, "body_too_large")
      assert.strictEqual(yield* runs, 1)
    }))
})

describe("WebhookReceiver.toFetchHandler body limit", () => {
  it.live("an endless streamed body is read only up to the limit, then refused with 413", () =>
    Effect.gen(function*() {
      let runs = 0
      const handler = WebhookReceiver.toFetchHandler({ secrets: secret, maxBodyBytes }, () =>
        Effect.sync(() => void runs++))
      const d = WebhookSigner.signAt({ secret, payload, timestamp: Math.floor(Date.now() / 1000) })
      let produced = 0
      const endless = new ReadableStream<Uint8Array>({
        pull: (controller) => {
          produced += 256
          controller.enqueue(new Uint8Array(256).fill(0x20))
        }
      }, { highWaterMark: 0 })
      // `duplex` is required by undici for a stream body (missing from the DOM RequestInit type).
      const init: RequestInit & { readonly duplex: "half" } = {
        method: "POST",
        headers: d.headers,
        body: endless,
        duplex: "half"
      }
      const response = yield* Effect.promise(() =>
        handler(new Request("http://localhost/", init))
      )
      assert.strictEqual(response.status, 413)
      assert.strictEqual((yield* json(response)).reason, "body_too_large")
      assert.strictEqual(runs, 0)
      assert.isAtMost(produced, 2 * maxBodyBytes)
    }))

  it.live("an empty body with valid headers is a signature mismatch, not a read error", () =>
    Effect.gen(function*() {
      const handler = WebhookReceiver.toFetchHandler({ secrets: secret }, () => Effect.void)
      const d = WebhookSigner.signAt({ secret, payload, timestamp: Math.floor(Date.now() / 1000) })
      const response = yield* Effect.promise(() =>
        handler(new Request("http://localhost/", { method: "POST", headers: d.headers }))
      )
      assert.strictEqual(response.status, 401)
      assert.strictEqual((yield* json(response)).reason, "signature_mismatch")
    }))
})
