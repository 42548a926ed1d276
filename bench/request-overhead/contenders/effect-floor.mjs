// The floor of any Effect SDK over undici, as the harness runs Effect SDKs (a ManagedRuntime,
// runPromise per call; n calls as one Effect.replicateEffect with `concurrency` fibers): undici.request
// + body.json() inside Effect.tryPromise, nothing else — no HttpClient, no validation, no retries,
// timeout or spans. What is left between this and raw-undici is the cost of running each request
// as an Effect on a fiber of its own; an SDK cannot spend less than this.
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { Agent, request } from "undici"

export default {
  name: "effect-floor",
  description: "undici.request + body.json() in Effect.tryPromise, one fiber per request (no HttpClient, no decode)",
  async create({ baseUrl, token }) {
    const dispatcher = new Agent()
    const runtime = ManagedRuntime.make(Layer.empty)
    const headers = { authorization: `Bearer ${token}`, accept: "application/json" }
    const listUrl = `${baseUrl}/v1/contacts`
    const sendUrl = `${baseUrl}/v1/messages`
    const call = (url, init, read) =>
      Effect.tryPromise(async () => {
        const res = await request(url, { dispatcher, ...init })
        if (res.statusCode < 200 || res.statusCode >= 300) {
          await res.body.dump()
          throw new Error(`HTTP ${res.statusCode}`)
        }
        return read(await res.body.json())
      })
    const list = call(listUrl, { headers }, (json) => json.data.length)
    const send = (body) =>
      call(
        sendUrl,
        { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) },
        (json) => json.to_number
      )
    const SEND = { body: "hi", to_number: "+14155550123" }
    return {
      listContacts: () => runtime.runPromise(list),
      sendMessage: (body) => runtime.runPromise(send(body)),
      runMany: (op, n, concurrency) =>
        runtime.runPromise(
          Effect.replicateEffect(op === "list" ? list : Effect.suspend(() => send(SEND)), n, {
            concurrency,
            discard: true
          })
        ),
      close: async () => {
        await runtime.dispose()
        await dispatcher.close()
      }
    }
  }
}
