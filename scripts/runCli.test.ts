import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { flushed } from "./runCli";

/** A stream that takes each chunk a while after it is written, as a pipe to a slow reader does. */
function slowStream(delayMs: number) {
  const taken: string[] = [];
  const stream = new Writable({
    highWaterMark: 4,
    write(chunk: Buffer, _encoding, done) {
      setTimeout(() => {
        if (chunk.length > 0) taken.push(chunk.toString());
        done();
      }, delayMs);
    },
  });
  return { stream, taken };
}

describe("flushed (what a command waits for before it exits)", () => {
  it("resolves only once every line written before it has been taken", async () => {
    const { stream, taken } = slowStream(15);
    const lines = Array.from({ length: 6 }, (_, i) => `line ${i}\n`);
    for (const line of lines) stream.write(line);
    expect(taken).toEqual([]);
    await flushed([stream]);
    expect(taken).toEqual(lines);
  });

  it("does not wait on a stream that is gone, or one that has nothing left", async () => {
    const { stream: gone } = slowStream(15);
    gone.destroy();
    const { stream: idle } = slowStream(0);
    await expect(flushed([gone, idle])).resolves.toBeUndefined();
  });
});
