// Response decoding in core, as ratios measured in the same run.
//
//   pnpm bench            (from packages/core, or the root `pnpm bench`)
//   pnpm bench --quick    (CI smoke: fewer rounds and iterations)
//
// The body is the request-overhead list: a ContactListResponse of 20 contacts (~4.5 KB JSON).
//
//   JSON.parse            baseline: JSON.parse of the body text
//   decode/schema         the body decoded by Effect's Schema decoder, as a row did before the
//                         compiled decoder (safe JSON parse, then `onExcessProperty: "preserve"`)
//   decode                `Contacts.listContacts.decode(text)`: what a call runs (the compiled decoder
//                         of internal/fastDecode, same values as the Schema decoder)
//   request/schema        one `listContacts` call over an in-memory HttpClient answering the body,
//                         through a row whose schema the compiler declines (so the Schema decoder)
//   request               one `Contacts.listContacts()` call over the same in-memory HttpClient
//
// Timing: the machine may be shared, so each round runs every contender back to back (rotating the
// order) and measures process CPU time (process.cpuUsage); a ratio is taken within each round
// (contender / JSON.parse in that round) and the table shows the median ratio over rounds and its
// min..max, and the median CPU µs per operation. Requests run one after another in one fiber.
import { AgentPhoneClient, Contacts, Endpoint, Model } from "@agentphone-effect/core"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { Effect, Either, Layer, ManagedRuntime, Redacted, Schema } from "effect"
import fs from "node:fs"
import os from "node:os"
import { contacts } from "../../../bench/lib/fixtures.mjs"

const quick = process.argv.includes("--quick")
const rounds = quick ? 3 : 11
const perRound = quick ? 300 : 3_000

const text = JSON.stringify(contacts(20))

// The Schema decoder, as rows ran it before: a parse-options annotation makes the compiler decline
// (same options, so the same Schema behaviour).
const SchemaOnly = Contacts.ContactListResponse.annotations({ parseOptions: { onExcessProperty: "preserve" } })
const schemaRow = Endpoint.make("GET", "/v1/contacts", {
  name: "contacts.listContacts",
  request: Contacts.ListContactsRequest,
  query: ["limit", "offset"],
  response: Endpoint.json(SchemaOnly)
})
const parseJsonText = Schema.decodeUnknownEither(Model.JsonText)
const schemaDecode = Schema.decodeUnknownEither(Contacts.ContactListResponse, { onExcessProperty: "preserve" })

const http = HttpClient.make((request) =>
  Effect.sync(() =>
    HttpClientResponse.fromWeb(
      request,
      new Response(text, { status: 200, headers: { "content-type": "application/json" } })
    )
  )
)
const runtime = ManagedRuntime.make(
  AgentPhoneClient.layer({ apiKey: Redacted.make("sk_bench"), baseUrl: "http://127.0.0.1:1" }).pipe(
    Layer.provide(Layer.succeed(HttpClient.HttpClient, http))
  )
)
const requests = (call) => (n) =>
  runtime.runPromise(Effect.gen(function*() {
    for (let i = 0; i < n; i++) {
      const page = yield* call()
      if (page.data.length !== 20) throw new Error("bad page")
    }
  }))

let sink = 0
const contenders = [
  {
    name: "JSON.parse",
    run: (n) => {
      for (let i = 0; i < n; i++) sink += JSON.parse(text).data.length
    }
  },
  {
    name: "decode/schema",
    run: (n) => {
      for (let i = 0; i < n; i++) {
        const json = parseJsonText(text)
        const out = schemaDecode(Either.getOrThrow(json))
        sink += Either.getOrThrow(out).data.length
      }
    }
  },
  {
    name: "decode",
    run: (n) => {
      for (let i = 0; i < n; i++) sink += Either.getOrThrow(Contacts.listContacts.decode(text)).data.length
    }
  },
  { name: "request/schema", run: requests(() => schemaRow({})), perRound: Math.ceil(perRound / 4) },
  { name: "request", run: requests(() => Contacts.listContacts()), perRound: Math.ceil(perRound / 4) }
]

// Both paths must give the same value (the property tests prove it in general).
const a = Either.getOrThrow(Contacts.listContacts.decode(text))
const b = Either.getOrThrow(schemaDecode(JSON.parse(text)))
if (!(a instanceof Contacts.ContactListResponse) || JSON.stringify(a) !== JSON.stringify(b)) {
  throw new Error("the decoders disagree")
}

const cpu = () => {
  const u = process.cpuUsage()
  return u.user + u.system
}
for (const c of contenders) await c.run(quick ? 50 : 500) // warm-up

const perOp = new Map(contenders.map((c) => [c.name, []]))
const ratios = new Map(contenders.map((c) => [c.name, []]))
for (let r = 0; r < rounds; r++) {
  const order = contenders.map((_, i) => contenders[(i + r) % contenders.length])
  const round = new Map()
  for (const c of order) {
    const n = c.perRound ?? perRound
    const t0 = cpu()
    await c.run(n)
    round.set(c.name, (cpu() - t0) / n)
  }
  const base = round.get("JSON.parse")
  for (const [name, us] of round) {
    perOp.get(name).push(us)
    ratios.get(name).push(us / base)
  }
}
await runtime.dispose()

const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const rows = contenders.map((c) => {
  const rs = ratios.get(c.name)
  return {
    name: c.name,
    us: median(perOp.get(c.name)),
    ratio: median(rs),
    min: Math.min(...rs),
    max: Math.max(...rs)
  }
})
console.log(`\ncore response decode: ContactListResponse, 20 contacts (${text.length} B), ${rounds} rounds`)
console.log(`${os.cpus().length}x ${os.cpus()[0]?.model ?? "?"}, node ${process.version}${quick ? " (quick)" : ""}\n`)
console.log(`${"contender".padEnd(16)} ${"CPU µs/op".padStart(10)} ${"x JSON.parse".padStart(13)}  min..max`)
for (const r of rows) {
  console.log(
    `${r.name.padEnd(16)} ${r.us.toFixed(1).padStart(10)} ${r.ratio.toFixed(2).padStart(13)}  ${r.min.toFixed(2)}..${
      r.max.toFixed(2)
    }`
  )
}
const of = (name) => rows.find((r) => r.name === name)
const decodeSpeedup = of("decode/schema").us / of("decode").us
const requestSpeedup = of("request/schema").us / of("request").us
console.log(
  `\ncompiled vs Schema decoder: decode ${decodeSpeedup.toFixed(2)}x less CPU, request ${
    requestSpeedup.toFixed(2)
  }x less CPU`
)
console.log(
  `SUMMARY core-decode: decode ${of("decode").us.toFixed(1)} µs (${of("decode").ratio.toFixed(2)}x JSON.parse, ${
    decodeSpeedup.toFixed(2)
  }x less than Schema); request ${of("request").us.toFixed(1)} µs (${requestSpeedup.toFixed(2)}x less than Schema)`
)
if (process.env.AGENTPHONE_BENCH_JSON) {
  fs.writeFileSync(
    process.env.AGENTPHONE_BENCH_JSON,
    JSON.stringify({ "core-decode": { bodyBytes: text.length, rounds, perRound, rows, decodeSpeedup, requestSpeedup } })
  )
}
if (sink === -1) console.log(sink)
