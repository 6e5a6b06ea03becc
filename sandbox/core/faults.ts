import { Prng } from './prng';

export interface FaultConfig {
	/** Seed of the fault sequence: same seed, same requests => same faults. */
	seed: number | string;
	/** Share of requests answered 500/502/503. */
	rate5xx: number;
	/** Share of requests whose socket is destroyed without an answer. */
	rateDrop: number;
	/** Share of requests answered only after `slowMs`. */
	rateSlow: number;
	slowMs: number;
	/** Share of requests answered 200 with a truncated JSON body (the handler still runs). */
	rateMalformed: number;
	/** Share of requests answered 429 with a RetryAfter about one second ahead. */
	rate429: number;
	/** Also inject faults into /oauth2/token and /oauth2/revoke (default false). */
	includeTokenCalls: boolean;
	/** When set, only paths starting with one of these prefixes get faults. */
	paths?: string[];
}

export type FaultKind = 'drop' | '5xx' | '429' | 'malformed' | 'slow';

export interface FaultDecision {
	kind: FaultKind;
	status?: number;
}

export const DEFAULT_FAULTS: FaultConfig = {
	seed: 1,
	rate5xx: 0,
	rateDrop: 0,
	rateSlow: 0,
	slowMs: 2000,
	rateMalformed: 0,
	rate429: 0,
	includeTokenCalls: false,
};

/** Draws faults from a seeded sequence: one draw per eligible request. */
export class FaultInjector {
	private prng: Prng;
	private seed: number | string;

	constructor(private readonly config: () => FaultConfig) {
		this.seed = config().seed;
		this.prng = new Prng(`faults:${this.seed}`);
	}

	reset(): void {
		this.seed = this.config().seed;
		this.prng = new Prng(`faults:${this.seed}`);
	}

	/** Whether any fault rate is set at all. */
	active(): boolean {
		const c = this.config();
		return c.rate5xx > 0 || c.rateDrop > 0 || c.rateSlow > 0 || c.rateMalformed > 0 || c.rate429 > 0;
	}

	appliesTo(path: string, isTokenCall: boolean): boolean {
		const c = this.config();
		if (isTokenCall && !c.includeTokenCalls) return false;
		if (c.paths && c.paths.length > 0 && !c.paths.some((p) => path.startsWith(p))) return false;
		return true;
	}

	decide(): FaultDecision | undefined {
		const c = this.config();
		if (c.seed !== this.seed) this.reset();
		if (!this.active()) return undefined;
		const u = this.prng.next();
		let edge = 0;
		if (u < (edge += clamp(c.rateDrop))) return { kind: 'drop' };
		if (u < (edge += clamp(c.rate5xx))) return { kind: '5xx', status: [500, 502, 503][this.prng.int(0, 2)] };
		if (u < (edge += clamp(c.rate429))) return { kind: '429', status: 429 };
		if (u < (edge += clamp(c.rateMalformed))) return { kind: 'malformed', status: 200 };
		if (u < (edge += clamp(c.rateSlow))) return { kind: 'slow' };
		return undefined;
	}
}

function clamp(rate: number): number {
	return Number.isFinite(rate) ? Math.min(1, Math.max(0, rate)) : 0;
}

export const FAULT_MESSAGES: Record<number, string> = {
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
};
