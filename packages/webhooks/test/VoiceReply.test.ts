import { HttpServerResponse } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Deferred, Effect, Redacted, Stream, TestClock } from "effect"
import * as VoiceReply from "../src/VoiceReply.js"
import * as WebhookReceiver from "../src/WebhookReceiver.js"
import * as WebhookSigner from "../src/WebhookSigner.js"
import { post, serve } from "./utils/Serve.js"

const secret = Redacted.make("whsec_voice")
const now = 1772471045
const voiceTurn = (transcript: string) => ({
  event: "agent.message",
  channel: "voice",
  timestamp: "2026-03-02T17:04:05Z",
  agentId: "agent_7f3a",
  data: {
    callId: "call_1",
    numberId: "num_1",
    from: "+14155550123",
    to: "+14155550999",
    status: "in-progress",
    transcript,
    confidence: 0.93,
    direction: "inbound"
  },
  conversationState: null,
  recentHistory: []
})

/** Reads NDJSON lines from a web response body one at a time. */
const lineReader = (response: Response) => {
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let buffer = ""
  const next: Effect.Effect<unknown | undefined> = Effect.promise(async () => {
    for (;;) {
      const newline = buffer.indexOf("\n")
      if (newline >= 0) {
        const line = buffer.slice(0, newline)
        buffer = buffer.slice(newline + 1)
        return JSON.parse(line) as unknown
      }
      const { done, value } = await reader.read()
      if (done) return undefined
      buffer += decoder.decode(value, { stream: true })
    }
  })
  return { next, cancel: Effect.promise(() => reader.cancel()) }
}

const voiceServer = (reply: (transcript: string) => Effect.Effect<HttpServerResponse.HttpServerResponse>) =>
  Effect.gen(function*() {
    yield* TestClock.setTime(now * 1000)
    const app = WebhookReceiver.toHttpApp(
      { secrets: secret },
      (event) => event._tag === "VoiceMessage" ? reply(event.data.transcript) : Effect.void
    )
    return yield* serve(app)
  })

