// @vitest-environment jsdom
import { Result, useTranscript } from "@agentphone-effect/react"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import type { ServerResponse } from "node:http"
import { find, renderWith } from "./utils/Render.js"
import * as TestServer from "./utils/TestServer.js"

const sse = (res: ServerResponse, event: string, data: unknown, id?: string) =>
  res.write(`${id === undefined ? "" : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)

describe("useTranscript (jsdom, StrictMode, local SSE server on 127.0.0.1)", () => {
  it.scoped("useTranscript shows turns as they arrive and closes the connection on unmount", () =>
    Effect.gen(function*() {
      let live: ServerResponse | undefined
      const server = yield* TestServer.make((_req, res) => {
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" })
        sse(res, "connected", { callId: "call_1", status: "in-progress" })
        sse(res, "turn", { role: "agent", content: "Hello, how can I help?" }, "1")
        live = res
      })
      const Transcript = () => {
        const t = useTranscript("call_1")
        return Result.match(t, {
          onInitial: () => <p>connecting</p>,
          onSuccess: (value, waiting) => (
            <ol>
              {value.lines.map((l) => <li key={l.key}>{`${l.role}: ${l.text}`}</li>)}
              <li>{waiting ? "live" : `ended ${value.ended?.status}`}</li>
            </ol>
          ),
          onFailure: (e) => <p>{e._tag}</p>
        })
      }
      const { view } = yield* renderWith(server.url, <Transcript />)
      yield* find("agent: Hello, how can I help?")
      yield* find("live")
      yield* Effect.sync(() => sse(live!, "turn", { role: "user", content: "Where is my order?" }, "2"))
      yield* find("user: Where is my order?")
      assert.strictEqual(server.requests.length, 1, "StrictMode opens one stream")
      assert.strictEqual(server.requests[0].url, "/v1/calls/call_1/transcript/stream")
      yield* Effect.sync(() => view.unmount())
      const closed = yield* TestServer.waitFor(server, (e) => e._tag === "Closed")
      assert.isTrue(closed._tag === "Closed" && !closed.finished, "the client closed the socket")
    }))

  it.scoped("useTranscript settles when the call ends", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make((_req, res) => {
        res.writeHead(200, { "content-type": "text/event-stream" })
        sse(res, "turn", { role: "agent", content: "Goodbye!" }, "1")
        sse(res, "ended", { callId: "call_2", status: "completed", durationSeconds: 12 })
        res.end()
      })
      const Transcript = () => {
        const t = useTranscript("call_2")
        return (
          <p>{Result.isSuccess(t) && !t.waiting ? `${t.value.lines.length} lines, ${t.value.ended?.status}` : "…"}</p>
        )
      }
      yield* renderWith(server.url, <Transcript />)
      yield* find("1 lines, completed")
    }))
})
