import { sleep } from 'n8n-workflow';

/** A token this close to its end is treated as gone: requests go one at a time until it is renewed. */
const RENEWAL_MARGIN_MS = 5_000;

/** How often waiting requests look whether n8n has stored the token the first request fetched. */
const TOKEN_WATCH_MS = 5;

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
 */
export class SessionGate {
	private freshUntil: number | undefined;

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

	async run<T>(send: () => Promise<T>): Promise<T> {
		if (this.options.firstGoesAlone) {
			if (this.first === undefined) {
				const answer = this.lead(send);
				// lead() has set this.leader before its first await: the others wait for that answer.
				this.first = this.leader;
				return await answer;
			}
			await this.first;
		}
		for (;;) {
			if (await this.isFresh()) return await send();
			if (this.leader === undefined) return await this.lead(send);
			this.watch ??= this.watchForToken(this.leader).finally(() => {
				this.watch = undefined;
			});
			await this.watch;
		}
	}

	private async lead<T>(send: () => Promise<T>): Promise<T> {
		let answered!: () => void;
		this.leader = new Promise<void>((resolve) => {
			answered = resolve;
		});
		try {
			return await send();
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
		if (!stored.token || stored.issuedFor !== settings) return 0;
		const expiresAt = Date.parse(stored.expiresAt ?? '');
		return Number.isFinite(expiresAt) ? expiresAt - RENEWAL_MARGIN_MS : Number.POSITIVE_INFINITY;
	}
}
