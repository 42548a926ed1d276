// agentphone-effect (this repo's @agentphone-effect/core, built dist) with its defaults: retries on
// (idempotent methods), 60 s timeout per attempt, one span per call. Over undici and over fetch.
// Calls run through a ManagedRuntime (runPromise per call); throughput runs stay inside Effect
// (one runPromise, n requests, `concurrency` fibers), as the harness's adapter notes ask.
//
// Before/after: set AGENTPHONE_BENCH_CORE_BEFORE to another build of core (its dist/index.js, e.g.
// `tsc -p packages/core/tsconfig.build.json --outDir dist-before` on an older commit) to add
// "ape-undici-before", "ape-node-before" and "ape-fetch-before", measured in the same run.
// "ape-node" is the same SDK with its defaults over @agentphone-effect/node's lean undici HttpClient
// (UndiciHttpClient.layer) instead of the platform's NodeHttpClient.layerUndici.
// "ape-fetch-transport" is the same over core's FetchTransport.layer (fetch, each attempt's deadline
// aborting it on the caller's fiber) instead of the platform's FetchHttpClient.layer.
// "ape-undici-bare" and "ape-node-bare" turn the defaults off (no retries, no timeout, tracing
// disabled): the difference to "ape-undici" / "ape-node" is what they cost.
import * as Core from "@agentphone-effect/core"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"
import { pathToFileURL } from "node:url"

const SEND = { body: "hi", to_number: "+14155550123" }

async function promiseClient(
  httpLayer,
  { baseUrl, token },
  { AgentPhone } = Core,
  { options = {}, tracer = true } = {}
) {
  const runtime = ManagedRuntime.make(
    Layer.mergeAll(
      AgentPhone.layer({ apiKey: Redacted.make(token), baseUrl, ...options }).pipe(Layer.provide(httpLayer)),
      Layer.setTracerEnabled(tracer)
    )
  )
  const ap = await runtime.runPromise(AgentPhone.AgentPhone)
  const send = (req) => ap.messages.sendMessage(req)
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
    name: "ape-node",
    description:
      "agentphone-effect + @agentphone-effect/node UndiciHttpClient.layer (defaults: retries, timeout, spans)",
    async create(opts) {
      const { UndiciHttpClient } = await import("@agentphone-effect/node")
      return promiseClient(UndiciHttpClient.layer, opts)
    }
  },
  {
    name: "ape-undici-bare",
    description:
      "agentphone-effect + NodeHttpClient.layerUndici, no retries, no timeout, tracing off (what the defaults cost)",
    async create(opts) {
      const NodeHttpClient = await import("@effect/platform-node/NodeHttpClient")
      return promiseClient(NodeHttpClient.layerUndici, opts, Core, {
        options: { retry: false, timeout: Duration.infinity },
        tracer: false
      })
    }
  },
  {
    name: "ape-node-bare",
    description:
      "agentphone-effect + @agentphone-effect/node UndiciHttpClient.layer, no retries, no timeout, tracing off (what the defaults cost)",
    async create(opts) {
      const { UndiciHttpClient } = await import("@agentphone-effect/node")
      return promiseClient(UndiciHttpClient.layer, opts, Core, {
        options: { retry: false, timeout: Duration.infinity },
        tracer: false
      })
    }
  },
  {
    name: "ape-fetch",
    description: "agentphone-effect + FetchHttpClient.layer (defaults: retries, timeout, spans)",
    async create(opts) {
      const FetchHttpClient = await import("@effect/platform/FetchHttpClient")
      return promiseClient(FetchHttpClient.layer, opts)
    }
  },
  {
    name: "ape-fetch-transport",
    description:
      "agentphone-effect + core's FetchTransport.layer (fetch under an Abort: no fiber per attempt; defaults: retries, timeout, spans)",
    async create(opts) {
      return promiseClient(Core.FetchTransport.layer, opts)
    }
  }
]

const before = process.env.AGENTPHONE_BENCH_CORE_BEFORE
const layers = {
  "ape-undici": async () => (await import("@effect/platform-node/NodeHttpClient")).layerUndici,
  "ape-node": async () => (await import("@agentphone-effect/node")).UndiciHttpClient.layer,
  "ape-fetch": async () => (await import("@effect/platform/FetchHttpClient")).layer
}
if (before) {
  for (const c of contenders.filter((c) => c.name in layers)) {
    contenders.push({
      name: `${c.name}-before`,
      description: `${c.description}; core from ${before}`,
      async create(opts) {
        const [Old, layer] = await Promise.all([import(pathToFileURL(before).href), layers[c.name]()])
        return promiseClient(layer, opts, Old)
      }
    })
  }
}

export default contenders
