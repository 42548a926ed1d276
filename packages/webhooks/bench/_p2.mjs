import { Webhook, WebhookSigner } from "@agentphone-effect/webhooks"
import { Redacted } from "effect"
import { readFileSync } from "node:fs"
const secret = Redacted.make("whsec_bench_4f9a2c7d1e")
const payload = JSON.parse(readFileSync("/tmp/prof/payload.json", "utf8"))
const { body, headers } = WebhookSigner.signAt({ secret, payload, timestamp: Math.floor(Date.now() / 1000) })
let s = 0
for (let i = 0; i < 400000; i++) if (!("_tag" in Webhook.checkSignature(body, headers, secret, Date.now()))) s++
console.log(s)
