// agentphone-effect (this repo's @agentphone-effect/core, built dist) with its defaults: retries on
// (idempotent methods), 60 s timeout per attempt, one span per call. Over undici and over fetch.
// Calls run through a ManagedRuntime (runPromise per call); throughput runs stay inside Effect
// (one runPromise, n requests, `concurrency` fibers), as the harness's adapter notes ask.
//
// Before/after: set AGENTPHONE_BENCH_CORE_BEFORE to another build of core (its dist/index.js, e.g.
// `tsc -p packages/core/tsconfig.build.json --outDir dist-before` on an older commit) to add
// "ape-undici-before" and "ape-fetch-before", measured in the same run.
import * as Core from "@agentphone-effect/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { pathToFileURL } from "node:url"

// Until the messages group lands in core, send through `ap.call` with the official row's shape.
const sendMessageRow = (Endpoint) =>
  Endpoint.make("POST", "/v1/messages", {
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

async function promiseClient(httpLayer, { baseUrl, token }, { AgentPhone, Endpoint } = Core) {
  const row = sendMessageRow(Endpoint)
  const runtime = ManagedRuntime.make(
    AgentPhone.layer({ apiKey: Redacted.make(token), baseUrl }).pipe(Layer.provide(httpLayer))
  )
  const ap = await runtime.runPromise(AgentPhone.AgentPhone)
  const send = ap.messages?.sendMessage
    ? (req) => ap.messages.sendMessage(req)
    : (req) => ap.call(row, req)
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

const contenders = [
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

const before = process.env.AGENTPHONE_BENCH_CORE_BEFORE
if (before) {
  for (const c of [...contenders]) {
    contenders.push({
      name: `${c.name}-before`,
      description: `${c.description}; core from ${before}`,
      async create(opts) {
        const Old = await import(pathToFileURL(before).href)
        const [NodeHttpClient, FetchHttpClient] = await Promise.all([
          import("@effect/platform-node/NodeHttpClient"),
          import("@effect/platform/FetchHttpClient")
        ])
        const layer = c.name === "ape-undici" ? NodeHttpClient.layerUndici : FetchHttpClient.layer
        return promiseClient(layer, opts, Old)
      }
    })
  }
}

export default contenders
