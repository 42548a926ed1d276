// agentphone-effect (this repo's @agentphone-effect/core, built dist) with its defaults: retries on
// (idempotent methods), 60 s timeout per attempt, one span per call. Over undici and over fetch.
// Calls run through a ManagedRuntime (runPromise per call); throughput runs stay inside Effect
// (one runPromise, n requests, `concurrency` fibers), as the harness's adapter notes ask.
import { AgentPhone, Endpoint } from "@agentphone-effect/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"

// Until the messages group lands in core, send through `ap.call` with the official row's shape.
const sendMessageRow = Endpoint.make("POST", "/v1/messages", {
  name: "messages.sendMessage",
  request: Schema.Struct({
    body: Schema.String,
    to_number: Schema.String,
    agent_id: Schema.optional(Schema.String),
    media_urls: Schema.optional(Schema.Array(Schema.String))
  }),
  response: Endpoint.json(Schema.Struct({
    id: Schema.String,
    status: Schema.String,
    channel: Schema.String,
    from_number: Schema.String,
    to_number: Schema.String,
    conversation_id: Schema.optional(Schema.NullOr(Schema.String)),
    media_urls: Schema.optional(Schema.Array(Schema.String))
  }))
})

const SEND = { body: "hi", to_number: "+14155550123" }

async function promiseClient(httpLayer, { baseUrl, token }) {
  const runtime = ManagedRuntime.make(
    AgentPhone.layer({ apiKey: Redacted.make(token), baseUrl }).pipe(Layer.provide(httpLayer))
  )
  const ap = await runtime.runPromise(AgentPhone.AgentPhone)
  const send = ap.messages?.sendMessage
    ? (req) => ap.messages.sendMessage(req)
    : (req) => ap.call(sendMessageRow, req)
  const list = Effect.map(Effect.suspend(() => ap.contacts.listContacts()), (l) => l.data.length)
  return {
    listContacts: () => runtime.runPromise(list),
    sendMessage: (body) => runtime.runPromise(Effect.map(send(body), (r) => r.to_number)),
    runMany: (op, n, concurrency) =>
      runtime.runPromise(
        Effect.replicateEffect(op === "list" ? list : Effect.suspend(() => send(SEND)), n, {
          concurrency,
          discard: true
        })
      ),
    close: () => runtime.dispose()
  }
}

export default [
  {
    name: "ape-undici",
    description: "agentphone-effect + NodeHttpClient.layerUndici (defaults: retries, timeout, spans)",
    async create(opts) {
      const NodeHttpClient = await import("@effect/platform-node/NodeHttpClient")
      return promiseClient(NodeHttpClient.layerUndici, opts)
    }
  },
  {
    name: "ape-fetch",
    description: "agentphone-effect + FetchHttpClient.layer (defaults: retries, timeout, spans)",
    async create(opts) {
      const FetchHttpClient = await import("@effect/platform/FetchHttpClient")
      return promiseClient(FetchHttpClient.layer, opts)
    }
  }
]
