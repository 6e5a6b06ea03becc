import { sleep, type ICredentialDataDecryptedObject } from 'n8n-workflow';

import { issuedFor, type FalconCredentialData } from '../shared/credential-fields';

/** A token this close to its end is treated as gone: requests go one at a time until it is renewed. */
const RENEWAL_MARGIN_MS = 5_000;

/** How often waiting requests look whether n8n has stored the token the first request fetched. */
const TOKEN_WATCH_MS = 5;

type ReadCredentials = () => Promise<ICredentialDataDecryptedObject>;

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

	constructor(private readonly readCredentials: ReadCredentials) {}

	async run<T>(send: () => Promise<T>): Promise<T> {
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
		const credential = (await this.readCredentials()) as unknown as FalconCredentialData;
		if (!credential.sessionToken || credential.issuedFor !== issuedFor(credential)) return 0;
		const expiresAt = Date.parse(credential.expiresAt ?? '');
		return Number.isFinite(expiresAt) ? expiresAt - RENEWAL_MARGIN_MS : Number.POSITIVE_INFINITY;
	}
}
