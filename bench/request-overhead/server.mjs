// Fixed-answer AgentPhone stand-in for request-overhead: runs as a CHILD process (so its CPU is not
// counted in the client's process.cpuUsage), listens on 127.0.0.1 only, reports its port over IPC.
//   GET  /v1/contacts  -> a fixed ContactListResponse with 20 contacts (~4 KB JSON)
//   POST /v1/messages  -> a SendMessageResponse echoing the request's to_number
// Requests without `authorization: Bearer <token>` get 401 (so every client must really send it).
// IPC: {type:"cpu"} -> {type:"cpu", user, system, requests}. Exits when the parent disconnects,
// and after --max-seconds at the latest.
import http from "node:http"
import { contacts } from "../lib/fixtures.mjs"

const token = process.env.BENCH_TOKEN ?? "sk_bench_token"
const maxSeconds = Number(process.env.BENCH_SERVER_MAX_SECONDS ?? 600)

const listBody = Buffer.from(JSON.stringify(contacts(20)))
const listHeaders = { "content-type": "application/json", "content-length": String(listBody.length) }
let requests = 0
let messageSeq = 0

const server = http.createServer({ keepAliveTimeout: 120_000 }, (req, res) => {
  requests++
  if (req.headers.authorization !== `Bearer ${token}`) {
    res.writeHead(401, { "content-type": "application/json" }).end("{\"detail\":\"unauthorized\"}")
    req.resume()
    return
  }
  const path = req.url.split("?", 1)[0]
  if (req.method === "GET" && path === "/v1/contacts") {
    req.resume()
    res.writeHead(200, listHeaders).end(listBody)
  } else if (req.method === "POST" && path === "/v1/messages") {
    const chunks = []
    req.on("data", (c) => chunks.push(c))
    req.on("end", () => {
      let body
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"))
      } catch {
        res.writeHead(400, { "content-type": "application/json" }).end("{\"detail\":\"bad json\"}")
        return
      }
      const out = Buffer.from(JSON.stringify({
        id: `msg_${(++messageSeq).toString(36)}`,
        status: "queued",
        channel: "sms",
        from_number: body.from_number ?? "+14155550100",
        to_number: body.to_number ?? "",
        conversation_id: "conv_55d1",
        media_urls: body.media_urls ?? []
      }))
      res.writeHead(200, { "content-type": "application/json", "content-length": String(out.length) }).end(out)
    })
  } else {
    req.resume()
    res.writeHead(404, { "content-type": "application/json" }).end("{\"detail\":\"not found\"}")
  }
})
server.headersTimeout = 130_000
server.requestTimeout = 0
server.listen(0, "127.0.0.1", () => {
  process.send?.({ type: "ready", port: server.address().port, listBytes: listBody.length })
})
process.on("message", (m) => {
  if (m?.type === "cpu") {
    const u = process.cpuUsage()
    process.send({ type: "cpu", user: u.user, system: u.system, requests })
  }
})
process.on("disconnect", () => process.exit(0))
setTimeout(() => process.exit(0), maxSeconds * 1000).unref()
