// @vitest-environment jsdom
import { AgentPhone } from "@agentphone-effect/core"
import {
  AgentPhoneProvider,
  Result,
  Store,
  useAgentPhone,
  useInvalidate,
  useMutation,
  useStream
} from "@agentphone-effect/react"
import { assert, describe, it } from "@effect/vitest"
import { act, cleanup, render, screen } from "@testing-library/react"
import { Deferred, Effect, Layer, Stream } from "effect"
import type { ServerResponse } from "node:http"
import * as React from "react"
import { apLayer, find, renderWith } from "./utils/Render.js"
import * as TestServer from "./utils/TestServer.js"

const contact = (id: string, name: string) => ({
  id,
  phoneNumber: "+14155550100",
  name,
  email: null,
  notes: null,
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z"
})

/**
 * Render under StrictMode with a runtime the test owns (built before the first render, so hook
 * fibers start synchronously and a double start would be seen); unmounted and disposed with the scope.
 */

let starts = 0
const Contacts = () => {
  const contacts = useAgentPhone(["contacts"], (ap) =>
    Effect.suspend(() => {
      starts++
      return ap.contacts.listContacts()
    }))
  return (
    <p>
      {Result.match(contacts, {
        onInitial: () => "loading",
        onSuccess: (list, waiting) => `${list.data.map((c) => c.name).join(",")}${waiting ? " (refreshing)" : ""}`,
        onFailure: (error) => `error ${error._tag} ${"status" in error ? error.status : ""}`
      })}
    </p>
  )
}

