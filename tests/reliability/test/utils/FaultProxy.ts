/**
 * A tiny TCP fault proxy for HTTP/1.1 between a client and a server (both on 127.0.0.1): each
 * request passes, or is cut by a connection reset before it reaches the server, or after the
 * server answered (the server did the work, the response is lost), or gets a truncated response
 * body. It listens on port 0 and closes itself (and every socket) with the scope.
 */
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import * as net from "node:net"

export type Fault = "resetBefore" | "resetAfter" | "truncate"

export interface FaultProxy {
  readonly url: string
  /** Apply `fault` to the next `times` requests (default: every request). */
  readonly set: (fault: Fault | undefined, times?: number) => void
  /** Requests seen, and how each was handled. */
  readonly stats: { requests: number; passed: number; resetBefore: number; resetAfter: number; truncated: number }
  readonly openSockets: () => number
}

const headEnd = (buffer: Buffer) => buffer.indexOf("\r\n\r\n")

/** The response's total length once the head is in (Content-Length), if it says. */
const totalLength = (buffer: Buffer): number | undefined => {
  const end = headEnd(buffer)
  if (end < 0) return undefined
  const match = /\r\ncontent-length:\s*(\d+)/i.exec(buffer.subarray(0, end).toString("latin1"))
  return match === null ? undefined : end + 4 + Number(match[1])
}

export const make = (target: { readonly host: string; readonly port: number }): Effect.Effect<
  FaultProxy,
  never,
  Scope.Scope
> =>
  Effect.acquireRelease(
    Effect.async<{ server: net.Server; sockets: Set<net.Socket>; proxy: FaultProxy }>((resume) => {
      let fault: Fault | undefined
      let remaining = Infinity
      const stats = { requests: 0, passed: 0, resetBefore: 0, resetAfter: 0, truncated: 0 }
      const sockets = new Set<net.Socket>()
      const track = (socket: net.Socket) => {
        sockets.add(socket)
        socket.on("close", () => sockets.delete(socket))
        socket.on("error", () => {})
      }
      const decide = (): Fault | undefined => {
        if (fault === undefined || remaining <= 0) return undefined
        remaining -= 1
        return fault
      }
      const server = net.createServer((client) => {
        track(client)
        const upstream = net.connect(target.port, target.host)
        track(upstream)
        /** The fault of the request in flight; `responded` once response bytes came back. */
        let current: Fault | undefined | "none" = "none"
        let responded = true
        let pending: Array<Buffer> = []
        const kill = () => {
          client.resetAndDestroy()
          upstream.destroy()
        }
        client.on("data", (chunk: Buffer) => {
          if (responded) {
            // a new request on this connection
            responded = false
            pending = []
            stats.requests += 1
            current = decide()
            if (current === "resetBefore") {
              stats.resetBefore += 1
              return kill()
            }
          }
          upstream.write(chunk)
        })
        upstream.on("data", (chunk: Buffer) => {
          responded = true
          if (current === "resetAfter") {
            stats.resetAfter += 1
            current = "none"
            return kill()
          }
          if (current === "truncate") {
            pending.push(chunk)
            const buffer = Buffer.concat(pending)
            const total = totalLength(buffer)
            const complete = total !== undefined ? buffer.length >= total : buffer.includes("\r\n0\r\n\r\n")
            if (!complete) return
            const bodyStart = headEnd(buffer) + 4
            const cut = bodyStart + Math.floor((buffer.length - bodyStart) / 2)
            stats.truncated += 1
            current = "none"
            client.end(buffer.subarray(0, cut))
            upstream.destroy()
            return
          }
          if (current === undefined) {
            stats.passed += 1
            current = "none"
          }
          client.write(chunk)
        })
        client.on("close", () => upstream.destroy())
        upstream.on("close", () => client.destroy())
      })
      server.listen(0, "127.0.0.1", () => {
        const address = server.address() as net.AddressInfo
        resume(Effect.succeed({
          server,
          sockets,
          proxy: {
            url: `http://127.0.0.1:${address.port}`,
            set: (next, times) => {
              fault = next
              remaining = times ?? Infinity
            },
            stats,
            openSockets: () => sockets.size
          }
        }))
      })
    }),
    ({ server, sockets }) =>
      Effect.async<void>((resume) => {
        server.close(() => resume(Effect.void))
        for (const socket of sockets) socket.destroy()
      })
  ).pipe(Effect.map(({ proxy }) => proxy))
