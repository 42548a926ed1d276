import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"

/** A request as the server received it. */
export interface Recorded {
  readonly method: string
  /** Raw path, percent-encoding as received. */
  readonly path: string
  /** Raw query string without `?`, or null. */
  readonly rawQuery: string | null
  readonly query: ReadonlyArray<readonly [string, string]>
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly rawBody: string | null
}

export interface Reply {
  readonly status?: number
  readonly headers?: Record<string, string>
  readonly body?: string | Uint8Array | unknown
}

export interface TestServer {
  readonly url: string
  readonly requests: Array<Recorded>
  readonly server: Server
}

const record = (req: IncomingMessage, raw: Buffer): Recorded => {
  const url = req.url ?? "/"
  const q = url.indexOf("?")
  const rawQuery = q >= 0 ? url.slice(q + 1) : null
  const headers: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(", ") : v
  return {
    method: req.method ?? "GET",
    path: q >= 0 ? url.slice(0, q) : url,
    rawQuery,
    query: rawQuery === null ? [] : Array.from(new URLSearchParams(rawQuery).entries()),
    headers,
    rawBody: raw.length === 0 ? null : raw.toString("utf8")
  }
}

const send = (res: ServerResponse, reply: Reply) => {
  const body = reply.body
  const headers = { ...reply.headers }
  let payload: string | Uint8Array | undefined
  if (body === undefined) payload = undefined
  else if (typeof body === "string" || body instanceof Uint8Array) payload = body
  else {
    payload = JSON.stringify(body)
    headers["content-type"] ??= "application/json"
  }
  res.writeHead(reply.status ?? 200, headers)
  res.end(payload)
}

/**
 * A real HTTP server on 127.0.0.1 (free port) that records every request and answers with
 * `handler`. Closed when the scope closes.
 */
export const make = (
  handler: (request: Recorded, index: number) => Reply
): Effect.Effect<TestServer, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.async<TestServer>((resume) => {
      const requests: Array<Recorded> = []
      const server = createServer((req, res) => {
        const chunks: Array<Buffer> = []
        req.on("data", (c: Buffer) => chunks.push(c))
        req.on("end", () => {
          const recorded = record(req, Buffer.concat(chunks))
          requests.push(recorded)
          send(res, handler(recorded, requests.length - 1))
        })
      })
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo
        resume(Effect.succeed({ url: `http://127.0.0.1:${port}`, requests, server }))
      })
    }),
    (s) =>
      Effect.async<void>((resume) => {
        s.server.closeAllConnections()
        s.server.close(() => resume(Effect.void))
      })
  )