describe("hooks (jsdom, StrictMode, real server on 127.0.0.1)", () => {
  it.scoped("a query's data reaches the component, with one request despite StrictMode", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make((_req, res) =>
        TestServer.json(res, 200, { data: [contact("c1", "Ada"), contact("c2", "Bob")], hasMore: false, total: 2 })
      )
      starts = 0
      yield* renderWith(server.url, <Contacts />)
      yield* find("Ada,Bob")
      assert.strictEqual(starts, 1)
      assert.deepStrictEqual(server.requests.map((r) => `${r.method} ${r.url}`), ["GET /v1/contacts"])
    }))

  it.scoped("a typed error reaches the component", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make((_req, res) => TestServer.json(res, 404, { detail: "No such thing" }))
      yield* renderWith(server.url, <Contacts />)
      yield* find("error NotFoundError 404")
    }))

  it.scoped("a mutation refreshes the queries it invalidates", () =>
    Effect.gen(function*() {
      const saved = [contact("c1", "Ada")]
      const server = yield* TestServer.make((req, res, body) => {
        if (req.method === "POST") {
          const created = contact(`c${saved.length + 1}`, (JSON.parse(body) as { name: string }).name)
          saved.push(created)
          return TestServer.json(res, 201, created)
        }
        TestServer.json(res, 200, { data: saved, hasMore: false, total: saved.length })
      })
      const Add = () => {
        const create = useMutation(
          (name: string) =>
            Effect.flatMap(AgentPhone.AgentPhone, (ap) =>
              ap.contacts.createContact({ name, phoneNumber: "+14155550101" })),
          { invalidates: [["contacts"]] }
        )
        return (
          <div>
            <button onClick={() => void create.run("Grace")}>add</button>
            <span>
              {Result.match(create.result, {
                onInitial: (w) => (w ? "saving" : "idle"),
                onSuccess: (c) =>
                  `saved ${c.id}`,
                onFailure: (e) =>
                  `failed ${e._tag}`
              })}
            </span>
          </div>
        )
      }
      yield* renderWith(
        server.url,
        <>
          <Contacts />
          <Add />
        </>
      )
      yield* find("Ada")
      yield* Effect.sync(() => act(() => screen.getByText("add").click()))
      yield* find("saved c2")
      yield* find("Ada,Grace")
      assert.deepStrictEqual(server.requests.map((r) => `${r.method} ${r.url}`), [
        "GET /v1/contacts",
        "POST /v1/contacts",
        "GET /v1/contacts"
      ])
    }))

  it.scoped("useInvalidate refreshes a query and keeps the old value while waiting", () =>
    Effect.gen(function*() {
      const gate = yield* Deferred.make<void>()
      let n = 0
      const server = yield* TestServer.make((_req, res) => {
        n++
        const reply = () => TestServer.json(res, 200, { data: [contact("c1", `v${n}`)], hasMore: false, total: 1 })
        if (n === 1) reply()
        else Effect.runFork(Effect.andThen(Deferred.await(gate), Effect.sync(reply)))
      })
      const Refresh = () => {
        const invalidate = useInvalidate()
        return <button onClick={() => invalidate(["contacts"])}>refresh</button>
      }
      yield* renderWith(
        server.url,
        <>
          <Contacts />
          <Refresh />
        </>
      )
      yield* find("v1")
      yield* Effect.sync(() => act(() => screen.getByText("refresh").click()))
      yield* find("v1 (refreshing)")
      yield* Deferred.succeed(gate, undefined)
      yield* find("v2")
    }))

  it.scoped("changing a query's key interrupts the old request (the server sees its socket close)", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make((req, res) => {
        if (req.url === "/v1/contacts/slow") return // never answers
        TestServer.json(res, 200, contact("fast", "Fast"))
      })
      const One = (props: { readonly id: string }) => {
        const c = useAgentPhone(["contact", props.id], (ap) => ap.contacts.getContact({ contact_id: props.id }))
        return <p>{Result.isSuccess(c) ? c.value.name : "loading"}</p>
      }
      let select: (id: string) => void = () => {}
      const Picker = () => {
        const [id, setId] = React.useState("slow")
        select = setId
        return <One id={id} />
      }
      yield* renderWith(server.url, <Picker />)
      yield* TestServer.waitFor(server, (e) => e._tag === "Request" && e.url === "/v1/contacts/slow")
      yield* Effect.sync(() => act(() => select("fast")))
      const closed = yield* TestServer.waitFor(server, (e) => e._tag === "Closed" && e.url === "/v1/contacts/slow")
      assert.isTrue(closed._tag === "Closed" && !closed.finished)
      yield* find("Fast")
    }))

  it.scoped("useStream shows elements as they arrive and closes the connection on unmount", () =>
    Effect.gen(function*() {
      let live: ServerResponse | undefined
      const server = yield* TestServer.make((_req, res) => {
        res.writeHead(200, { "content-type": "text/plain" })
        res.write("hello\n")
        live = res
      })
      const Lines = () => {
        const lines = useStream(
          ["lines"],
          Stream.unwrap(Effect.map(AgentPhone.AgentPhone, (ap) =>
            ap.httpClient.get("/lines").pipe(
              Effect.map((r) => r.stream),
              Stream.unwrap,
              Stream.decodeText(),
              Stream.splitLines
            )))
        )
        return <p>{Result.isSuccess(lines) ? `${lines.value.join(" ")}${lines.waiting ? " …" : ""}` : "connecting"}</p>
      }
      const { view } = yield* renderWith(server.url, <Lines />)
      yield* find("hello …")
      yield* Effect.sync(() => live!.write("world\n"))
      yield* find("hello world …")
      assert.strictEqual(server.requests.length, 1, "StrictMode starts the stream once")
      yield* Effect.sync(() => view.unmount())
      const closed = yield* TestServer.waitFor(server, (e) => e._tag === "Closed")
      assert.isTrue(closed._tag === "Closed" && !closed.finished)
    }))

  it.scoped("a provider given a layer builds it once under StrictMode and disposes it on unmount", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make((_req, res) =>
        TestServer.json(res, 200, { data: [contact("c1", "Ada")], hasMore: false, total: 1 })
      )
      let builds = 0
      const released = yield* Deferred.make<void>()
      const Tracked = Layer.scopedDiscard(
        Effect.acquireRelease(Effect.sync(() => builds++), () => Deferred.succeed(released, undefined))
      )
      const view = render(
        <React.StrictMode>
          <AgentPhoneProvider layer={Layer.merge(apLayer(server.url), Tracked)}>
            <Contacts />
          </AgentPhoneProvider>
        </React.StrictMode>
      )
      yield* find("Ada")
      assert.strictEqual(builds, 1)
      yield* Effect.sync(() => view.unmount())
      yield* Deferred.await(released)
      cleanup()
    }))

  it.effect("hashKey is stable under object key order", () =>
    Effect.sync(() => {
      assert.strictEqual(Store.hashKey(["a", { x: 1, y: 2 }]), Store.hashKey(["a", { y: 2, x: 1 }]))
      assert.notStrictEqual(Store.hashKey(["a", 1]), Store.hashKey(["a", "1"]))
    }))
})
