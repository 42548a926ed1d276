import { AgentPhone } from "@agentphone-effect/core"
import * as HttpBody from "@effect/platform/HttpBody"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"

const parse = Schema.decodeUnknownSync(Schema.parseJson())

/**
 * A raw JSON request through the client's configured HttpClient (base URL + bearer), for groups
 * and paths the typed client does not cover.
 */
export const api = (
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
  path: string,
  body?: unknown,
  headers?: Record<string, string>
) =>
  Effect.gen(function*() {
    const ap = yield* AgentPhone.AgentPhone
    const request = HttpClientRequest.make(method)(path, {
      headers: headers ?? {},
      ...(body === undefined ? {} : { body: HttpBody.unsafeJson(body) })
    })
    const response = yield* ap.httpClient.execute(request)
    const text = yield* response.text
    // Test-only convenience: the bodies here are the sandbox's own JSON.
    const json: any = text.length === 0 ? undefined : parse(text)
    return { status: response.status, json, headers: response.headers }
  }).pipe(Effect.orDie)