describe("VoiceReply.stream over a real server", () => {
  it.scoped("the first chunk reaches the client before the producer finishes", () =>
    Effect.gen(function*() {
      const gate = yield* Deferred.make<void>()
      const finished = yield* Deferred.make<void>()
      const producer = Stream.make("Let me check. ").pipe(
        Stream.concat(Stream.fromEffect(Effect.as(Deferred.await(gate), "Your order shipped."))),
        Stream.ensuring(Deferred.succeed(finished, undefined))
      )
      const url = yield* voiceServer(() => VoiceReply.stream(producer))
      const d = yield* WebhookSigner.sign({ secret, payload: voiceTurn("where is my order?") })
      const response = yield* post(url, d.body, { ...d.headers })
      assert.strictEqual(response.status, 200)
      assert.strictEqual(response.headers.get("content-type"), "application/x-ndjson")
      const lines = lineReader(response)

      assert.deepStrictEqual(yield* lines.next, { text: "Let me check. ", interim: true })
      // the producer is still blocked on the gate: the chunk was streamed, not buffered
      assert.isFalse(yield* Deferred.isDone(finished))

      yield* Deferred.succeed(gate, undefined)
      assert.deepStrictEqual(yield* lines.next, { text: "Your order shipped.", interim: true })
      assert.deepStrictEqual(yield* lines.next, { text: "" })
      assert.strictEqual(yield* lines.next, undefined)
      assert.isTrue(yield* Deferred.isDone(finished))
    }))

  it.scoped("the caller hanging up (connection closed) interrupts the producer", () =>
    Effect.gen(function*() {
      const interrupted = yield* Deferred.make<void>()
      const producer = Stream.make("Hello?").pipe(
        Stream.concat(Stream.fromEffect(Effect.never.pipe(
          Effect.onInterrupt(() => Deferred.succeed(interrupted, undefined))
        )))
      )
      const url = yield* voiceServer(() => VoiceReply.stream(producer))
      const d = yield* WebhookSigner.sign({ secret, payload: voiceTurn("hi") })
      const abort = new AbortController()
      const response = yield* post(url, d.body, { ...d.headers }, abort.signal)
      const lines = lineReader(response)
      assert.deepStrictEqual(yield* lines.next, { text: "Hello?", interim: true })
      abort.abort()
      yield* Deferred.await(interrupted) // never completes (test times out) if the producer leaked
    }))

  it.scoped("a failing producer closes the turn with the onError chunk instead of breaking the connection", () =>
    Effect.gen(function*() {
      const producer = Stream.make("Checking.").pipe(Stream.concat(Stream.fail(new Error("llm down"))))
      const url = yield* voiceServer(() =>
        VoiceReply.stream(producer, { onError: { text: "Sorry, let me transfer you.", action: "transfer" } })
      )
      const d = yield* WebhookSigner.sign({ secret, payload: voiceTurn("hi") })
      const lines = lineReader(yield* post(url, d.body, { ...d.headers }))
      assert.deepStrictEqual(yield* lines.next, { text: "Checking.", interim: true })
      assert.deepStrictEqual(yield* lines.next, { text: "Sorry, let me transfer you.", action: "transfer" })
      assert.strictEqual(yield* lines.next, undefined)
    }))

  it.scoped("final actions and sentence chunking", () =>
    Effect.gen(function*() {
      const tokens = Stream.make("Your ord", "er ship", "ped. It ", "arrives at 3.", "15 today! ", "Bye")
      const url = yield* voiceServer(() => VoiceReply.stream(tokens, { chunking: "sentence", final: { hangup: true } }))
      const d = yield* WebhookSigner.sign({ secret, payload: voiceTurn("hi") })
      const lines = lineReader(yield* post(url, d.body, { ...d.headers }))
      const all: Array<unknown> = []
      for (let line = yield* lines.next; line !== undefined; line = yield* lines.next) all.push(line)
      assert.deepStrictEqual(all, [
        { text: "Your order shipped. ", interim: true },
        { text: "It arrives at 3.15 today! ", interim: true },
        { text: "Bye", interim: true },
        { text: "", hangup: true }
      ])
    }))

  it.scoped("VoiceReply.ndjson passes chunks through as given", () =>
    Effect.gen(function*() {
      const url = yield* voiceServer(() =>
        VoiceReply.ndjson(Stream.make({ text: "One moment.", interim: true }, { digits: "1*#" }))
      )
      const d = yield* WebhookSigner.sign({ secret, payload: voiceTurn("press one") })
      const response = yield* post(url, d.body, { ...d.headers })
      assert.strictEqual(
        yield* Effect.promise(() => response.text()),
        "{\"text\":\"One moment.\",\"interim\":true}\n{\"digits\":\"1*#\"}\n"
      )
    }))
})

describe("VoiceReply one-shot JSON", () => {
  const bodyOf = (response: HttpServerResponse.HttpServerResponse) =>
    response.body._tag === "Uint8Array" ? JSON.parse(new TextDecoder().decode(response.body.body)) : undefined

  it("say, hangup, transfer, pressDigits, json", () => {
    assert.deepStrictEqual(bodyOf(VoiceReply.say("Hi there")), { text: "Hi there" })
    assert.deepStrictEqual(bodyOf(VoiceReply.hangup("Goodbye!")), { text: "Goodbye!", hangup: true })
    assert.deepStrictEqual(bodyOf(VoiceReply.hangup()), { hangup: true })
    assert.deepStrictEqual(bodyOf(VoiceReply.transfer("Connecting you.")), {
      text: "Connecting you.",
      action: "transfer"
    })
    assert.deepStrictEqual(bodyOf(VoiceReply.pressDigits("1*#")), { digits: "1*#" })
    assert.deepStrictEqual(bodyOf(VoiceReply.json({ text: "x", action: "hangup" })), { text: "x", action: "hangup" })
    const response = VoiceReply.say("x")
    assert.strictEqual(response.body._tag === "Uint8Array" && response.body.contentType, "application/json")
  })

  it("splitSentences keeps unfinished sentences and decimals", () => {
    assert.deepStrictEqual(VoiceReply.splitSentences("Hi. How are"), [["Hi. "], "How are"])
    assert.deepStrictEqual(VoiceReply.splitSentences("Pi is 3."), [[], "Pi is 3."])
    assert.deepStrictEqual(VoiceReply.splitSentences("Done! \"Yes.\" Ok"), [["Done! ", "\"Yes.\" "], "Ok"])
  })
})
