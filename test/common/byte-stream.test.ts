import { readCapped } from '../../nodes/common/byte-stream';

/** A response-like stream of the chunks, remembering whether it was destroyed and how far it was read. */
function streamOf(chunks: Buffer[], failAfter?: number) {
	const state = { destroyed: false, read: 0 };
	const stream = {
		state,
		destroy() {
			state.destroyed = true;
		},
		async *[Symbol.asyncIterator]() {
			for (const chunk of chunks) {
				if (state.destroyed) return;
				if (failAfter !== undefined && state.read >= failAfter) throw new Error('aborted');
				state.read++;
				yield chunk;
			}
		},
	};
	return stream;
}

const chunks = (count: number, size: number) => Array.from({ length: count }, (_, i) => Buffer.alloc(size, i));

describe('readCapped: a streamed file answer, counted and capped', () => {
	it('without a declared length: stops at the chunk that passes the cap, reading no further', async () => {
		const stream = streamOf(chunks(10, 100));
		expect(await readCapped(stream, 350)).toEqual({ tooLarge: true, bytes: 400, declared: false });
		expect(stream.state).toEqual({ destroyed: true, read: 4 });
	});

	it('a declared length above the cap: stops before reading anything', async () => {
		const stream = streamOf(chunks(10, 100));
		expect(await readCapped(stream, 350, { declared: 1000 })).toEqual({ tooLarge: true, bytes: 1000, declared: true });
		expect(stream.state.read).toBe(0);
	});

	it('gathers the bytes in order, with or without a declared length, also when the body is longer than declared', async () => {
		const parts = chunks(5, 100);
		const expected = Buffer.concat(parts);
		for (const declared of [undefined, 500, 250]) {
			const read = await readCapped(streamOf(parts), 1000, { declared });
			expect('data' in read && read.data.equals(expected)).toBe(true);
		}
	});

	it('a stream that fails halfway: says so with how much came', async () => {
		const read = await readCapped(streamOf(chunks(5, 100), 2), 1000);
		expect(read).toEqual({ cut: new Error('aborted'), bytes: 200 });
	});
});

it('ends a read that gets no byte for the idle time with an error, whatever kind of stream it is', async () => {
	const { Readable } = await import('node:stream');
	const stalled = new Readable({ read() {} });
	stalled.push(Buffer.from('first bytes'));
	const started = Date.now();
	const read = await readCapped(stalled, 1024, { idleMs: 300 });
	expect(read).toMatchObject({ bytes: 11 });
	expect('cut' in read && read.cut.message).toBe('no data for 0 s');
	expect(Date.now() - started).toBeLessThan(5000);
});
