import { AgentPhone } from "@agentphone-effect/core"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Effect from "effect/Effect"
import * as Queue from "effect/Queue"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"

export interface Frame {
  readonly id?: string
  readonly event?: string
  readonly data?: string
  readonly comment?: string
  readonly eof?: true
}

const parseFrame = (block: string): Frame => {
  const frame: Record<string, string> = {}
  for (const line of block.split("\n")) {
    if (line.startsWith(":")) frame.comment = line.slice(1).trim()
    else {
      const i = line.indexOf(":")
      const key = i < 0 ? line : line.slice(0, i)
      const value = i < 0 ? "" : line.slice(i + 1).replace(/^ /, "")
      frame[key] = key === "data" && frame.data !== undefined ? frame.data + "\n" + value : value
    }
  }
  return frame
}

/**
 * Open the transcript stream of a call; its frames arrive in the returned queue, then `{eof}`.
 * The connection closes with the scope.
 */
export const connect = (
  callId: string,
  lastEventId?: string
): Effect.Effect<Queue.Queue<Frame>, never, AgentPhone.AgentPhone | Scope.Scope> =>
  Effect.gen(function*() {
    const ap = yield* AgentPhone.AgentPhone
    const queue = yield* Queue.unbounded<Frame>()
    const request = HttpClientRequest.get(`/v1/calls/${callId}/transcript/stream`).pipe(
      HttpClientRequest.setHeader("accept", "text/event-stream"),
      lastEventId === undefined ? (r) => r : HttpClientRequest.setHeader("last-event-id", lastEventId)
    )
    const response = yield* Effect.orDie(ap.httpClient.execute(request))
    yield* response.stream.pipe(
      Stream.decodeText(),
      Stream.mapAccum("", (buffer, chunk) => {
        const parts = (buffer + chunk).split("\n\n")
        const rest = parts.pop() ?? ""
        return [rest, parts]
      }),
      Stream.flattenIterables,
      Stream.map(parseFrame),
      Stream.runForEach((frame) => Queue.offer(queue, frame)),
      Effect.ignore,
      Effect.zipRight(Queue.offer(queue, { eof: true })),
      Effect.forkScoped
    )
    return queue
  })

/** The next frame that is not a comment (comments are appended to `comments`). */
export const nextEvent = (queue: Queue.Queue<Frame>, comments: Array<string> = []): Effect.Effect<Frame> =>
  Effect.flatMap(Queue.take(queue), (frame) => {
    if (frame.comment !== undefined && frame.data === undefined && frame.event === undefined) {
      comments.push(frame.comment)
      return nextEvent(queue, comments)
    }
    return Effect.succeed(frame)
  })
