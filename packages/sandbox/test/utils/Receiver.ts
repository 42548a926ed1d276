import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Queue from "effect/Queue"
import * as Ref from "effect/Ref"
import { createHmac } from "node:crypto"
import { createServer } from "node:http"

export interface Received {
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

export interface Reply {
  readonly status: number
  readonly contentType: string
  readonly body: string
}

/** A webhook receiver on 127.0.0.1: records every request, answers with `reply`. */
export const makeReceiver = Effect.gen(function*() {
  const received = yield* Queue.unbounded<Received>()
  const reply = yield* Ref.make<(r: Received) => Reply>(() => ({ status: 200, contentType: "text/plain", body: "ok" }))
  const server = yield* NodeHttpServer.make(createServer, { port: 0, host: "127.0.0.1" }).pipe(Effect.orDie)
  yield* server.serve(Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const body = yield* Effect.orDie(request.text)
    const r: Received = { headers: request.headers, body }
    yield* Queue.offer(received, r)
    const answer = (yield* Ref.get(reply))(r)
    return HttpServerResponse.text(answer.body, { status: answer.status, contentType: answer.contentType })
  }))
  const address = server.address
  const url = address._tag === "TcpAddress" ? `http://127.0.0.1:${address.port}/hook` : ""
  return { url, received, reply }
})

/** The signature as the webhook scheme defines it (independent of the sandbox's code). */
export const expectedSignature = (secret: string, r: Received): string =>
  "sha256=" +
  createHmac("sha256", secret).update(`${r.headers["x-webhook-timestamp"]}.${r.body}`).digest("hex")
