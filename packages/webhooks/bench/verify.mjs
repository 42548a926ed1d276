// Webhook verification speed, as ratios against bare node:crypto measured in the same run.
//
//   pnpm bench            (from packages/webhooks, or the root `pnpm bench`)
//   pnpm bench --quick    (CI smoke: fewer rounds and iterations)
//
// Every contender handles the same ~1 KB signed delivery (an SMS `agent.message`), one secret,
// headers in a plain lower-case record as a Node server reports them.
//
//   bare-hmac          baseline: read the signature header, hex-decode it, createHmac over
//                      "{timestamp}.{body}", length check + timingSafeEqual. A plain loop.
//   checkSignature     Webhook.checkSignature: the synchronous core (both headers parsed, HMAC,
//                      constant-time compare, timestamp window), no Effect
//   verifySignature    Webhook.verifySignature, the Effect API, in one running fiber (how a receiver
//                      calls it). THE BAR: >= 0.8x bare-hmac
//   verifySignature/runSync  one Effect.runSync per delivery (a fresh fiber each time; for reference)
//   bare-hmac+parse    baseline for the decode rows: bare-hmac plus JSON.parse
//   verify             Webhook.verify = signature + safe JSON parse + Schema decode into the typed
//                      event, in one fiber (body as a string)
//   verify/bytes       the same with the body as a Uint8Array (as the HttpApp receiver reads it)
//
// Timing: the machine is shared, so each round runs every contender back to back (rotating the
// order) and measures *process CPU time* (process.cpuUsage), not wall time; a ratio is taken
// within each round (contender / its baseline in that round) and the table shows the median
// ratio over rounds and its min..max. Deliveries/s are medians of the per-round CPU-time rates.
import { Webhook, WebhookSigner } from "@agentphone-effect/webhooks"
import { Effect, Redacted } from "effect"
import { createHmac, timingSafeEqual } from "node:crypto"
import os from "node:os"

const quick = process.argv.includes("--quick")
const rounds = quick ? 3 : 15
const perRound = quick ? 2_000 : 10_000

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

let sink = 0
const bareVerify = () => {
  const signature = headers["x-webhook-signature"]
  const given = Buffer.from(signature.slice(7), "hex")
  const mac = createHmac("sha256", secretText).update(`${headers["x-webhook-timestamp"]}.${body}`).digest()
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
  {
    name: "checkSignature",
    base: "bare-hmac",
    run: (n) => loop(n, () => !("_tag" in Webhook.checkSignature(body, headers, secret, Date.now())))
  },
  {
    name: "verifySignature",
    base: "bare-hmac",
    run: (n) => inFiber(n, Webhook.verifySignature(body, headers, secret))
  },
  {
    name: "verifySignature/runSync",
    base: "bare-hmac",
    run: (n) => loop(n, () => Effect.runSync(Webhook.verifySignature(body, headers, secret)) !== undefined)
  },
  { name: "bare-hmac+parse", run: (n) => loop(n, () => bareVerify() && JSON.parse(body).event === "agent.message") },
  { name: "verify", base: "bare-hmac+parse", run: (n) => inFiber(n, Webhook.verify(body, headers, secret)) },
  { name: "verify/bytes", base: "bare-hmac+parse", run: (n) => inFiber(n, Webhook.verify(bodyBytes, headers, secret)) }
]

// sanity: every contender accepts the delivery
if (!bareVerify()) throw new Error("baseline rejects the delivery")
if ("_tag" in Webhook.checkSignature(body, headers, secret, Date.now())) throw new Error("checkSignature rejects")
if (Effect.runSync(Webhook.verify(bodyBytes, headers, secret))._tag !== "Message") {
  throw new Error("verify: not a Message")
}

const cpuSeconds = () => {
  const { system, user } = process.cpuUsage()
  return (user + system) / 1e6
}
const rates = Object.fromEntries(contenders.map((c) => [c.name, []]))
for (const c of contenders) c.run(Math.min(perRound, 2_000)) // warm-up
for (let r = 0; r < rounds; r++) {
  const order = contenders.map((_, k) => contenders[(k + r) % contenders.length])
  for (const c of order) {
    const t0 = cpuSeconds()
    c.run(perRound)
    rates[c.name].push(perRound / (cpuSeconds() - t0))
  }
}

const median = (xs) => {
  const a = [...xs].sort((x, y) => x - y)
  const m = a.length >> 1
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2
}
const ratios = (name, base) => rates[name].map((x, r) => x / rates[base][r])
const summary = Object.fromEntries(contenders.map((c) => {
  const rs = c.base ? ratios(c.name, c.base) : undefined
  return [c.name, {
    deliveriesPerSecond: median(rates[c.name]),
    ...(rs ? { base: c.base, ratio: median(rs), ratioMin: Math.min(...rs), ratioMax: Math.max(...rs) } : {})
  }]
}))

const [load1] = os.loadavg()
console.log(
  `webhooks verify bench: ${body.length}-byte delivery, 1 secret, ${rounds} rounds x ${perRound}${
    quick ? " (quick)" : ""
  }, CPU time, node ${process.version}, load ${load1.toFixed(2)} on ${
    os.availableParallelism?.() ?? os.cpus().length
  } cores`
)
console.log("contender                  deliveries/s   ratio (median, min..max over rounds)")
for (const c of contenders) {
  const s = summary[c.name]
  const ratio = c.base ?
    `${s.ratio.toFixed(2)}x  (${s.ratioMin.toFixed(2)}..${s.ratioMax.toFixed(2)})  vs ${c.base}` :
    "baseline"
  console.log(
    `${c.name.padEnd(26)} ${Math.round(s.deliveriesPerSecond).toLocaleString("en-US").padStart(12)}   ${ratio}`
  )
}
const bar = summary.verifySignature.ratio
const core = summary.checkSignature.ratio
const decodeRatio = summary.verify.ratio
console.log(
  `bar: signature verification (Effect verifySignature) = ${
    bar.toFixed(2)
  }x bare HMAC+timingSafeEqual (goal >= 0.80x) ${bar >= 0.8 ? "met" : "NOT met"}; sync core checkSignature = ${
    core.toFixed(2)
  }x`
)
console.log(
  `SUMMARY webhooks: verifySignature ${bar.toFixed(2)}x bare HMAC (goal >= 0.8x, sync core ${
    core.toFixed(2)
  }x); verify+decode ${Math.round(summary.verify.deliveriesPerSecond).toLocaleString("en-US")} deliveries/s = ${
    decodeRatio.toFixed(2)
  }x bare HMAC+JSON.parse`
)
if (process.env.AGENTPHONE_BENCH_JSON) {
  const { writeFileSync } = await import("node:fs")
  writeFileSync(
    process.env.AGENTPHONE_BENCH_JSON,
    JSON.stringify(
      {
        bodyBytes: body.length,
        secrets: 1,
        rounds,
        perRound,
        quick,
        timing: "process CPU time, per-round ratios",
        load1,
        contenders: summary,
        ratios: { verifySignatureVsBareHmac: bar, checkSignatureVsBareHmac: core, verifyVsBareHmacParse: decodeRatio }
      },
      null,
      2
    )
  )
}
if (sink === 0) console.log("")
