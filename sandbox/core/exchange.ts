/**
 * Exchange listeners: code that wants to see every request a sandbox received together with the
 * answer it gave (the contract tests hold both against the published specs). A listener is
 * process-wide (`onExchange`, every sandbox of the process) or per sandbox (`sandbox.onExchange`).
 * Listeners run after the answer was sent; they cannot change it, and a listener that throws is
 * ignored. Admin routes (/_sandbox/...) are reported with `admin: true`.
 */
import type { IncomingHttpHeaders } from 'node:http';

import type { BodyKind } from './body';
import type { FaultKind } from './faults';
import type { QueryMap } from './query';

export interface Exchange {
	/** The sandbox's base URL. */
	sandboxUrl: string;
	method: string;
	/** Path without the query string, as received. */
	path: string;
	/** Query parameters in order, every value kept (`ids=a&ids=b` -> ['a','b'], `ids=a,b` -> ['a,b']). */
	query: QueryMap;
	headers: IncomingHttpHeaders;
	contentType?: string;
	/** How the body was read; `invalid` when it could not be parsed (e.g. malformed JSON). */
	bodyKind: BodyKind | 'invalid';
	/** JSON value; form-urlencoded and multipart fields (name -> every value); text; raw text when invalid. */
	body: unknown;
	/** Multipart file parts: their field names. */
	files: string[];
	/** The answer's status; 0 when the connection was dropped (fault). */
	status: number;
	/** The answer's body, parsed when it is JSON; undefined when there is none. */
	response?: unknown;
	/** The answer's body when it is not JSON (or truncated by a `malformed` fault). */
	responseText?: string;
	responseContentType?: string;
	/** A fault the sandbox injected into this answer. */
	fault?: FaultKind;
	/** The route's operation name (sandbox naming), when a route matched. */
	operation?: string;
	admin: boolean;
}

export type ExchangeListener = (exchange: Exchange) => void;

const GLOBAL_KEY = Symbol.for('edr-soar.sandbox.exchange-listeners');

function globalListeners(): Set<ExchangeListener> {
	const holder = globalThis as unknown as Record<symbol, Set<ExchangeListener> | undefined>;
	holder[GLOBAL_KEY] ??= new Set();
	return holder[GLOBAL_KEY] as Set<ExchangeListener>;
}

/** Sees the exchanges of every sandbox in this process. Answers a function that removes the listener. */
export function onExchange(listener: ExchangeListener): () => void {
	globalListeners().add(listener);
	return () => globalListeners().delete(listener);
}

/** Reports one exchange to the process-wide listeners and to `own` (a sandbox's own listeners). */
export function emitExchange(exchange: Exchange, own?: Iterable<ExchangeListener>): void {
	const listeners = [...globalListeners(), ...(own ?? [])];
	if (listeners.length === 0) return;
	for (const listener of listeners) {
		try {
			listener(exchange);
		} catch {
			// A listener must not break the sandbox.
		}
	}
}

export function hasExchangeListeners(own?: { size: number }): boolean {
	return globalListeners().size > 0 || (own?.size ?? 0) > 0;
}
