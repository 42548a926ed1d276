import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo, Socket } from "node:net"

/** A request as the server received it, its body read whole. */
export interface Seen {
  readonly method: string
  readonly url: string
  readonly headers: IncomingMessage["headers"]
  readonly body: string
}

/** A running server: its base URL, every request it has seen, and how to close it early. */
export interface RawServer {
  readonly url: string
  readonly seen: Array<Seen>
  /**
   * Completes once no connection the server accepted is open (at once when none is): what a
   * client that aborted shows the server, whether or not its request arrived first.
   */
  readonly idle: Effect.Effect<void>
  readonly close: () => void
}

/**
 * A server on 127.0.0.1 (free port) that hands each request, with its body read, to `handler`,
 * which answers through the raw `ServerResponse` (or never does); closed with the scope. For
 * transport tests that need a stalled head or body, where `TestServer`'s replies are whole.
 */
export const serve = (
  handler: (seen: Seen, req: IncomingMessage, res: ServerResponse) => void
): Effect.Effect<RawServer, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.async<RawServer>((resume) => {
      const seen: Array<Seen> = []
      const open = new Set<Socket>()
      let waiting: Array<() => void> = []
      const server = createServer((req, res) => {
        const chunks: Array<Buffer> = []
        req.on("data", (c: Buffer) => chunks.push(c))
        req.on("end", () => {
          const s = {
            method: req.method ?? "",
            url: req.url ?? "",
            headers: req.headers,
            body: Buffer.concat(chunks).toString("utf8")
          }
          seen.push(s)
          handler(s, req, res)
        })
      })
      // (counted as accepted, before any request is read: a client may abort before it sends one)
      server.on("connection", (socket: Socket) => {
        open.add(socket)
        socket.on("close", () => {
          open.delete(socket)
          if (open.size > 0) return
          const done = waiting
          waiting = []
          for (const f of done) f()
        })
      })
      const idle = Effect.async<void>((resume) => {
        if (open.size === 0) return resume(Effect.void)
        waiting.push(() => resume(Effect.void))
      })
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo
        resume(Effect.succeed({
          url: `http://127.0.0.1:${port}`,
          seen,
          idle,
          close: () => {
            server.closeAllConnections()
            server.close()
          }
        }))
      })
    }),
    (s) => Effect.sync(s.close)
  )

/** Answer `value` as JSON with `status`. */
export const json = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers })
  res.end(JSON.stringify(value))
}
