/**
 * Bounding how many bytes a parsing stage takes in per read.
 *
 * A transport that hands over everything already buffered (NodeHttpClient reads ~64 KB at a time
 * under a backlog; a Chunk may also carry many network chunks) makes a parsing stage do a lot of
 * work, and allocate hundreds of events, per read. When something effectful runs downstream of
 * such a stage (`Stream.runForEach`, `runForEachChunk`, `mapEffect`, `tap`), V8's minor GCs were
 * measured to keep whole young generations alive (every scavenge copying ~15 MB), and the SSE
 * stage ran about 5x slower on 64 KiB reads than on 16 KiB ones; `eventsource-parser` in the same
 * Stream slowed down too (~3x), and a pure downstream (`runFold`, `runDrain`) does not show it
 * (`bench/sse-parse.mjs`, `<=64 KiB` row; the cause was not pinned down further). Splitting each
 * large read into reads of at most 16 KiB before the parser removes the slowdown. A stage switches
 * to split reads on its first large one (`continueBounded`), so a stream of small reads (a live
 * call) never pays for the extra Channel (about 1 µs a read).
 *
 * @internal
 */
import * as Channel from "effect/Channel"
import * as Chunk from "effect/Chunk"
import { unsafeChunkFromArray } from "./chunk.js"

/** The most bytes a parsing stage takes in per read. */
export const maxReadBytes = 16 * 1024

const split = (input: Chunk.Chunk<Uint8Array>, maxBytes: number): Array<Chunk.Chunk<Uint8Array>> => {
  const out: Array<Chunk.Chunk<Uint8Array>> = []
  let current: Array<Uint8Array> = []
  let size = 0
  for (let i = 0; i < input.length; i++) {
    const bytes = Chunk.unsafeGet(input, i)
    for (let start = 0; start < bytes.length; start += maxBytes) {
      const piece = bytes.length <= maxBytes ? bytes : bytes.subarray(start, start + maxBytes)
      if (current.length > 0 && size + piece.length > maxBytes) {
        out.push(unsafeChunkFromArray(current))
        current = []
        size = 0
      }
      current.push(piece)
      size += piece.length
    }
  }
  if (current.length > 0) out.push(unsafeChunkFromArray(current))
  return out
}

/** Whether a read holds more than `maxBytes` bytes. */
export const isLarge = (input: Chunk.Chunk<Uint8Array>, maxBytes: number = maxReadBytes): boolean => {
  let size = 0
  for (let i = 0; i < input.length; i++) {
    size += Chunk.unsafeGet(input, i).length
    if (size > maxBytes) return true
  }
  return false
}

/**
 * Pass chunks of byte arrays through unchanged while one holds at most `maxBytes` bytes; split a
 * larger one, in order, into several chunks of at most `maxBytes` (an array longer than that into
 * subarrays: no copy). Failures and the done value pass through.
 */
export const boundReads = <E, Done>(
  maxBytes: number = maxReadBytes
): Channel.Channel<Chunk.Chunk<Uint8Array>, Chunk.Chunk<Uint8Array>, E, E, Done, Done> => {
  const loop: Channel.Channel<Chunk.Chunk<Uint8Array>, Chunk.Chunk<Uint8Array>, E, E, Done, Done> = Channel
    .readWithCause({
      onInput: (input: Chunk.Chunk<Uint8Array>) =>
        isLarge(input, maxBytes)
          ? Channel.flatMap(Channel.writeAll(...split(input, maxBytes)), () => loop)
          : Channel.flatMap(Channel.write(input), () => loop),
      onFailure: Channel.failCause,
      onDone: Channel.succeed
    })
  return loop
}

/**
 * For a stage that has just read a large `input`: the stage itself (`stage`), from now on reading
 * through `boundReads`, starting with `input` split. A stage calls this on its first large read
 * only, so a stream of small reads never pays for the extra Channel.
 */
export const continueBounded = <Out, E, OutErr, OutDone, Done>(
  input: Chunk.Chunk<Uint8Array>,
  stage: Channel.Channel<Out, Chunk.Chunk<Uint8Array>, OutErr, E, OutDone, Done>,
  maxBytes: number = maxReadBytes
): Channel.Channel<Out, Chunk.Chunk<Uint8Array>, OutErr, E, OutDone, Done> =>
  Channel.pipeTo(
    Channel.flatMap(Channel.writeAll(...split(input, maxBytes)), () => boundReads<E, Done>(maxBytes)),
    stage
  )
