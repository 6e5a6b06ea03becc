import { sleep } from 'n8n-workflow';

/** A token this close to its end is treated as gone: requests go one at a time until it is renewed. */
const RENEWAL_MARGIN_MS = 5_000;

/** How often waiting requests look whether n8n has stored the token the first request fetched. */
const TOKEN_WATCH_MS = 5;

/** How often requests held back after a failed token call look whether the hold is over. */
const HOLD_CHECK_MS = 100;

/** What a credential keeps of its token: the token, the settings it was issued for, when it ends. */
export interface StoredToken {
	token?: string;
	issuedFor?: string;
	/** ISO time; empty or missing when the token service did not say. */
	expiresAt?: string;
}

/** The stored token, and the settings the credential has now (a token issued for others is not used). */
type ReadStoredToken = () => Promise<{ stored: StoredToken; settings: string }>;

/**
 * Lets requests run concurrently only while the stored token is fresh. Without one (the first call,
 * or near expiry) a single request goes first: it makes n8n fetch or renew the token once, and the
 * rest follow with that token instead of each asking for its own. They follow as soon as n8n has
 * stored it (before the first request's own answer, which saves one round trip per run), or when
 * that answer comes, whichever is first.
 *
 * A failed token call (see nodes/common/token-call.ts) stops the others from asking too: after one
 * that may work later (429, 5xx, no answer) no request goes until the wait its retry takes is over,
 * then one asks again; after a refusal (wrong secret) every request of the execution fails with it,
 * and the token endpoint is not asked again.
 */
export class SessionGate {
	private freshUntil: number | undefined;

	/** The stored token as last read: a token that failed to renew is not trusted again. */
	private lastToken: string | undefined;

	private distrusted: string | undefined;

	private heldUntil = 0;

	private refusal: Error | undefined;

	private leader: Promise<void> | undefined;

	private watch: Promise<void> | undefined;

	private first: Promise<void> | undefined;

	/**
	 * With `firstGoesAlone`, the first request of the execution also goes alone when the stored token
	 * looks fresh, and the others wait for its answer: a token revoked before its end is then renewed
	 * once instead of once per request in flight, for one round trip per execution.
	 */
	constructor(
		private readonly readStoredToken: ReadStoredToken,
		private readonly options: { firstGoesAlone?: boolean } = {},
	) {}

	/** Runs `send` when its turn comes; `leading` tells it that it may be the request that fetches the token. */
	async run<T>(send: (leading: boolean) => Promise<T>): Promise<T> {
		if (this.options.firstGoesAlone) {
			if (this.first === undefined) {
				// It leads, but fetches a token only when none is fresh.
				const answer = this.lead(async () => await send(!(await this.isFresh())));
				// lead() has set this.leader before its first await: the others wait for that answer.
				this.first = this.leader;
				return await answer;
			}
			await this.first;
		}
		for (;;) {
			if (this.refusal) throw this.refusal;
			if (await this.isFresh()) return await send(false);
			const held = this.heldUntil - Date.now();
			if (held > 0) {
				await sleep(Math.min(held, HOLD_CHECK_MS));
				continue;
			}
			if (this.leader === undefined) return await this.lead(send);
			this.watch ??= this.watchForToken(this.leader).finally(() => {
				this.watch = undefined;
			});
			await this.watch;
		}
	}

	/**
	 * A token call failed. `retryInMs`: it may work later, no request asks before then. `refusal`:
	 * it will not work in this execution (refused, or failing for longer than the policy waits):
	 * every request fails with it.
	 */
	tokenFailed(outcome: { retryInMs: number } | { refusal: Error }): void {
		this.distrusted = this.lastToken;
		this.freshUntil = undefined;
		if ('refusal' in outcome) this.refusal = outcome.refusal;
		else this.heldUntil = Math.max(this.heldUntil, Date.now() + outcome.retryInMs);
	}

	private async lead<T>(send: (leading: boolean) => Promise<T>): Promise<T> {
		let answered!: () => void;
		this.leader = new Promise<void>((resolve) => {
			answered = resolve;
		});
		try {
			return await send(true);
		} finally {
			this.freshUntil = undefined;
			this.leader = undefined;
			answered();
		}
	}

	/** Until the leader's answer, or until a fresh token is stored, whichever is first. */
	private async watchForToken(leader: Promise<void>): Promise<void> {
		let answered = false;
		void leader.then(() => {
			answered = true;
		});
		for (;;) {
			await Promise.race([leader, sleep(TOKEN_WATCH_MS)]);
			if (answered) return;
			this.freshUntil = undefined;
			if (await this.isFresh()) return;
		}
	}

	private async isFresh(): Promise<boolean> {
		this.freshUntil ??= await this.readFreshUntil();
		return Date.now() < this.freshUntil;
	}

	private async readFreshUntil(): Promise<number> {
		const { stored, settings } = await this.readStoredToken();
		this.lastToken = stored.token;
		if (!stored.token || stored.issuedFor !== settings || stored.token === this.distrusted) return 0;
		const expiresAt = Date.parse(stored.expiresAt ?? '');
		return Number.isFinite(expiresAt) ? expiresAt - RENEWAL_MARGIN_MS : Number.POSITIVE_INFINITY;
	}
}
