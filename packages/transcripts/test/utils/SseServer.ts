import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as FiberId from "effect/FiberId"
import type * as Scope from "effect/Scope"
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"

/** A request as the server saw it. */
export interface Recorded {
  readonly path: string
  readonly headers: Readonly<Record<string, string | undefined>>
  /** Completed when the client's connection for this request closes. */
  readonly closed: Deferred.Deferred<void>
}

/** What to do with one request: write `parts`, then end the response, destroy the socket, or keep it open. */
export interface Script {
  readonly status?: number
  readonly headers?: Record<string, string>
  readonly parts: ReadonlyArray<string>
  readonly then: "end" | "destroy" | "hold"
}

export interface SseServer {
  readonly url: string
  readonly requests: Array<Recorded>
}

const flat = (req: IncomingMessage) => {
  const out: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries(req.headers)) out[k] = Array.isArray(v) ? v.join(", ") : v
  return out
}

/**
 * A real HTTP server on 127.0.0.1 (free port) answering request `i` with `script(i)`. Closed with
 * the scope.
 */
export const make = (
  script: (index: number, request: Recorded) => Script
): Effect.Effect<SseServer, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.async<{ readonly server: Server; readonly api: SseServer }>((resume) => {
      const requests: Array<Recorded> = []
      const server = createServer((req: IncomingMessage, res: ServerResponse) => {
        const recorded: Recorded = {
          path: req.url ?? "/",
          headers: flat(req),
          closed: Deferred.unsafeMake<void>(FiberId.none)
        }
        res.on("close", () => Deferred.unsafeDone(recorded.closed, Effect.void))
        requests.push(recorded)
        const s = script(requests.length - 1, recorded)
        res.writeHead(s.status ?? 200, { "content-type": "text/event-stream", ...s.headers })
        res.flushHeaders()
        for (const part of s.parts) res.write(part)
        // destroy only once what was written has reached the socket
        if (s.then === "end") res.end()
        else if (s.then === "destroy") res.write("", () => res.destroy())
      })
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo
        resume(Effect.succeed({ server, api: { url: `http://127.0.0.1:${port}`, requests } }))
      })
    }),
    ({ server }) =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  ).pipe(Effect.map(({ api }) => api))
