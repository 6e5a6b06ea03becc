import { createHash } from 'node:crypto';

/**
 * A small seeded pseudo-random generator (xorshift128+ style mixing over 32-bit words),
 * so that seed data, fake telemetry and fault injection are reproducible run after run.
 * Not for cryptography.
 */
export class Prng {
	private a: number;
	private b: number;
	private c: number;
	private d: number;

	constructor(seed: number | string = 1) {
		const words = seedWords(seed);
		this.a = words[0];
		this.b = words[1];
		this.c = words[2];
		this.d = words[3];
		// Warm up so that close seeds diverge quickly.
		for (let i = 0; i < 12; i++) this.nextUint32();
	}

	/** Next unsigned 32-bit integer. */
	nextUint32(): number {
		// sfc32
		const t = (((this.a + this.b) | 0) + this.d) | 0;
		this.d = (this.d + 1) | 0;
		this.a = this.b ^ (this.b >>> 9);
		this.b = (this.c + (this.c << 3)) | 0;
		this.c = (this.c << 21) | (this.c >>> 11);
		this.c = (this.c + t) | 0;
		return t >>> 0;
	}

	/** Uniform float in [0, 1). */
	next(): number {
		return this.nextUint32() / 4294967296;
	}

	/** Integer in [min, max] (both inclusive). */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	/** true with probability p. */
	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}

	/** Up to `count` distinct items, in a random order. */
	sample<T>(items: readonly T[], count: number): T[] {
		const copy = items.slice();
		const n = Math.min(count, copy.length);
		for (let i = 0; i < n; i++) {
			const j = i + Math.floor(this.next() * (copy.length - i));
			const tmp = copy[i];
			copy[i] = copy[j];
			copy[j] = tmp;
		}
		return copy.slice(0, n);
	}

	/** `length` lowercase hex characters. */
	hex(length: number): string {
		let out = '';
		while (out.length < length) out += this.nextUint32().toString(16).padStart(8, '0');
		return out.slice(0, length);
	}
}

function seedWords(seed: number | string): [number, number, number, number] {
	const digest = createHash('sha256').update(String(seed)).digest();
	return [digest.readUInt32LE(0), digest.readUInt32LE(4), digest.readUInt32LE(8), digest.readUInt32LE(12)];
}

/** Deterministic hex digest of a string: the basis of every derived fake record. */
export function hashHex(input: string, length = 64): string {
	return createHash('sha256').update(input).digest('hex').slice(0, length);
}

/** Deterministic unsigned 32-bit integer derived from a string. */
export function hashInt(input: string): number {
	return createHash('sha256').update(input).digest().readUInt32LE(0);
}
