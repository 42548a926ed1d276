import type { HttpApp } from "@effect/platform"
import { HttpServer } from "@effect/platform"
import { NodeHttpServer } from "@effect/platform-node"
import { Context, Effect, Layer } from "effect"
import { createServer } from "node:http"

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
