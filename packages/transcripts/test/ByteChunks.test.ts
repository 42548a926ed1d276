import { assert, describe, it } from "@effect/vitest"
import { Chunk, Effect, Stream } from "effect"
import * as fc from "fast-check"
import { boundReads, maxReadBytes } from "../src/internal/byteChunks.js"

const bytesOf = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff)
const concat = (arrays: ReadonlyArray<Uint8Array>): Array<number> => arrays.flatMap((a) => Array.from(a))

describe("internal/byteChunks", () => {
  it("splits large reads into reads of at most maxBytes, in order, and passes small ones through as they are", () =>
    Effect.gen(function*() {
      const small = Chunk.make(bytesOf(10, 1), bytesOf(maxReadBytes - 10, 2))
      const large = Chunk.make(bytesOf(3000, 3), bytesOf(5 * maxReadBytes + 7, 4), bytesOf(1, 5), bytesOf(9000, 6))
      const out = yield* Stream.fromChunks(small, large).pipe(
        Stream.pipeThroughChannel(boundReads()),
        Stream.chunks,
        Stream.runCollect
      )
      const reads = Chunk.toReadonlyArray(out)
      assert.strictEqual(reads[0], small)
      for (const read of reads) {
        assert.isAtMost(Chunk.reduce(read, 0, (n, a) => n + a.length), maxReadBytes)
        assert.isAbove(Chunk.size(read), 0)
      }
      assert.isAtLeast(reads.length, 1 + 6)
      assert.deepStrictEqual(
        concat(reads.flatMap((r) => Chunk.toReadonlyArray(r))),
        concat([...Chunk.toReadonlyArray(small), ...Chunk.toReadonlyArray(large)])
      )
    }))

  it.effect.prop(
    "keeps every byte in order for any reads and any bound",
    [fc.array(fc.array(fc.nat({ max: 300 }), { maxLength: 6 }), { maxLength: 8 }), fc.integer({ min: 1, max: 64 })],
    ([reads, maxBytes]) =>
      Effect.gen(function*() {
        const chunks = reads.map((sizes, r) => Chunk.fromIterable(sizes.map((n, i) => bytesOf(n, r * 7 + i))))
        const out = yield* Stream.fromChunks(...chunks).pipe(
          Stream.pipeThroughChannel(boundReads(maxBytes)),
          Stream.chunks,
          Stream.runCollect
        )
        for (const read of out) assert.isAtMost(Chunk.reduce(read, 0, (n, a) => n + a.length), maxBytes)
        assert.deepStrictEqual(
          concat(Chunk.toReadonlyArray(out).flatMap((r) => Chunk.toReadonlyArray(r))),
          concat(chunks.flatMap((c) => Chunk.toReadonlyArray(c)))
        )
      })
  )

  it.effect("passes failures through", () =>
    Effect.gen(function*() {
      const error = yield* Stream.make(bytesOf(3 * maxReadBytes, 1)).pipe(
        Stream.concat(Stream.fail("boom" as const)),
        Stream.pipeThroughChannel(boundReads()),
        Stream.runDrain,
        Effect.flip
      )
      assert.strictEqual(error, "boom")
    }))
})
