// Webhook verification speed, as ratios against bare node:crypto measured in the same run.
//
//   pnpm bench            (from packages/webhooks, or the root `pnpm bench`)
//   pnpm bench --quick    (CI smoke: fewer rounds and iterations)
//
// Contenders (1 KB delivery, one secret, interleaved over rounds, median ops/s):
//   bare-hmac          createHmac + Buffer.from(hex) + timingSafeEqual, a plain loop (baseline)
//   verifySignature    Webhook.verifySignature in one running fiber (how a receiver calls it)
//   verifySignature/runSync  one Effect.runSync per delivery (worst case: a fresh fiber each time)
//   bare-hmac+parse    the baseline plus JSON.parse (baseline for the decode rows)
//   verify             Webhook.verify = signature + Schema decode into the typed event, in one fiber
//   verify/bytes       the same with the body as a Uint8Array (as the HttpApp receiver reads it)
import { Webhook, WebhookSigner } from "@agentphone-effect/webhooks"
import { Effect, Redacted } from "effect"
import { createHmac, timingSafeEqual } from "node:crypto"

const quick = process.argv.includes("--quick")
const rounds = quick ? 3 : 9
const perRound = quick ? 2_000 : 20_000

const secretText = "whsec_bench_4f9a2c7d1e"
const secret = Redacted.make(secretText)
const timestamp = Math.floor(Date.now() / 1000)

// An SMS agent.message padded to ~1 KB with recent history, as real deliveries look.
const payload = {
  event: "agent.message",
  channel: "sms",
  timestamp: "2026-03-02T17:04:05Z",
  agentId: "agent_7f3a",
  data: {
    messageId: "msg_0a1b",
    conversationId: "conv_55d1",
    numberId: "num_12ab",
    from: "+14155550123",
    to: "+14155550999",
    contact: { id: "ct_3e8f", name: "Jane Smith", email: "jane@example.com", phoneNumber: "+14155550123" },
    message: "Is my order on its way?",
    mediaUrl: null,
    mediaUrls: [],
    direction: "inbound",
    receivedAt: "2026-03-02T17:04:04Z"
  },
  conversationState: { orderId: "ORD-4521" },
  recentHistory: []
}
let i = 0
while (JSON.stringify(payload).length < 1000) {
  payload.recentHistory.push({
    messageId: `msg_${i}`,
    content: `Earlier message number ${i++}`,
    direction: i % 2 ? "inbound" : "outbound",
    channel: "sms",
    at: "2026-03-02T17:00:00Z"
  })
}
const { body, headers } = WebhookSigner.signAt({ secret, payload, timestamp, id: "wh_bench" })
const bodyBytes = new TextEncoder().encode(body)
const signatureHeader = headers["x-webhook-signature"]
const timestampHeader = headers["x-webhook-timestamp"]

let sink = 0
const bareVerify = () => {
  const given = Buffer.from(signatureHeader.slice(7), "hex")
  const mac = createHmac("sha256", secretText).update(`${timestampHeader}.${body}`).digest()
  return mac.length === given.length && timingSafeEqual(mac, given)
}

const loop = (n, f) => {
  for (let k = 0; k < n; k++) if (f()) sink++
}
const inFiber = (n, eff) =>
  Effect.runSync(Effect.gen(function*() {
    for (let k = 0; k < n; k++) {
      yield* eff
      sink++
    }
  }))

const contenders = [
  { name: "bare-hmac", run: (n) => loop(n, bareVerify) },
  { name: "verifySignature", run: (n) => inFiber(n, Webhook.verifySignature(body, headers, secret)) },
  {
    name: "verifySignature/runSync",
    run: (n) => loop(n, () => Effect.runSync(Webhook.verifySignature(body, headers, secret)) !== undefined)
  },
  { name: "bare-hmac+parse", run: (n) => loop(n, () => bareVerify() && JSON.parse(body).event === "agent.message") },
  { name: "verify", run: (n) => inFiber(n, Webhook.verify(body, headers, secret)) },
  { name: "verify/bytes", run: (n) => inFiber(n, Webhook.verify(bodyBytes, headers, secret)) }
]

// sanity: every contender accepts the delivery
if (!bareVerify()) throw new Error("baseline rejects the delivery")
Effect.runSync(Webhook.verify(body, headers, secret))

const results = Object.fromEntries(contenders.map((c) => [c.name, []]))
for (const c of contenders) c.run(Math.min(perRound, 2_000)) // warm-up
for (let r = 0; r < rounds; r++) {
  const order = contenders.map((_, k) => contenders[(k + r) % contenders.length])
  for (const c of order) {
    const t0 = process.hrtime.bigint()
    c.run(perRound)
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9
    results[c.name].push(perRound / seconds)
  }
}

const median = (xs) => {
  const a = [...xs].sort((x, y) => x - y)
  const m = a.length >> 1
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2
}
const spread = (xs) => `±${((50 * (Math.max(...xs) - Math.min(...xs))) / median(xs)).toFixed(0)}%`
const ops = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)]))
const baselineOf = (name) =>
  (name === "verify" || name === "verify/bytes" || name === "bare-hmac+parse") ?
    "bare-hmac+parse" :
    "bare-hmac"

console.log(
  `webhooks verify bench: ${body.length}-byte delivery, ${rounds} rounds x ${perRound}${
    quick ? " (quick)" : ""
  }, node ${process.version}`
)
console.log("contender                  deliveries/s   spread   ratio vs baseline")
for (const c of contenders) {
  const base = baselineOf(c.name)
  const ratio = c.name === base ? "baseline" : `${(ops[c.name] / ops[base]).toFixed(2)}x vs ${base}`
  console.log(
    `${c.name.padEnd(26)} ${Math.round(ops[c.name]).toLocaleString("en-US").padStart(12)}   ${
      spread(results[c.name]).padStart(6)
    }   ${ratio}`
  )
}
const bar = ops.verifySignature / ops["bare-hmac"]
console.log(`bar: verifySignature / bare-hmac = ${bar.toFixed(2)}x (goal >= 0.80x) ${bar >= 0.8 ? "met" : "NOT met"}`)
const decodeRatio = ops.verify / ops["bare-hmac+parse"]
console.log(
  `SUMMARY webhooks: verifySignature ${bar.toFixed(2)}x bare HMAC (goal >= 0.8x); verify+decode ${
    Math.round(ops.verify).toLocaleString("en-US")
  } deliveries/s = ${decodeRatio.toFixed(2)}x bare HMAC+JSON.parse`
)
if (process.env.AGENTPHONE_BENCH_JSON) {
  const { writeFileSync } = await import("node:fs")
  writeFileSync(
    process.env.AGENTPHONE_BENCH_JSON,
    JSON.stringify(
      {
        bodyBytes: body.length,
        rounds,
        perRound,
        quick,
        opsPerSecond: ops,
        ratios: { verifySignatureVsBareHmac: bar, verifyVsBareHmacParse: decodeRatio }
      },
      null,
      2
    )
  )
}
if (sink === 0) console.log("")
