import * as Effect from "effect/Effect"
import * as Queue from "effect/Queue"
import type * as Scope from "effect/Scope"
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"

/** What the server saw: a request arriving, or its connection closing. */
export type Event =
  | { readonly _tag: "Request"; readonly method: string; readonly url: string; readonly body: string }
  | { readonly _tag: "Closed"; readonly method: string; readonly url: string; readonly finished: boolean }

export interface TestServer {
  readonly url: string
  /** Every request, in arrival order. */
  readonly requests: Array<{ readonly method: string; readonly url: string; readonly body: string }>
  /** Requests and closes as they happen, to wait on instead of sleeping. */
  readonly events: Queue.Queue<Event>
  readonly server: Server
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void

/** A real HTTP server on 127.0.0.1 (free port); closed with the scope. */
export const make = (handler: Handler): Effect.Effect<TestServer, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.gen(function*() {
      const events = yield* Queue.unbounded<Event>()
      return yield* Effect.async<TestServer>((resume) => {
        const requests: TestServer["requests"] = []
        const server = createServer((req, res) => {
          const chunks: Array<Buffer> = []
          req.on("data", (c: Buffer) => chunks.push(c))
          req.on("end", () => {
            const body = Buffer.concat(chunks).toString("utf8")
            const method = req.method ?? "GET"
            const url = req.url ?? "/"
            requests.push({ method, url, body })
            res.on("close", () =>
              Queue.unsafeOffer(events, { _tag: "Closed", method, url, finished: res.writableFinished }))
            Queue.unsafeOffer(events, { _tag: "Request", method, url, body })
            handler(req, res, body)
          })
        })
        server.listen(0, "127.0.0.1", () => {
          const { port } = server.address() as AddressInfo
          resume(Effect.succeed({ url: `http://127.0.0.1:${port}`, requests, events, server }))
        })
      })
    }),
    (s) =>
      Effect.async<void>((resume) => {
        s.server.closeAllConnections()
        s.server.close(() =>
          resume(Effect.void)
        )
      })
  )

/** Wait until the server sees an event matching `predicate` (earlier events are dropped). */
export const waitFor = (server: TestServer, predicate: (event: Event) => boolean): Effect.Effect<Event> =>
  Effect.gen(function*() {
    while (true) {
      const event = yield* Queue.take(server.events)
      if (predicate(event)) return event
    }
  })

export const json = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { "content-type": "application/json" })
  res.end(JSON.stringify(body))
}
