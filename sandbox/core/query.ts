import { ApiError } from './envelope';

export type QueryMap = Record<string, string[]>;

/** Parse a query string into name -> every value given (repeated keys kept in order). */
export function parseQuery(search: string): QueryMap {
	const out: QueryMap = {};
	const params = new URLSearchParams(search);
	for (const [key, value] of params) {
		(out[key] ??= []).push(value);
	}
	return out;
}

export interface IntOptions {
	default?: number;
	min?: number;
	max?: number;
	/** Message when above max; default "<name> must be less than or equal to <max>". */
	maxMessage?: string;
}

/**
 * Typed access to query parameters. Multi-valued parameters accept both repeated keys
 * (`ids=a&ids=b`) and comma-separated values (`ids=a,b`), and both at once.
 */
export class QueryAccessor {
	constructor(readonly raw: QueryMap) {}

	has(name: string): boolean {
		return this.raw[name] !== undefined && this.raw[name].length > 0;
	}

	/** The first value, or undefined. Empty strings count as absent. */
	string(name: string): string | undefined {
		const v = this.raw[name]?.[0];
		return v === undefined || v === '' ? undefined : v;
	}

	/** The first value, or a 400 "<name> is required". */
	required(name: string): string {
		const v = this.string(name);
		if (v === undefined) throw new ApiError(400, `${name} is required`);
		return v;
	}

	/** Every value: repeated keys and comma-separated lists, trimmed, empty ones dropped. */
	strings(name: string): string[] {
		const values = this.raw[name];
		if (!values) return [];
		const out: string[] = [];
		for (const v of values) {
			for (const part of v.split(',')) {
				const t = part.trim();
				if (t !== '') out.push(t);
			}
		}
		return out;
	}

	/** Like strings(), deduplicated, keeping first-seen order. */
	uniqueStrings(name: string): string[] {
		return [...new Set(this.strings(name))];
	}

	/** An integer; 400 on garbage or out of range. */
	int(name: string, options: IntOptions = {}): number | undefined {
		const v = this.string(name);
		if (v === undefined) return options.default;
		if (!/^-?\d+$/.test(v.trim())) throw new ApiError(400, `Invalid value for '${name}': '${v}' is not an integer`);
		const n = Number.parseInt(v, 10);
		if (options.min !== undefined && n < options.min) {
			throw new ApiError(400, `${name} must be greater than or equal to ${options.min}`);
		}
		if (options.max !== undefined && n > options.max) {
			throw new ApiError(400, options.maxMessage ?? `${name} must be less than or equal to ${options.max}`);
		}
		return n;
	}

	/** A boolean (true/false/1/0, case-insensitive); 400 on garbage. */
	bool(name: string, defaultValue?: boolean): boolean | undefined {
		const v = this.string(name);
		if (v === undefined) return defaultValue;
		const l = v.toLowerCase();
		if (l === 'true' || l === '1') return true;
		if (l === 'false' || l === '0') return false;
		throw new ApiError(400, `Invalid value for '${name}': '${v}' is not a boolean`);
	}
}
