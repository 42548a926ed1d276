import { assert, describe, it } from "@effect/vitest"
import { Chunk, Equal, Hash } from "effect"
import { chunkLayoutMatches, unsafeChunkFromArray } from "../src/internal/chunk.js"

describe("internal/chunk", () => {
  it("builds chunks itself with this effect version (not the fallback)", () => {
    assert.isTrue(chunkLayoutMatches)
  })

  it("builds chunks that behave exactly like Chunk.unsafeFromArray's", () => {
    const arrays: ReadonlyArray<ReadonlyArray<string | number>> = [[1], [1, "b"], ["a", "b", "c", "d"]]
    for (const array of arrays) {
      const ours = unsafeChunkFromArray(array)
      const theirs = Chunk.unsafeFromArray(array)
      assert.isTrue(Chunk.isChunk(ours))
      assert.strictEqual(Chunk.size(ours), array.length)
      assert.deepStrictEqual(Chunk.toReadonlyArray(ours), array)
      assert.deepStrictEqual([...ours], array)
      assert.isTrue(Equal.equals(ours, theirs))
      assert.strictEqual(Hash.hash(ours), Hash.hash(theirs))
      assert.deepStrictEqual(Chunk.toReadonlyArray(Chunk.appendAll(ours, theirs)), [...array, ...array])
      assert.deepStrictEqual(Chunk.toReadonlyArray(Chunk.appendAll(theirs, ours)), [...array, ...array])
      assert.deepStrictEqual(Chunk.toReadonlyArray(Chunk.map(ours, (x) => `${x}!`)), array.map((x) => `${x}!`))
      assert.deepStrictEqual(Chunk.toReadonlyArray(Chunk.drop(ours, 1)), array.slice(1))
      assert.deepStrictEqual(Chunk.get(ours, array.length - 1), Chunk.get(theirs, array.length - 1))
      assert.deepStrictEqual(Chunk.toReadonlyArray(Chunk.reverse(ours)), [...array].reverse())
      assert.strictEqual(String(ours), String(theirs))
    }
  })
})
