import type { HttpApp } from "@effect/platform"
import { HttpServer } from "@effect/platform"
import { NodeHttpServer } from "@effect/platform-node"
import { Context, Effect, Layer } from "effect"
import { createServer, request as httpRequest } from "node:http"

/** Serve an HttpApp on 127.0.0.1, a random port, for the enclosing scope; returns its base URL. */
export const serve = <R>(app: HttpApp.Default<never, R>) =>
  Effect.gen(function*() {
    const layer = HttpServer.serve(app).pipe(
      Layer.provideMerge(NodeHttpServer.layer(createServer, { port: 0, host: "127.0.0.1" }))
    )
    const context = yield* Layer.build(layer)
    const address = Context.get(context, HttpServer.HttpServer).address
    if (address._tag !== "TcpAddress") return yield* Effect.die("expected a TCP address")
    return `http://127.0.0.1:${address.port}`
  })

/** POST with fetch, as an Effect. */
export const post = (url: string, body: string, headers: Record<string, string>, signal?: AbortSignal) =>
  Effect.promise(() => fetch(url, { method: "POST", body, headers, ...(signal ? { signal } : {}) }))

export const json = (response: Response) => Effect.promise(() => response.json() as Promise<Record<string, unknown>>)

/**
 * POST with node:http, writing `chunks` and then leaving the request body open (never `end()`),
 * so a response proves the server answered without waiting for the whole body. Resolves with the
 * response's status, headers and text; the request is destroyed when the scope closes.
 */
export const postOpenBody = (
  url: string,
  headers: Record<string, string>,
  chunks: ReadonlyArray<string | Uint8Array>
) =>
  Effect.async<{ readonly status: number; readonly connection: string | undefined; readonly text: string }, Error>(
    (resume) => {
      const request = httpRequest(url, { method: "POST", headers })
      let done = false
      request.on("response", (response) => {
        let text = ""
        response.setEncoding("utf8")
        response.on("data", (d: string) => (text += d))
        response.on("end", () => {
          done = true
          resume(Effect.succeed({ status: response.statusCode ?? 0, connection: response.headers.connection, text }))
        })
      })
      // After the answer the server closes the connection while the body is still open: ignore that.
      request.on("error", (error) => {
        if (!done) resume(Effect.fail(error))
      })
      for (const chunk of chunks) request.write(chunk)
      return Effect.sync(() => request.destroy())
    }
  )
