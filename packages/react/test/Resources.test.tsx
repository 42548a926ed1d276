// @vitest-environment jsdom
import { Result, useCalls, useCreateCall, useEndCall } from "@agentphone-effect/react"
import { assert, describe, it } from "@effect/vitest"
import { act, screen } from "@testing-library/react"
import { Effect } from "effect"
import { find, renderWith } from "./utils/Render.js"
import * as TestServer from "./utils/TestServer.js"

const call = (id: string, status: string) => ({
  id,
  agentId: "agent_1",
  phoneNumberId: "num_1",
  phoneNumber: "+14155550100",
  fromNumber: "+14155550100",
  toNumber: "+14155550123",
  direction: "outbound",
  status,
  startedAt: "2026-01-01T00:00:00Z",
  endedAt: null,
  durationSeconds: null,
  lastTranscriptSnippet: null
})

describe("resource hooks (jsdom, StrictMode, real server on 127.0.0.1)", () => {
  it.scoped("useCreateCall and useEndCall refresh useCalls", () =>
    Effect.gen(function*() {
      const calls: Array<ReturnType<typeof call>> = []
      const server = yield* TestServer.make((req, res) => {
        if (req.method === "POST" && req.url === "/v1/calls") {
          const created = call(`call_${calls.length + 1}`, "in-progress")
          calls.unshift(created)
          return TestServer.json(res, 200, created)
        }
        const end = req.url?.match(/^\/v1\/calls\/([^/]+)\/end$/)
        if (req.method === "POST" && end) {
          const i = calls.findIndex((c) => c.id === end[1])
          calls[i] = { ...calls[i], status: "completed" }
          return TestServer.json(res, 200, calls[i])
        }
        TestServer.json(res, 200, { data: calls, hasMore: false, total: calls.length })
      })
      const Calls = () => {
        const list = useCalls()
        const create = useCreateCall()
        const end = useEndCall()
        return (
          <div>
            <button onClick={() => void create.run({ agentId: "agent_1", toNumber: "+14155550123" })}>dial</button>
            <button onClick={() => void end.run("call_1")}>hang up</button>
            <p>
              {Result.isSuccess(list)
                ? list.value.data.map((c) => `${c.id}:${c.status}`).join(",") || "none"
                : "loading"}
            </p>
          </div>
        )
      }
      yield* renderWith(server.url, <Calls />)
      yield* find("none")
      yield* Effect.sync(() => act(() => screen.getByText("dial").click()))
      yield* find("call_1:in-progress")
      yield* Effect.sync(() => act(() => screen.getByText("hang up").click()))
      yield* find("call_1:completed")
      assert.deepStrictEqual(server.requests.map((r) => `${r.method} ${r.url}`), [
        "GET /v1/calls",
        "POST /v1/calls",
        "GET /v1/calls",
        "POST /v1/calls/call_1/end",
        "GET /v1/calls"
      ])
    }))
})
